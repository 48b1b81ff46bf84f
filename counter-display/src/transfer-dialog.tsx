import type { HallSnapshot, Ticket } from '@hall/protocol';
import { useCallback, useContext, useEffect, useState } from 'react';
import { api } from './api';
import { Dialog } from './dialog';
import { LangContext, useTexts } from './i18n';
import type { Session } from './session';

type Target = { toServiceId: string } | { toWindowId: string };

/** 转移: to another service or window, each with its queue length; the ticket goes first there. */
export function TransferDialog(props: {
  session: Session;
  hall: HallSnapshot;
  windowId: string;
  ticket: Ticket;
  busy: boolean;
  onCancel: () => void;
  onConfirm: (target: Target & { note?: string }, label: string) => void;
}) {
  const t = useTexts();
  const lang = useContext(LangContext);
  const { session, hall, windowId, ticket, onConfirm, busy } = props;
  const [target, setTarget] = useState<{ target: Target; label: string } | null>(null);
  const [note, setNote] = useState('');
  const [windowQueues, setWindowQueues] = useState<Record<string, number>>({});
  const services = hall.services.filter((s) => s.id !== ticket.serviceId);
  const windows = hall.windows.filter((w) => w.id !== windowId);

  useEffect(() => {
    let stop = false;
    for (const w of windows) {
      api
        .upcoming(session.hallId, w.id, session.token, lang)
        .then((list) => {
          if (!stop) setWindowQueues((q) => ({ ...q, [w.id]: list.length }));
        })
        .catch(() => undefined);
    }
    return () => {
      stop = true;
    };
  }, []);

  const confirm = useCallback(() => {
    if (busy || !target) return;
    onConfirm({ ...target.target, ...(note.trim() ? { note: note.trim() } : {}) }, target.label);
  }, [busy, target, note, onConfirm]);
  const onKey = useCallback(
    (e: KeyboardEvent) => {
      if (e.key === 'Enter' && (e.target as HTMLElement | null)?.tagName !== 'BUTTON') {
        e.preventDefault();
        confirm();
      }
    },
    [confirm],
  );
  const isChosen = (kind: string, id: string) =>
    target !== null &&
    (kind === 'service'
      ? 'toServiceId' in target.target && target.target.toServiceId === id
      : 'toWindowId' in target.target && target.target.toWindowId === id);

  return (
    <Dialog
      title={`${t.transferTitle} · ${ticket.number}`}
      onCancel={props.onCancel}
      onKey={onKey}
      confirm={{
        label: t.actions.transfer,
        onConfirm: confirm,
        disabled: busy || !target,
        testId: 'transfer-confirm',
      }}
    >
      <div className="transfer-columns">
        <fieldset>
          <legend>{t.toService}</legend>
          {services.map((s) => (
            <button
              key={s.id}
              type="button"
              className={`target ${isChosen('service', s.id) ? 'chosen' : ''}`}
              aria-pressed={isChosen('service', s.id)}
              data-service={s.id}
              onClick={() => setTarget({ target: { toServiceId: s.id }, label: s.name })}
            >
              <span>{s.name}</span>
              <span className="muted">{t.queueLength(s.waiting)}</span>
            </button>
          ))}
        </fieldset>
        <fieldset>
          <legend>{t.toWindow}</legend>
          {windows.map((w) => (
            <button
              key={w.id}
              type="button"
              className={`target ${isChosen('window', w.id) ? 'chosen' : ''}`}
              aria-pressed={isChosen('window', w.id)}
              data-window={w.id}
              onClick={() => setTarget({ target: { toWindowId: w.id }, label: w.name })}
            >
              <span>
                {w.name}
                {w.status === 'closed' && <span className="muted"> · {t.status.closed}</span>}
              </span>
              <span className="muted">{t.queueLength(windowQueues[w.id] ?? 0)}</span>
            </button>
          ))}
        </fieldset>
      </div>
      <label className="other">
        {t.note}
        <input name="note" value={note} maxLength={200} onChange={(e) => setNote(e.target.value)} />
      </label>
    </Dialog>
  );
}
