// Type-checks every workspace that has a tsconfig.json, one `tsc --noEmit -p` each.
import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';

const { workspaces } = JSON.parse(readFileSync('package.json', 'utf8'));
let failed = false;
for (const ws of workspaces) {
  if (!existsSync(`${ws}/tsconfig.json`)) continue;
  try {
    execFileSync('npx', ['tsc', '--noEmit', '-p', ws], { stdio: 'inherit' });
  } catch {
    failed = true;
  }
}
process.exit(failed ? 1 : 0);
