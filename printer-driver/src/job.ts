/**
 * Print jobs as the agent lays them out: the server's job data (@hall/protocol) plus the
 * paper width of this agent's printer, which only the agent knows.
 */
import { NoticePrintData, TicketPrintData } from '@hall/protocol';
import { z } from 'zod';

/** 58 mm (384 dots, 32 columns) or 80 mm (576 dots, 48 columns) roll paper. */
export const PaperWidth = z.union([z.literal(58), z.literal(80)]);
export type PaperWidth = z.infer<typeof PaperWidth>;

export const TicketPrintJob = TicketPrintData.extend({ paperWidth: PaperWidth });
export type TicketPrintJob = z.infer<typeof TicketPrintJob>;

export const NoticePrintJob = NoticePrintData.extend({ paperWidth: PaperWidth });
export type NoticePrintJob = z.infer<typeof NoticePrintJob>;

export const PrintJob = z.discriminatedUnion('kind', [TicketPrintJob, NoticePrintJob]);
export type PrintJob = z.infer<typeof PrintJob>;
