import type { HallSnapshot, LimitsView, Ticket } from '@hall/protocol';
import { useCallback, useContext, useState } from 'react';
import { ApiFailure } from './api';
import { LangContext } from './i18n';
import { IssueForResident } from './issue-for-resident';
import { priorityApi } from './priority-api';
import { PriorityDialog } from './priority-dialog';
import { usePriorityTexts } from './priority-i18n';
import type { Session } from './session';
import { WaitingList } from './waiting-list';

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
  const [ticket, setTicket] = useState<Ticket | null>(null);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const close = useCallback(() => {
    setTicket(null);
    setError(null);
  }, []);

  const setGreen = async (of: Ticket, green: boolean, reason: string) => {
    setBusy(true);
    setError(null);
    try {
      await priorityApi.setGreen(session.hallId, of.id, green, reason, session.token, lang);
      close();
      show(green ? t.greenSet(of.number) : t.greenUnset(of.number));
      onChanged();
    } catch (err) {
      if (err instanceof ApiFailure && err.status === 401) onUnauthorized();
      setError(err instanceof ApiFailure ? err.message : String(err));
    } finally {
      setBusy(false);
    }
  };

  return (
    <>
      <IssueForResident
        session={session}
        hall={props.hall}
        preferred={props.serviceIds}
        onIssued={(issued) => {
          show(t.issuedToast(issued.number));
          onChanged();
        }}
        onUnauthorized={onUnauthorized}
      />
      <WaitingList
        {...(props.limits ? { limits: props.limits } : {})}
        tickets={props.tickets}
        canChoose={props.canChoose}
        onChoose={props.onChoose}
        onPriority={(of) => {
          setError(null);
          setTicket(of);
        }}
      />
      {ticket && (
        <PriorityDialog
          ticket={ticket}
          busy={busy}
          error={error}
          onCancel={close}
          onConfirm={(green, reason) => void setGreen(ticket, green, reason)}
        />
      )}
    </>
  );
}
