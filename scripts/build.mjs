// Builds dist/: the daemon and libraries with tsc (with .d.ts), and the CLI as one esbuild bundle,
// because loading one file instead of ~40 modules is what keeps the CLI's start-up near `node -e 0`.
import { execFileSync } from 'node:child_process';
import { rmSync } from 'node:fs';
import { build } from 'esbuild';

const root = new URL('../', import.meta.url);
execFileSync(process.execPath, [new URL('scripts/sync-version.mjs', root).pathname], { stdio: 'inherit' });
rmSync(new URL('dist/', root), { recursive: true, force: true });
execFileSync(process.execPath, [new URL('node_modules/typescript/bin/tsc', root).pathname, '-p', new URL('tsconfig.build.json', root).pathname], {
  stdio: 'inherit',
});
await build({
  entryPoints: [new URL('src/cli/main.ts', root).pathname],
  outfile: new URL('dist/cli/clickup-brain.js', root).pathname,
  bundle: true,
  platform: 'node',
  format: 'esm',
  target: 'node20',
  minify: true,
  legalComments: 'none',
  // commander is CommonJS; its require() calls need a real require inside an ES module.
  banner: { js: "import { createRequire as __cbRequire } from 'node:module'; const require = __cbRequire(import.meta.url);" },
  // Guard: the plain CLI must never pull in the daemon, zod, lowdb, bcrypt, Ink or React.
  plugins: [
    {
      name: 'forbid-heavy-imports',
      setup(b) {
        b.onResolve({ filter: /^(zod|lowdb|@node-rs\/bcrypt|ink|react|keytar|conf|pino)(\/|$)/ }, (args) => ({
          errors: [{ text: `the CLI bundle must not import ${args.path} (imported by ${args.importer})` }],
        }));
      },
    },
  ],
  logLevel: 'warning',
});
