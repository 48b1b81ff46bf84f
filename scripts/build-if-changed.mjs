// `npm start`'s build step: builds a workspace (the web apps, the compiled server) only
// when its sources changed since its last build (`--force`: all of them, for npm run build). Each build leaves dist/.build-hash, a
// SHA-256 of the workspace's sources, the protocol package and package-lock.json.
import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const SKIP = new Set(['node_modules', 'dist', 'test', 'data', 'screenshots', 'coverage', '.vite']);

function files(dir, out = []) {
  for (const name of readdirSync(dir).sort()) {
    if (SKIP.has(name)) continue;
    const path = join(dir, name);
    if (statSync(path).isDirectory()) files(path, out);
    else if (!/\.test\.tsx?$/.test(name)) out.push(path);
  }
  return out;
}

function sourceHash(workspace) {
  const hash = createHash('sha256');
  const inputs = [
    ...files(join(root, workspace)),
    ...files(join(root, 'protocol')),
    join(root, 'package-lock.json'),
  ];
  for (const f of inputs) {
    hash.update(relative(root, f)).update('\0').update(readFileSync(f)).update('\0');
  }
  return hash.digest('hex');
}

// --force (npm run build): build everything, and leave the stamps for the next npm start
const force = process.argv.includes('--force');
const workspaces = ['kiosk', 'counter-display', 'hall-screen', 'server'];
for (const ws of workspaces) {
  const stamp = join(root, ws, 'dist', '.build-hash');
  const output = join(root, ws, 'dist', ws === 'server' ? 'main.js' : 'index.html');
  const hash = sourceHash(ws);
  const fresh = existsSync(output) && existsSync(stamp) && readFileSync(stamp, 'utf8') === hash;
  if (fresh && !force) continue;
  console.log(`building ${ws}${force ? '' : ' (its sources changed)'}`);
  execFileSync('npm', ['run', 'build', '-w', ws], { cwd: root, stdio: 'inherit' });
  writeFileSync(stamp, hash);
}
