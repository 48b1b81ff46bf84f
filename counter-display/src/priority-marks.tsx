import type { Ticket } from '@hall/protocol';
import { usePriorityTexts } from './priority-i18n';
import './priority.css';

/** True for a ticket with appointment priority (checked in on time). */
export function hasAppointmentPriority(ticket: Ticket): boolean {
  return ticket.priority === 'appointment';
}

/** A ticket's priority as words (预约, 绿色通道), never by colour alone. */
export function PriorityMarks({ ticket }: { ticket: Ticket }) {
  const t = usePriorityTexts();
  return (
    <>
      {hasAppointmentPriority(ticket) && (
        <span className="mark mark-appointment">{t.appointmentMark}</span>
      )}
      {ticket.priority === 'green' && <span className="mark mark-green">{t.greenMark}</span>}
    </>
  );
}
