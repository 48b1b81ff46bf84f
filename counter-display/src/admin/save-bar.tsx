import { Dialog } from '../dialog';
import type { Change } from './config-edit';
import { showValue } from './config-edit';
import { useAdminTexts } from './admin-i18n';
import type { SaveState } from './use-admin-config';

/** The bar under every page: unsaved changes, the errors that block saving, review and discard. */
export function SaveBar(props: {
  changes: Change[];
  errors: Map<string, string>;
  state: SaveState;
  onReview: () => void;
  onDiscard: () => void;
}) {
  const t = useAdminTexts();
  const { changes, errors } = props;
  if (changes.length === 0 && errors.size === 0)
    return (
      <div className="adm-savebar" data-testid="save-bar">
        <span className="muted">{t.noChanges}</span>
      </div>
    );
  return (
    <div className="adm-savebar adm-savebar-on" data-testid="save-bar">
      <strong>{t.unsaved(changes.length)}</strong>
      {errors.size > 0 && (
        <div className="adm-errors" role="alert">
          {t.errorsLeft(errors.size)}
          <ul>
            {[...errors.entries()].slice(0, 5).map(([path, message]) => (
              <li key={path}>
                <code>{path}</code> {message}
              </li>
            ))}
          </ul>
        </div>
      )}
      <span className="adm-spacer" />
      <button type="button" onClick={props.onDiscard} disabled={changes.length === 0}>
        {t.discard}
      </button>
      <button
        type="button"
        className="primary"
        onClick={props.onReview}
        disabled={changes.length === 0 || errors.size > 0 || props.state.step === 'saving'}
      >
        {props.state.step === 'saving' ? t.saving : t.review}
      </button>
    </div>
  );
}

/** What saving will change, each line before → after, to confirm. */
export function DiffDialog(props: {
  changes: Change[];
  saving: boolean;
  onConfirm: () => void;
  onCancel: () => void;
}) {
  const t = useAdminTexts();
  return (
    <Dialog
      title={t.confirmTitle}
      onCancel={props.onCancel}
      confirm={{
        label: props.saving ? t.saving : t.confirmSave,
        onConfirm: props.onConfirm,
        disabled: props.saving,
        testId: 'confirm-save',
      }}
    >
      <table className="adm-diff" data-testid="diff-table">
        <thead>
          <tr>
            <th scope="col">{t.changed}</th>
            <th scope="col">{t.before}</th>
            <th scope="col">{t.after}</th>
          </tr>
        </thead>
        <tbody>
          {props.changes.map((c) => (
            <tr key={`${c.kind}:${c.path}`} className={`adm-diff-${c.kind}`}>
              <th scope="row">
                <span className="adm-diff-kind">{t[c.kind]}</span> <code>{c.path}</code>
              </th>
              <td>
                <del>{showValue(c.before, t.empty)}</del>
              </td>
              <td>
                <ins>{showValue(c.after, t.empty)}</ins>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </Dialog>
  );
}
