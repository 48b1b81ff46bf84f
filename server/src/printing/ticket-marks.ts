import type { Ticket, TicketPrintData } from '@hall/protocol';
import type { HallConfig } from '../config/hall-config.js';

/**
 * What a ticket's paper says beyond its number: the green channel or appointment
 * mark, that it is valid on its day only, and the hall's hours and telephone, each
 * as the hall file's `printing` section sets it (an empty or absent field prints nothing).
 */
export function ticketMarks(
  printing: HallConfig['printing'],
  ticket: Pick<Ticket, 'priority'>,
): Pick<TicketPrintData, 'mark' | 'validity' | 'hours' | 'telephone'> {
  const mark = !printing.marks
    ? undefined
    : ticket.priority === 'appointment'
      ? ('appointment' as const)
      : ticket.priority === 'green'
        ? ('green' as const)
        : undefined;
  return {
    ...(mark ? { mark } : {}),
    ...(printing.validity.trim() ? { validity: printing.validity.trim() } : {}),
    ...(printing.hours?.trim() ? { hours: printing.hours.trim() } : {}),
    ...(printing.telephone?.trim() ? { telephone: printing.telephone.trim() } : {}),
  };
}
