/** `npm start`: the demo hall (or the halls in HALL_CONFIG), with an embedded Redis unless REDIS_URL is set. */
import { existsSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { pino } from 'pino';
import { startEmbeddedRedis, type EmbeddedRedis } from './config/embedded-redis.js';
import { readEnv } from './config/env.js';
import { ConfigError, loadHallConfig } from './config/hall-config.js';
import { startDemoPrinter, type DemoPrinter } from './printing/demo-printer.js';
import { startServer, type ServerOptions } from './server.js';

const repoRoot = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..');

async function main(): Promise<void> {
  const env = readEnv(process.env, repoRoot);
  // a person at a terminal reads lines; a service manager or log collector gets JSON
  const logger = pino({
    level: env.logLevel,
    ...(process.stdout.isTTY
      ? { transport: { target: 'pino-pretty', options: { translateTime: 'SYS:HH:MM:ss' } } }
      : {}),
  });
  const halls = env.hallFiles.map(loadHallConfig);

  let embedded: EmbeddedRedis | null = null;
  let redis: ServerOptions['redis'];
  const password = env.redisPassword ? { password: env.redisPassword } : {};
  if (env.redisCluster) {
    redis = { cluster: env.redisCluster, ...password };
  } else if (env.redisSentinel) {
    // ioredis asks the sentinels for the master and follows a failover
    redis = { ...env.redisSentinel, ...password, sentinelPassword: env.redisPassword };
  } else if (env.redisUrl) {
    redis = env.redisUrl;
  } else {
    embedded = await startEmbeddedRedis(env.dataDir, logger);
    redis = { path: embedded.path };
  }

  const pages: Record<string, string> = {};
  for (const [prefix, pkg] of [
    ['/kiosk', 'kiosk'],
    ['/counter', 'counter-display'],
    ['/hall', 'hall-screen'],
  ] as const) {
    const dist = join(repoRoot, pkg, 'dist');
    if (existsSync(join(dist, 'index.html'))) pages[prefix] = dist;
  }

  const server = await startServer({
    halls,
    redis,
    port: env.port,
    host: env.host,
    logger,
    jobs: true,
    alertEveryMs: 1000,
    pages,
    publicUrl: env.publicUrl,
    printing: true,
    dataDir: env.dataDir,
    reportsEveryMs: 5000,
    trustedProxies: env.trustedProxies,
    phoneRetentionMs: env.phoneRetentionHours * 3600_000,
    sessions: { idleSeconds: env.sessionIdleMinutes * 60, maxSeconds: 12 * 3600 },
    ...(env.metricsToken ? { metricsToken: env.metricsToken } : {}),
    restoreConfigFromFile: env.restoreConfigFromFile,
    ...(env.notifyWebhookSecret ? { notifySecret: env.notifyWebhookSecret } : {}),
  });
  const base = `http://localhost:${server.port}`;
  const first = halls[0]?.id ?? '';
  // the demo hall prints on a virtual printer, so a newcomer's first ticket says 已打印
  let demoPrinter: DemoPrinter | null = null;
  const printerToken = halls[0]?.devices.find((d) => d.kind === 'printer')?.token;
  if (env.demoPrinter && printerToken) {
    demoPrinter = startDemoPrinter({
      repoRoot,
      serverUrl: `http://127.0.0.1:${server.port}`,
      token: printerToken,
      httpPort: env.demoPrinterPort,
      logger,
    });
  }
  logger.info(
    [
      `排队叫号系统已启动 ready: ${halls.map((h) => `${h.name} (${h.id})`).join(', ')}`,
      `  取号机 kiosk        ${base}/kiosk?hall=${first}&device=<kiosk token>`,
      `  窗口工作台 counter  ${base}/counter  ·  值班长 supervisor ${base}/counter/supervisor?hall=${first}`,
      `  大厅屏 hall screen  ${base}/hall?hall=${first}&device=<screen token>`,
      `  API                ${base}/api/v1/halls/${first} · ${base}/api/v1/openapi.json`,
      ...(demoPrinter ? [`  虚拟打印机 receipts  ${demoPrinter.receiptsUrl}`] : []),
    ].join('\n'),
  );

  let stopping = false;
  const stop = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    logger.info({ signal }, 'stopping');
    // whatever Redis does (gone, hanging), the process ends within the bound
    const deadline = setTimeout(() => {
      logger.warn({ afterMs: env.shutdownTimeoutMs }, 'shutdown took too long: exiting anyway');
      process.exit(1);
    }, env.shutdownTimeoutMs);
    deadline.unref();
    await demoPrinter?.stop();
    await server.close();
    await new Promise<void>((r) => server.http.close(() => r()));
    await embedded?.stop();
    process.exit(0);
  };
  process.on('SIGINT', () => void stop('SIGINT'));
  process.on('SIGTERM', () => void stop('SIGTERM'));
}

main().catch((err: unknown) => {
  if (err instanceof ConfigError) {
    console.error(`配置错误 configuration error: ${err.message}`);
  } else {
    console.error(err instanceof Error ? err.message : err);
  }
  process.exit(1);
});
