/**
 * The virtual printer's web page: GET / shows the printed receipts (refreshing itself),
 * GET /receipts.json gives the decoded model, POST /state {paperEnd: true, …} scripts the
 * printer's state, so a demo can take the paper out and put it back.
 */
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { receiptsPage } from './render.js';
import type { VirtualPrinter, VirtualPrinterState } from './virtual-printer.js';

const STATE_KEYS: (keyof VirtualPrinterState)[] = [
  'paperEnd',
  'paperNearEnd',
  'coverOpen',
  'offline',
  'error',
  'silent',
];

export async function serveReceipts(
  printer: VirtualPrinter,
  options: { port?: number; host?: string; dots?: number } = {},
): Promise<{ url: string; server: Server; close: () => Promise<void> }> {
  const server = createServer((req, res) => {
    const url = new URL(req.url ?? '/', 'http://localhost');
    if (req.method === 'GET' && url.pathname === '/') {
      const page = receiptsPage(printer.receipts, options.dots ?? 384).replace(
        '<meta charset="utf-8">',
        '<meta charset="utf-8"><meta http-equiv="refresh" content="3">',
      );
      res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' }).end(page);
      return;
    }
    if (req.method === 'GET' && url.pathname === '/receipts.json') {
      res
        .writeHead(200, { 'content-type': 'application/json' })
        .end(JSON.stringify({ state: printer.getState(), receipts: printer.receipts }));
      return;
    }
    if (req.method === 'POST' && url.pathname === '/state') {
      let body = '';
      req.setEncoding('utf8');
      req.on('data', (chunk: string) => {
        body += chunk;
      });
      req.on('end', () => {
        try {
          const raw = JSON.parse(body || '{}') as Record<string, unknown>;
          const patch: Partial<VirtualPrinterState> = {};
          for (const key of STATE_KEYS) {
            if (typeof raw[key] === 'boolean') patch[key] = raw[key];
          }
          printer.setState(patch);
          res
            .writeHead(200, { 'content-type': 'application/json' })
            .end(JSON.stringify(printer.getState()));
        } catch {
          res.writeHead(400).end('invalid JSON');
        }
      });
      return;
    }
    res.writeHead(404).end('not found');
  });
  await new Promise<void>((resolve) =>
    server.listen(options.port ?? 0, options.host ?? '127.0.0.1', resolve),
  );
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/`,
    server,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
