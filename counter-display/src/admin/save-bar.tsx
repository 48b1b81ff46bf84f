import { Dialog } from '../dialog';
import type { Change } from './config-edit';
import type { HallConfig } from '@hall/protocol';
import { useAdminTexts } from './admin-i18n';
import { pathLabel, valueLabel } from './path-label';
import type { SaveState } from './use-admin-config';

/** The bar under every page: unsaved changes, the errors that block saving, review and discard. */
export function SaveBar(props: {
  changes: Change[];
  errors: Map<string, string>;
  state: SaveState;
  config: HallConfig | null;
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
                {pathLabel(path, props.config, t)}：{message}
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

/** A dialog's Enter: its main button, as the key label on that button says. */
export const enterTo = (action: () => void) => (e: KeyboardEvent) => {
  if (e.key !== 'Enter' || e.repeat) return;
  e.preventDefault();
  action();
};

/** What saving will change, each line before → after, to confirm. */
export function DiffDialog(props: {
  changes: Change[];
  saving: boolean;
  config: HallConfig | null;
  onConfirm: () => void;
  onCancel: () => void;
}) {
  const t = useAdminTexts();
  return (
    <Dialog
      title={t.confirmTitle}
      onCancel={props.onCancel}
      onKey={enterTo(() => !props.saving && props.onConfirm())}
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
                <span className="adm-diff-kind">{t[c.kind]}</span>{' '}
                {pathLabel(c.path, props.config, t)}
              </th>
              <td>
                <del>{valueLabel(c.path, c.before, t, props.config)}</del>
              </td>
              <td>
                <ins>{valueLabel(c.path, c.after, t, props.config)}</ins>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </Dialog>
  );
}
