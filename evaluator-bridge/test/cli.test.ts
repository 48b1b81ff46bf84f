import { execFile } from 'node:child_process';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';

const run = promisify(execFile);
const bin = fileURLToPath(new URL('../bin/evaluator-bridge.js', import.meta.url));

describe('evaluator-bridge command', () => {
  it('--list loads node-hid and its system libraries for real and lists what it sees', async () => {
    // exit code 0, or `run` rejects
    const { stdout, stderr } = await run(process.execPath, [bin, '--list'], { timeout: 30_000 });
    expect(stderr).not.toMatch(/apt-get|Error/);
    // a CI machine has no evaluator plugged in; a desk PC lists its HID interfaces
    expect(stdout).toMatch(/HID/);
  });

  it.runIf(process.platform === 'linux')(
    'says which Debian packages to install when the USB system libraries cannot load',
    async () => {
      // broken stand-ins found first on the library path: the loader fails as if they were missing
      const dir = await mkdtemp(join(tmpdir(), 'no-usb-libs-'));
      try {
        await writeFile(join(dir, 'libudev.so.1'), '');
        await writeFile(join(dir, 'libusb-1.0.so.0'), '');
        const failure = await run(process.execPath, [bin, '--list'], {
          env: { ...process.env, LD_LIBRARY_PATH: dir },
        }).then(
          () => null,
          (err: { code: number; stderr: string }) => err,
        );
        expect(failure?.code).toBe(2);
        expect(failure?.stderr).toContain('sudo apt-get install libusb-1.0-0 libudev1');
      } finally {
        await rm(dir, { recursive: true, force: true });
      }
    },
  );

  it('--learn names a device it cannot find instead of waiting for it', async () => {
    const failure = await run(process.execPath, [bin, '--learn', '--device', 'ffff:fffe']).then(
      () => null,
      (err: { code: number; stderr: string }) => err,
    );
    expect(failure?.code).toBe(1);
    expect(failure?.stderr).toMatch(/device not found; see --list/);
  });

  it('--help explains the modes', async () => {
    const { stdout } = await run(process.execPath, [bin, '--help']);
    expect(stdout).toContain('--learn');
    expect(stdout).toContain('--list');
  });

  it('a missing config file is a clear error, not a stack trace', async () => {
    const failure = await run(process.execPath, [bin, '--config', '/nonexistent/bridge.json']).then(
      () => null,
      (err: { code: number; stderr: string }) => err,
    );
    expect(failure?.code).toBe(1);
    expect(failure?.stderr).toMatch(/无法读取配置文件 \/ cannot read config/);
    expect(failure?.stderr).not.toMatch(/at .*\.ts:\d+/);
  });
});
