import { useCallback } from 'react';
import { Dialog } from './dialog';
import { useTexts } from './i18n';

/** 暂停: 请稍候 (key 1) for a short absence, 暂停服务 (key 2) for longer. */
export function PauseDialog(props: {
  busy: boolean;
  onCancel: () => void;
  onConfirm: (kind: 'brief' | 'closed') => void;
}) {
  const t = useTexts();
  const { onConfirm, busy } = props;
  const onKey = useCallback(
    (e: KeyboardEvent) => {
      if (busy) return;
      if (e.code === 'Digit1' || e.code === 'Numpad1') onConfirm('brief');
      if (e.code === 'Digit2' || e.code === 'Numpad2') onConfirm('closed');
    },
    [busy, onConfirm],
  );
  return (
    <Dialog title={t.pauseTitle} onCancel={props.onCancel} onKey={onKey}>
      <div className="pause-choices">
        <button
          type="button"
          className="big"
          disabled={busy}
          onClick={() => onConfirm('brief')}
          data-testid="pause-brief"
        >
          <kbd>1</kbd> {t.pauseBrief}
        </button>
        <button
          type="button"
          className="big"
          disabled={busy}
          onClick={() => onConfirm('closed')}
          data-testid="pause-closed"
        >
          <kbd>2</kbd> {t.pauseClosed}
        </button>
      </div>
    </Dialog>
  );
}
