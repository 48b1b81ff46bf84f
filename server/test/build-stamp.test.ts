// `npm start` builds only what changed: scripts/build-if-changed.mjs run in a small copy of
// the project's layout whose workspaces' builds just write their output.
import { spawnSync } from 'node:child_process';
import { copyFileSync, mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
const APPS = ['kiosk', 'counter-display', 'hall-screen'];

/** A project with the four built workspaces and protocol/, each build writing its dist. */
function fakeProject(): string {
  const dir = mkdtempSync(join(tmpdir(), 'hall-build-'));
  mkdirSync(join(dir, 'scripts'));
  copyFileSync(
    join(ROOT, 'scripts', 'build-if-changed.mjs'),
    join(dir, 'scripts', 'build-if-changed.mjs'),
  );
  const workspaces = [...APPS, 'server'];
  writeFileSync(
    join(dir, 'package.json'),
    JSON.stringify({ name: 'fake', private: true, workspaces: [...workspaces, 'protocol'] }),
  );
  writeFileSync(join(dir, 'package-lock.json'), '{}');
  for (const ws of [...workspaces, 'protocol']) {
    mkdirSync(join(dir, ws, 'src'), { recursive: true });
    writeFileSync(join(dir, ws, 'src', 'index.ts'), `export const name = '${ws}';\n`);
    const out = ws === 'server' ? 'main.js' : 'index.html';
    const build = `node -e "require('fs').mkdirSync('dist',{recursive:true});require('fs').writeFileSync('dist/${out}','built')"`;
    writeFileSync(
      join(dir, ws, 'package.json'),
      JSON.stringify({ name: ws, private: true, scripts: ws === 'protocol' ? {} : { build } }),
    );
  }
  return dir;
}

function run(dir: string, ...args: string[]): string[] {
  const r = spawnSync(process.execPath, ['scripts/build-if-changed.mjs', ...args], {
    cwd: dir,
    encoding: 'utf8',
    timeout: 120_000,
  });
  expect(r.status, r.stderr).toBe(0);
  return r.stdout
    .split('\n')
    .filter((l) => l.startsWith('building '))
    .map((l) => l.split(' ')[1] ?? '');
}

describe("npm start's build step", () => {
  it('builds each workspace once, then only the ones whose sources (or protocol) changed', () => {
    const dir = fakeProject();
    expect(run(dir)).toEqual([...APPS, 'server']);
    // nothing changed: nothing is built
    expect(run(dir)).toEqual([]);
    // one app changed: that app alone
    writeFileSync(join(dir, 'kiosk', 'src', 'index.ts'), "export const name = 'kiosk 2';\n");
    expect(run(dir)).toEqual(['kiosk']);
    // the shared protocol changed: everything that uses it
    writeFileSync(join(dir, 'protocol', 'src', 'index.ts'), 'export const v = 2;\n');
    expect(run(dir)).toEqual([...APPS, 'server']);
    // npm run build: everything, whatever the stamps say
    expect(run(dir, '--force')).toEqual([...APPS, 'server']);
    expect(run(dir)).toEqual([]);
  });
});
