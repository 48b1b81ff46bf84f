// Loaded into the compiled server of the realtime benchmark with `node --import`: answers
// its parent's 'memory' with process.memoryUsage() after a full collection (the parent adds
// --expose-gc), 'cpu' with process.cpuUsage(), and with PROFILE=1 records a CPU profile of
// the calls only ('profile-start', then { profileTo: file }), and 'gc' with the garbage
// collector's pauses since the last 'gc' (count, total and longest, ms). Nothing else: the
// server is the product's own server/dist/main.js.
import { writeFileSync } from 'node:fs';
import { Session } from 'node:inspector';
import { PerformanceObserver } from 'node:perf_hooks';

let pauses = [];
new PerformanceObserver((list) => {
  for (const entry of list.getEntries()) pauses.push(entry.duration);
}).observe({ entryTypes: ['gc'] });

let session = null;
const post = (method) =>
  new Promise((resolve, reject) =>
    session.post(method, (err, result) => (err ? reject(err) : resolve(result))),
  );

process.on('message', (message) => {
  if (message === 'cpu') process.send?.({ cpu: process.cpuUsage() });
  if (message === 'gc') {
    const total = pauses.reduce((a, b) => a + b, 0);
    process.send?.({ gc: { count: pauses.length, total, longest: Math.max(0, ...pauses) } });
    pauses = [];
  }
  if (message === 'memory') {
    globalThis.gc?.();
    process.send?.({ memory: process.memoryUsage() });
  }
  if (message === 'profile-start') {
    session = new Session();
    session.connect();
    void post('Profiler.enable')
      .then(() => post('Profiler.start'))
      .then(() => process.send?.({ profiling: true }));
  }
  if (typeof message === 'object' && message !== null && 'profileTo' in message) {
    void post('Profiler.stop').then(({ profile }) => {
      writeFileSync(message.profileTo, JSON.stringify(profile));
      session.disconnect();
      process.send?.({ profiled: message.profileTo });
    });
  }
});
