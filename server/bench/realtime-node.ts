// One server node for the realtime benchmark, in its own process: it tells its parent its URL
// and answers 'memory' with its process.memoryUsage() and 'cpu' with its process.cpuUsage(), so
// the benchmark can print RSS, heap and the server's CPU time per delivery.
import { pino } from 'pino';
import { loadHallConfig } from '../src/config/hall-config.js';
import { startServer } from '../src/server.js';

const [hallFile, redisUrl] = process.argv.slice(2);
if (!hallFile || !redisUrl || !process.send) {
  console.error('usage: forked by realtime-bench.ts with <hall file> <redis url>');
  process.exit(2);
}

const server = await startServer({
  halls: [loadHallConfig(hallFile)],
  redis: redisUrl,
  logger: pino({ level: 'warn' }),
  // every benchmark client comes from 127.0.0.1; a hall's phones come from many addresses
  realtime: { anonymousSubscribesPerAddress: 1_000_000 },
});
process.send({ url: server.url });
process.on('message', (message) => {
  if (message === 'cpu') process.send?.({ cpu: process.cpuUsage() });
  if (message !== 'memory') return;
  // after a full collection (the parent forks us with --expose-gc): live memory, not garbage
  (globalThis as { gc?: () => void }).gc?.();
  process.send?.({ memory: process.memoryUsage() });
});
process.on('disconnect', () => {
  void server.close().then(() => process.exit(0));
});
