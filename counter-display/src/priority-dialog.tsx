import type { Ticket } from '@hall/protocol';
import { useCallback, useState } from 'react';
import { Dialog } from './dialog';
import { ReasonField } from './reason-field';
import { usePriorityTexts } from './priority-i18n';

/**
 * 设为绿色通道 / 取消绿色通道 for a waiting ticket: the reason is required (a common one in one
 * touch, or typed) and recorded with the clerk who changed it.
 */
export function PriorityDialog(props: {
  ticket: Ticket;
  busy: boolean;
  error: string | null;
  onCancel: () => void;
  onConfirm: (green: boolean, reason: string) => void;
}) {
  const t = usePriorityTexts();
  const green = props.ticket.priority !== 'green';
  const [reason, setReason] = useState('');
  const [missing, setMissing] = useState(false);
  const { busy, onConfirm } = props;
  const confirm = useCallback(() => {
    if (busy) return;
    if (!reason.trim()) {
      setMissing(true);
      return;
    }
    onConfirm(green, reason.trim());
  }, [busy, green, reason, onConfirm]);
  const onKey = useCallback(
    (e: KeyboardEvent) => {
      if (e.key === 'Enter') {
        e.preventDefault();
        confirm();
      }
    },
    [confirm],
  );
  const number = props.ticket.number;
  return (
    <Dialog
      title={green ? t.setGreenTitle(number) : t.unsetGreenTitle(number)}
      onCancel={props.onCancel}
      onKey={onKey}
      confirm={{
        label: green ? t.setGreen : t.unsetGreen,
        onConfirm: confirm,
        disabled: busy,
        testId: 'priority-confirm',
      }}
    >
      <ReasonField
        presets={green ? t.greenReasons : t.unsetReasons}
        value={reason}
        name="priority-reason"
        onChange={(r) => {
          setReason(r);
          setMissing(false);
        }}
      />
      {(missing || props.error) && (
        <p className="error" role="alert">
          {missing ? t.reasonMissing : props.error}
        </p>
      )}
    </Dialog>
  );
}
