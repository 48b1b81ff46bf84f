// Compiles the server for production: one ES module, server/dist/main.js, with the
// workspace's own TypeScript (and @hall/protocol) bundled in and every npm package
// left to node_modules. Each capability's Lua folder (src/<capability>/lua) is copied to
// dist/<capability>/lua, and each module's `import.meta.url` is made to point into its own
// folder under dist, so a module finds its scripts as it does under src. `npm run dev` keeps tsx.
import { cpSync, existsSync, mkdirSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { dirname, join, relative, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';

const serverDir = join(dirname(fileURLToPath(import.meta.url)), '..');
const srcDir = join(serverDir, 'src');
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
      // a module of src/<dir>/ sees itself in dist/<dir>/, the same depth as under src
      name: 'module-urls',
      setup(b) {
        b.onLoad({ filter: /\.ts$/ }, (args) => {
          if (!args.path.startsWith(srcDir + sep)) return undefined;
          const text = readFileSync(args.path, 'utf8');
          if (!text.includes('import.meta.url')) return undefined;
          const rel = relative(srcDir, dirname(args.path)).split(sep).join('/');
          const here = JSON.stringify(`./${rel ? `${rel}/` : ''}module.js`);
          return {
            contents: text.replaceAll('import.meta.url', `new URL(${here}, import.meta.url).href`),
            loader: 'ts',
          };
        });
      },
    },
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
for (const dir of readdirSync(srcDir)) {
  const lua = join(srcDir, dir, 'lua');
  if (existsSync(lua)) cpSync(lua, join(dist, dir, 'lua'), { recursive: true });
}
console.log('server built: server/dist/main.js');
