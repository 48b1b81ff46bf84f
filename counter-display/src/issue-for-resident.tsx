import type { HallSnapshot, Ticket } from '@hall/protocol';
import { useCallback, useContext, useState } from 'react';
import { ApiFailure } from './api';
import { LangContext } from './i18n';
import { IssueDialog } from './issue-dialog';
import { priorityApi, type StaffIssue } from './priority-api';
import { usePriorityTexts } from './priority-i18n';
import type { Session } from './session';
import './priority.css';

/**
 * The 为群众取号 button and its dialog, for the clerk's console and the service desk (booking
 * page): one request id per dialog, so a repeated press gives the one ticket.
 */
export function IssueForResident(props: {
  session: Session;
  hall: HallSnapshot;
  /** Services offered first (the window's own). */
  preferred: string[];
  onIssued?: (ticket: Ticket) => void;
  onUnauthorized: () => void;
}) {
  const t = usePriorityTexts();
  const lang = useContext(LangContext);
  const { session, onIssued, onUnauthorized } = props;
  const [open, setOpen] = useState<{ issued: Ticket | null; requestId: string } | null>(null);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const start = () => {
    setError(null);
    setOpen({ issued: null, requestId: crypto.randomUUID() });
  };
  const issue = useCallback(
    async (what: StaffIssue, requestId: string) => {
      setBusy(true);
      setError(null);
      try {
        const ticket = await priorityApi.issue(
          session.hallId,
          what,
          requestId,
          session.token,
          lang,
        );
        setOpen({ issued: ticket, requestId });
        onIssued?.(ticket);
      } catch (err) {
        if (err instanceof ApiFailure && err.status === 401) onUnauthorized();
        setError(err instanceof ApiFailure ? err.message : String(err));
      } finally {
        setBusy(false);
      }
    },
    [session, lang, onIssued, onUnauthorized],
  );
  return (
    <>
      <div className="staff-issue">
        <button type="button" data-testid="issue-for-resident" onClick={start}>
          {t.issue}
        </button>
      </div>
      {open && (
        <IssueDialog
          hall={props.hall}
          preferred={props.preferred}
          busy={busy}
          error={error}
          issued={open.issued}
          onCancel={() => setOpen(null)}
          onIssue={(what) => void issue(what, open.requestId)}
          onAnother={start}
        />
      )}
    </>
  );
}
