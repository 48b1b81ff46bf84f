// Compiles the server for production: one ES module, server/dist/main.js, with the
// workspace's own TypeScript (and @hall/protocol) bundled in and every npm package
// left to node_modules; the Lua scripts are copied beside it. `npm run dev` keeps tsx.
import { cpSync, mkdirSync, rmSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';

const serverDir = join(dirname(fileURLToPath(import.meta.url)), '..');
const dist = join(serverDir, 'dist');
rmSync(dist, { recursive: true, force: true });
mkdirSync(dist, { recursive: true });

await build({
  entryPoints: [join(serverDir, 'src', 'main.ts')],
  outfile: join(dist, 'main.js'),
  bundle: true,
  platform: 'node',
  format: 'esm',
  target: 'node20',
  sourcemap: true,
  logLevel: 'warning',
  plugins: [
    {
      // npm packages stay external; the workspace's @hall/* packages are TypeScript sources
      name: 'external-packages',
      setup(b) {
        b.onResolve({ filter: /^[^./]/ }, (args) =>
          args.path.startsWith('@hall/') ? undefined : { path: args.path, external: true },
        );
      },
    },
  ],
});
cpSync(join(serverDir, 'src', 'store', 'lua'), join(dist, 'lua'), { recursive: true });
console.log('server built: server/dist/main.js');
