import type { Ticket } from '@hall/protocol';
import { usePriorityTexts } from './priority-i18n';
import './priority.css';

/** True for a ticket with appointment priority (checked in on time). */
export function hasAppointmentPriority(ticket: Ticket): boolean {
  return ticket.priority === 'appointment';
}

/**
 * A ticket's priority as words (预约, 绿色通道), never by colour alone; a late check-in queues as
 * a normal ticket but the clerk still sees that the resident had booked (预约迟到).
 */
export function PriorityMarks({ ticket }: { ticket: Ticket }) {
  const t = usePriorityTexts();
  return (
    <>
      {hasAppointmentPriority(ticket) && (
        <span className="mark mark-appointment">{t.appointmentMark}</span>
      )}
      {ticket.checkIn === 'late' && <span className="mark mark-late">{t.lateMark}</span>}
      {ticket.priority === 'green' && <span className="mark mark-green">{t.greenMark}</span>}
    </>
  );
}
