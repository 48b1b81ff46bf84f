// The hall server as the benches run it: the compiled bundle (server/dist/main.js), as in
// production (docs/decisions/034), built from the current sources first, so a bench never
// measures tsx's loader or a stale build.
import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..', '..');

/** Builds server/dist/main.js from the current sources (esbuild, about a second). */
export function buildHallServer(): string {
  execFileSync(process.execPath, [join(ROOT, 'server', 'scripts', 'build.mjs')], {
    cwd: ROOT,
    stdio: ['ignore', 'ignore', 'inherit'],
  });
  return join(ROOT, 'server', 'dist', 'main.js');
}

/** Starts the compiled hall server with `env`; `nodeArgs` such as --cpu-prof go before it. */
export function spawnHallServer(
  main: string,
  env: Record<string, string>,
  nodeArgs: string[] = [],
): ChildProcess {
  return spawn(process.execPath, [...nodeArgs, main], {
    cwd: ROOT,
    env: {
      ...process.env,
      NODE_ENV: 'production',
      DEMO_PRINTER: 'off',
      // as npm start, the systemd unit and the container run it (docs/decisions/070)
      MALLOC_MMAP_THRESHOLD_: process.env.MALLOC_MMAP_THRESHOLD_ ?? '1048576',
      ...env,
    },
    stdio: ['ignore', 'ignore', 'inherit'],
  });
}

/** A process's CPU time so far (user + system), ms, from /proc: steadier than rates on a busy machine. */
export function cpuMs(pid: number): number {
  const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]!.split(' ');
  return (Number(fields[11]) + Number(fields[12])) * 10; // clock ticks of 10 ms
}
