// Summarises a CPU profile of the realtime benchmark's server: self time by place (an npm
// package, one of our files, node's internals, gc) and the busiest functions.
import { readFileSync } from 'node:fs';

interface ProfileNode {
  id: number;
  hitCount: number;
  callFrame: { functionName: string; url: string; lineNumber: number };
}

export function summarizeProfile(file: string, top = 25): void {
  const profile = JSON.parse(readFileSync(file, 'utf8')) as { nodes: ProfileNode[] };
  const byPlace = new Map<string, number>();
  const byFunction = new Map<string, number>();
  let total = 0;
  let idle = 0;
  for (const node of profile.nodes) {
    const { url, functionName, lineNumber } = node.callFrame;
    if (functionName === '(idle)') {
      idle += node.hitCount;
      continue;
    }
    const pkg = /node_modules\/((?:@[^/]+\/)?[^/]+)/.exec(url);
    const place = pkg
      ? pkg[1]!
      : url.includes('/dist/')
        ? 'server (dist/main.js)'
        : url.startsWith('node:')
          ? 'node internals'
          : functionName || '(program)';
    byPlace.set(place, (byPlace.get(place) ?? 0) + node.hitCount);
    const name = `${functionName || '(anonymous)'} ${url.slice(url.lastIndexOf('/') + 1)}:${lineNumber + 1}`;
    byFunction.set(name, (byFunction.get(name) ?? 0) + node.hitCount);
    total += node.hitCount;
  }
  const share = (hits: number) => `${((100 * hits) / total).toFixed(1).padStart(5)} %`;
  console.log(
    `  CPU profile of the calls (${file}), busy ${((100 * total) / (total + idle)).toFixed(0)} % of samples; self time by place:`,
  );
  for (const [place, hits] of [...byPlace].sort((a, b) => b[1] - a[1]).slice(0, 12))
    console.log(`  ${share(hits)}  ${place}`);
  console.log('  the busiest functions (self time):');
  for (const [name, hits] of [...byFunction].sort((a, b) => b[1] - a[1]).slice(0, top))
    console.log(`  ${share(hits)}  ${name}`);
}
