// What the metrics event counter costs per event, without Redis: the events a kiosk ticket
// appends (ticket.issued and print.updated, here with a printer problem so both are counted)
// fed to the counter as a stream read returns them.
//   npx tsx bench/event-counter-bench.ts        (EVENTS=40000)
import type { Redis } from 'ioredis';
import type { Logger } from 'pino';
import { EventCounter } from '../src/metrics/event-counter.js';
import { ServerMetrics } from '../src/metrics/metrics.js';
import type { StreamEntry } from '../src/realtime/event-reader.js';

const EVENTS = Number(process.env.EVENTS ?? 40_000);
const metrics = new ServerMetrics({ halls: [], redis: null as unknown as Redis });
const counter = new EventCounter(metrics, null as unknown as Redis, {} as Logger);
const count = (counter as unknown as { count: (hall: string, e: StreamEntry) => void }).count.bind(
  counter,
);
const now = Date.now();
const services = ['labor', 'civil', 'family', 'finance', 'construction', 'party'];
const entries: StreamEntry[] = [];
for (let i = 0; entries.length < EVENTS; i++) {
  const ticketId = `demo.${(1e9 + i).toString(36)}`;
  const data = (d: object) => ['type', '', 'at', String(now), 'data', JSON.stringify(d)];
  const issued = data({ ticketId, number: 'A001', serviceId: services[i % 6], waitingAhead: i });
  issued[1] = 'ticket.issued';
  const printed = data({ jobId: `t.${ticketId}`, ticketId, kind: 'ticket', printerId: 'p1' });
  printed[5] = printed[5]!.replace('}', ',"status":"printer_problem","problem":"agent_offline"}');
  printed[1] = 'print.updated';
  entries.push([`${now}-${2 * i}`, issued], [`${now}-${2 * i + 1}`, printed]);
}
for (let round = 1; round <= 5; round++) {
  const t = process.hrtime.bigint();
  for (const e of entries) count('demo', e);
  const ns = Number(process.hrtime.bigint() - t) / entries.length;
  console.log(`round ${round}: ${(ns / 1000).toFixed(2)} µs per event`);
}
counter.close();
