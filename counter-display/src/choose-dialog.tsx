import type { Ticket } from '@hall/protocol';
import { useCallback, useState } from 'react';
import { Dialog } from './dialog';
import { useTexts } from './i18n';

/** 指定叫号: call a chosen waiting ticket out of order; the reason is required and recorded. */
export function ChooseDialog(props: {
  tickets: Ticket[];
  initial: string | null;
  busy: boolean;
  onCancel: () => void;
  onConfirm: (ticketId: string, reason: string) => void;
}) {
  const t = useTexts();
  const [chosen, setChosen] = useState<string | null>(
    props.initial ?? props.tickets[0]?.id ?? null,
  );
  const [reason, setReason] = useState('');
  const [error, setError] = useState<string | null>(null);
  const { onConfirm, busy } = props;
  const confirm = useCallback(() => {
    if (busy || !chosen) return;
    if (!reason.trim()) {
      setError(t.chooseReasonMissing);
      return;
    }
    onConfirm(chosen, reason.trim());
  }, [busy, chosen, reason, onConfirm, t]);
  const onKey = useCallback(
    (e: KeyboardEvent) => {
      if (e.key === 'Enter') {
        e.preventDefault();
        confirm();
      }
    },
    [confirm],
  );
  return (
    <Dialog
      title={t.chooseTitle}
      onCancel={props.onCancel}
      onKey={onKey}
      confirm={{
        label: t.actions.choose,
        onConfirm: confirm,
        disabled: busy || !chosen,
        testId: 'choose-confirm',
      }}
    >
      <div className="choices ticket-choices" role="radiogroup">
        {props.tickets.map((ticket) => (
          <label key={ticket.id} className={`choice ${chosen === ticket.id ? 'chosen' : ''}`}>
            <input
              type="radio"
              name="ticket"
              checked={chosen === ticket.id}
              onChange={() => setChosen(ticket.id)}
            />
            <strong>{ticket.number}</strong> <span className="muted">{ticket.serviceName}</span>
          </label>
        ))}
      </div>
      <label className="other">
        {t.chooseReason}
        <input
          autoFocus
          name="reason"
          value={reason}
          maxLength={200}
          onChange={(e) => {
            setReason(e.target.value);
            setError(null);
          }}
        />
      </label>
      {error && (
        <p className="error" role="alert">
          {error}
        </p>
      )}
    </Dialog>
  );
}
