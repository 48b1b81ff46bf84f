import { spawn, type ChildProcess } from 'node:child_process';
import { join } from 'node:path';
import type { Logger } from 'pino';

const EXIT_WITH_PARENT = 'data:text/javascript,process.on("disconnect",()=>process.exit(0));';

export interface DemoPrinter {
  /** The virtual printer's receipts page. */
  receiptsUrl: string;
  stop(): Promise<void>;
}

/**
 * Runs the demo's virtual printer and its print agent beside the server
 * (`printer-driver virtual --server … --token …`), as its own process so that the
 * server stays what it is in a real hall: a server that printer agents connect to.
 * The receipts it "printed" are at http://127.0.0.1:<httpPort>/.
 */
export function startDemoPrinter(options: {
  repoRoot: string;
  serverUrl: string;
  token: string;
  httpPort: number;
  logger: Logger;
}): DemoPrinter {
  const { repoRoot, logger } = options;
  const child: ChildProcess = spawn(
    process.execPath,
    [
      // it ends with the server, even one killed with SIGKILL: the IPC channel closes then
      '--import',
      EXIT_WITH_PARENT,
      join(repoRoot, 'printer-driver', 'bin', 'printer-driver.js'),
      'virtual',
      '--port',
      '0',
      '--http',
      String(options.httpPort),
      '--server',
      options.serverUrl,
      '--token',
      options.token,
    ],
    { stdio: ['ignore', 'ignore', 'pipe', 'ipc'], cwd: repoRoot },
  );
  let stderr = '';
  child.stderr?.setEncoding('utf8');
  child.stderr?.on('data', (chunk: string) => {
    stderr = (stderr + chunk).slice(-2000);
  });
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  let stopping = false;
  child.once('exit', (code) => {
    if (!stopping) {
      logger.warn(
        { code, stderr: stderr.trim().split('\n').slice(-3).join(' ') },
        '虚拟打印机已退出 the demo virtual printer exited',
      );
    }
  });
  return {
    receiptsUrl: `http://127.0.0.1:${options.httpPort}/`,
    stop: async () => {
      stopping = true;
      if (child.exitCode !== null || child.signalCode !== null) return;
      child.kill('SIGTERM');
      const timer = setTimeout(() => child.kill('SIGKILL'), 2000);
      await exited;
      clearTimeout(timer);
    },
  };
}
