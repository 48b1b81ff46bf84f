/**
 * printer-driver — the print agent of the queue system (排队叫号系统打印代理).
 *
 *   printer-driver --config printer.yaml               run the agent: take this printer's jobs
 *   printer-driver --config printer.yaml --test-page   print a test ticket and a notice
 *   printer-driver --config printer.yaml --status      print the printer's state and exit
 *   printer-driver virtual [--port 9100] [--http 9180] [--paper 58|80]
 *                                                       a virtual printer for the demo
 */
import { parseArgs } from 'node:util';
import { pino } from 'pino';
import { PrintAgent } from './agent.js';
import { loadConfig } from './config.js';
import { demoNotice, demoTicket } from './demo.js';
import { layoutNotice, layoutTicket } from './layout/index.js';
import { Printer } from './printer.js';
import { serveReceipts, VirtualPrinter } from './virtual-printer/index.js';

const USAGE = `用法 usage:
  printer-driver --config <file>               运行打印代理 run the print agent
  printer-driver --config <file> --test-page   打印测试页 print a test ticket
  printer-driver --config <file> --status      查询打印机状态 show the printer state
  printer-driver virtual [--port 9100] [--http 9180] [--paper 58|80]
                         [--server http://localhost:8080 --token demo-printer]
                                               虚拟打印机 virtual printer for the demo,
                                               with --server also its print agent`;

async function runVirtual(args: string[]): Promise<void> {
  const { values } = parseArgs({
    args,
    options: {
      port: { type: 'string', default: '9100' },
      http: { type: 'string', default: '9180' },
      paper: { type: 'string', default: '80' },
      host: { type: 'string', default: '127.0.0.1' },
      server: { type: 'string' },
      token: { type: 'string', default: 'demo-printer' },
    },
  });
  const printer = new VirtualPrinter();
  const port = await printer.listen(Number(values.port), values.host);
  const page = await serveReceipts(printer, {
    port: Number(values.http),
    host: values.host,
    dots: values.paper === '58' ? 384 : 576,
  });
  console.log(
    `虚拟打印机 virtual printer: tcp://${values.host}:${port} · 小票 receipts: ${page.url}`,
  );
  if (values.server) {
    // the demo in one command: this virtual printer plus an agent feeding it from the server
    const agent = new PrintAgent({
      serverUrl: values.server,
      token: values.token,
      paperWidth: values.paper === '58' ? 58 : 80,
      printer: new Printer({ transport: 'network', host: values.host, port }),
      logger: pino({ name: 'printer-driver' }),
    });
    agent.start();
  }
}

async function main(argv: string[]): Promise<number> {
  if (argv[0] === 'virtual') {
    await runVirtual(argv.slice(1));
    return -1;
  }
  const { values } = parseArgs({
    args: argv,
    options: {
      config: { type: 'string', short: 'c' },
      'test-page': { type: 'boolean', default: false },
      status: { type: 'boolean', default: false },
      help: { type: 'boolean', short: 'h', default: false },
    },
  });
  if (values.help || !values.config) {
    console.log(USAGE);
    return values.help ? 0 : 2;
  }
  const config = await loadConfig(values.config);
  const printer = new Printer(config.printer);

  if (values.status) {
    const check = await printer.check();
    console.log(check.text);
    return check.ready ? 0 : 1;
  }
  if (values['test-page']) {
    const now = new Date().toISOString();
    const bytes = Buffer.concat([
      layoutTicket({ ...demoTicket(config.paperWidth, now), notice: '打印测试页 test page' }),
      layoutNotice({ ...demoNotice(config.paperWidth, now), copies: 1 }),
    ]);
    await printer.with((t) => t.write(bytes));
    console.log('测试页已发送 test page sent');
    return 0;
  }
  if (!config.server) {
    console.error(`${values.config}: server.url and server.token are needed to run the agent`);
    return 2;
  }
  const logger = pino({ name: 'printer-driver' });
  const agent = new PrintAgent({
    serverUrl: config.server.url,
    token: config.server.token,
    paperWidth: config.paperWidth,
    printer,
    statusIntervalMs: config.statusIntervalSeconds * 1000,
    logger,
  });
  agent.start();
  const stop = (signal: string) => {
    logger.info({ signal }, 'stopping');
    void agent.stop().then(() => process.exit(0));
  };
  process.on('SIGINT', () => stop('SIGINT'));
  process.on('SIGTERM', () => stop('SIGTERM'));
  return -1;
}

main(process.argv.slice(2)).then(
  (code) => {
    if (code >= 0) process.exit(code);
  },
  (err: unknown) => {
    console.error(`错误 error: ${err instanceof Error ? err.message : String(err)}`);
    process.exit(1);
  },
);
