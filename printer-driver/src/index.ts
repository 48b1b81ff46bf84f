/** @hall/printer-driver: ESC/POS layout, transports, printer status, the print agent, a virtual printer. */
export { PrintAgent, type AgentOptions } from './agent.js';
export { DriverConfig, PrinterConnection, loadConfig, parseConfig } from './config.js';
export { demoNotice, demoTicket } from './demo.js';
export { NoticePrintJob, PaperWidth, PrintJob, TicketPrintJob } from './job.js';
export * from './layout/index.js';
export { Printer, checkFromStatus, problemOf, type PrinterCheck } from './printer.js';
export { describeStatus, isReady, parseStatus, queryStatus, type PrinterStatus } from './status.js';
export * from './transport/index.js';
export * from './virtual-printer/index.js';
