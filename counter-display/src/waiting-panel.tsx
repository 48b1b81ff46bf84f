import type { HallSnapshot, LimitsView, Ticket } from '@hall/protocol';
import { useCallback, useContext, useState } from 'react';
import { ApiFailure } from './api';
import { LangContext } from './i18n';
import { IssueDialog } from './issue-dialog';
import { priorityApi, type StaffIssue } from './priority-api';
import { PriorityDialog } from './priority-dialog';
import { usePriorityTexts } from './priority-i18n';
import type { Session } from './session';
import { WaitingList } from './waiting-list';
import './priority.css';

type Open =
  | { kind: 'priority'; ticket: Ticket }
  | { kind: 'issue'; issued: Ticket | null; requestId: string }
  | null;

/**
 * The waiting list with what staff decide about priority: 设为绿色通道 / 取消绿色通道 on a
 * waiting ticket (with a reason), and 为群众取号 for a resident at the counter.
 */
export function WaitingPanel(props: {
  session: Session;
  hall: HallSnapshot;
  /** The services of this window, offered first when issuing. */
  serviceIds: string[];
  tickets: Ticket[];
  limits?: LimitsView;
  canChoose: boolean;
  onChoose: (ticketId: string) => void;
  /** After a change: the list is read again. */
  onChanged: () => void;
  show: (text: string, tone?: 'ok' | 'error') => void;
  onUnauthorized: () => void;
}) {
  const t = usePriorityTexts();
  const lang = useContext(LangContext);
  const { session, onChanged, show, onUnauthorized } = props;
  const [open, setOpen] = useState<Open>(null);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const close = useCallback(() => {
    setOpen(null);
    setError(null);
  }, []);

  const attempt = useCallback(
    async (fn: () => Promise<void>) => {
      setBusy(true);
      setError(null);
      try {
        await fn();
      } catch (err) {
        if (err instanceof ApiFailure && err.status === 401) onUnauthorized();
        setError(err instanceof ApiFailure ? err.message : String(err));
      } finally {
        setBusy(false);
      }
    },
    [onUnauthorized],
  );

  const setGreen = (ticket: Ticket, green: boolean, reason: string) =>
    void attempt(async () => {
      await priorityApi.setGreen(session.hallId, ticket.id, green, reason, session.token, lang);
      close();
      show(green ? t.greenSet(ticket.number) : t.greenUnset(ticket.number));
      onChanged();
    });

  const issue = (what: StaffIssue, requestId: string) =>
    void attempt(async () => {
      const ticket = await priorityApi.issue(session.hallId, what, requestId, session.token, lang);
      setOpen({ kind: 'issue', issued: ticket, requestId });
      show(t.issuedToast(ticket.number));
      onChanged();
    });

  return (
    <>
      <div className="staff-issue">
        <button
          type="button"
          data-testid="issue-for-resident"
          onClick={() => setOpen({ kind: 'issue', issued: null, requestId: crypto.randomUUID() })}
        >
          {t.issue}
        </button>
      </div>
      <WaitingList
        {...(props.limits ? { limits: props.limits } : {})}
        tickets={props.tickets}
        canChoose={props.canChoose}
        onChoose={props.onChoose}
        onPriority={(ticket) => setOpen({ kind: 'priority', ticket })}
      />
      {open?.kind === 'priority' && (
        <PriorityDialog
          ticket={open.ticket}
          busy={busy}
          error={error}
          onCancel={close}
          onConfirm={(green, reason) => setGreen(open.ticket, green, reason)}
        />
      )}
      {open?.kind === 'issue' && (
        <IssueDialog
          hall={props.hall}
          preferred={props.serviceIds}
          busy={busy}
          error={error}
          issued={open.issued}
          onCancel={close}
          onIssue={(what) => issue(what, open.requestId)}
          onAnother={() => setOpen({ kind: 'issue', issued: null, requestId: crypto.randomUUID() })}
        />
      )}
    </>
  );
}
