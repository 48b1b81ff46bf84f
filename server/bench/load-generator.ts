// The load of `npm run bench`, in a process of its own so it does not share the CPU time of the
// servers it measures. Reads one JSON job from argv, prints one JSON result on stdout.
//  closed: `concurrency` requests always in flight for `seconds` (throughput)
//  open:   a fixed `rate` of requests per second whatever the answers (latency); each latency is
//          counted from when the request was due, so a stalled server cannot hide its queue
import { Agent, request } from 'node:http';

interface Job {
  url: string;
  token: string;
  services: string[];
  mode: 'closed' | 'open';
  seconds: number;
  concurrency?: number;
  rate?: number;
}

const job = JSON.parse(process.argv[2] ?? '{}') as Job;
const target = new URL(job.url);
const agent = new Agent({ keepAlive: true, maxSockets: 512 });
let n = 0;

function post(): Promise<number> {
  const body = JSON.stringify({ serviceId: job.services[n++ % job.services.length] });
  return new Promise((resolve) => {
    const req = request(
      {
        agent,
        host: target.hostname,
        port: target.port,
        path: target.pathname,
        method: 'POST',
        headers: {
          authorization: `Bearer ${job.token}`,
          'content-type': 'application/json',
          'content-length': Buffer.byteLength(body),
        },
      },
      (res) => {
        res.resume();
        res.on('end', () => resolve(res.statusCode ?? 0));
      },
    );
    req.on('error', () => resolve(0));
    req.end(body);
  });
}

const latencies: number[] = [];
let errors = 0;
const start = performance.now();
const end = start + job.seconds * 1000;
if (job.mode === 'closed') {
  await Promise.all(
    Array.from({ length: job.concurrency ?? 64 }, async () => {
      while (performance.now() < end) {
        const t = performance.now();
        const status = await post();
        if (status === 201) latencies.push(performance.now() - t);
        else errors++;
      }
    }),
  );
} else {
  const rate = job.rate ?? 100;
  const total = Math.floor(rate * job.seconds);
  const inFlight: Promise<void>[] = [];
  for (let i = 0; i < total; i++) {
    const due = start + (i * 1000) / rate;
    const wait = due - performance.now();
    if (wait > 1) await new Promise((r) => setTimeout(r, wait));
    // a request sent up to a millisecond early (timers are that coarse) counts from its send
    const from = Math.max(due, performance.now());
    inFlight.push(
      post().then((status) => {
        if (status === 201) latencies.push(performance.now() - from);
        else errors++;
      }),
    );
  }
  await Promise.all(inFlight);
}
const seconds = (performance.now() - start) / 1000;
latencies.sort((a, b) => a - b);
const pct = (p: number) =>
  latencies[Math.min(latencies.length - 1, Math.floor(p * latencies.length))] ?? NaN;
process.stdout.write(
  JSON.stringify({
    requests: latencies.length,
    errors,
    perSecond: latencies.length / seconds,
    p50: pct(0.5),
    p99: pct(0.99),
  }),
);
agent.destroy();
