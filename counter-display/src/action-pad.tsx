import { useTexts } from './i18n';
import { shortcutKeys } from './shortcuts';

export type ActionId =
  | 'callNext'
  | 'recall'
  | 'start'
  | 'finish'
  | 'noShow'
  | 'transfer'
  | 'pause'
  | 'resume'
  | 'choose'
  | 'requeue'
  | 'signOut';

const PAD: ActionId[] = [
  'callNext',
  'recall',
  'start',
  'finish',
  'choose',
  'noShow',
  'requeue',
  'transfer',
  'pause',
  'resume',
];

/** The big buttons, each with its keys; only what the window's state allows is enabled. */
export function ActionPad(props: {
  enabled: Record<ActionId, boolean>;
  busy: boolean;
  onAction: (id: ActionId) => void;
}) {
  const t = useTexts();
  return (
    <div className="action-pad">
      {PAD.map((id) => (
        <button
          key={id}
          type="button"
          className={`action action-${id}`}
          data-action={id}
          disabled={!props.enabled[id] || props.busy}
          onClick={() => props.onAction(id)}
        >
          <span className="action-label">{t.actions[id as keyof typeof t.actions]}</span>
          <span className="action-keys">
            {shortcutKeys[id].map((k) => (
              <kbd key={k}>{k}</kbd>
            ))}
          </span>
        </button>
      ))}
    </div>
  );
}
