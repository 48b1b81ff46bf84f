import type { PrinterProblem, PrintState, PrintStatus, Ticket } from '@hall/protocol';
import { toHallIso } from '../domain/business-day.js';
import type { TicketRecord } from '../store/queue-store.js';

function state(status?: string, printerId?: string, problem?: string): PrintState | undefined {
  if (!status || !printerId) return undefined;
  return {
    status: status as PrintStatus,
    printerId,
    ...(problem ? { problem: problem as PrinterProblem } : {}),
  };
}

/** The ticket's print fields (the printed ticket, the last one-time notice) as the API shows them. */
export function presentPrint(
  t: TicketRecord,
  timeZone: string,
): Pick<Ticket, 'print' | 'oneTimeNotice'> {
  const out: Pick<Ticket, 'print' | 'oneTimeNotice'> = {};
  const print = state(t.printStatus, t.printerId, t.printProblem);
  if (print) out.print = print;
  const noticePrint = state(t.noticeStatus, t.noticePrinterId, t.noticeProblem);
  if (noticePrint && t.noticeAt) {
    let missing: string[] = [];
    try {
      const parsed = JSON.parse(t.noticeMaterials ?? '[]') as unknown;
      if (Array.isArray(parsed)) missing = parsed.map(String);
    } catch {
      missing = [];
    }
    out.oneTimeNotice = {
      at: toHallIso(Number(t.noticeAt), timeZone),
      windowId: t.noticeWindowId ?? '',
      missingMaterials: missing,
      print: noticePrint,
    };
  }
  return out;
}
