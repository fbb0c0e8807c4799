// Builds dist/: the daemon and libraries with tsc (with .d.ts), and the CLI as esbuild bundles (the
// live terminal views in a third, dist/cli/ui.mjs), because loading one file instead of ~40
// modules is what keeps the CLI's start-up near `node -e 0`.
// It builds into a fresh folder and swaps it in, so a CLI or daemon started meanwhile never finds
// dist/ half-deleted.
import { execFileSync } from 'node:child_process';
import { cpSync, renameSync, rmSync } from 'node:fs';
import { build } from 'esbuild';
import { uiBundlePlugins } from './ui-bundle-plugins.mjs';

const root = new URL('../', import.meta.url);
execFileSync(process.execPath, [new URL('scripts/sync-version.mjs', root).pathname], {
  stdio: 'inherit',
});
const next = new URL(`dist.next-${process.pid}/`, root);
rmSync(next, { recursive: true, force: true });
execFileSync(
  process.execPath,
  [
    new URL('node_modules/typescript/bin/tsc', root).pathname,
    '-p',
    new URL('tsconfig.build.json', root).pathname,
    '--outDir',
    next.pathname,
  ],
  { stdio: 'inherit' },
);
// The web dashboard's browser app is served as it is (no build step): copy it next to the
// compiled page routes, which find it at ../public/ from dist/daemon/http/pages/.
cpSync(new URL('daemon/http/public/', root), new URL('daemon/http/public/', next), {
  recursive: true,
});
// Guard: the plain CLI must never pull in the daemon, zod, lowdb, bcrypt, Ink or React.
const forbidHeavyImports = {
  name: 'forbid-heavy-imports',
  setup(b) {
    b.onResolve(
      { filter: /^(zod|lowdb|@node-rs\/bcrypt|ink|react|keytar|conf|pino)(\/|$)/ },
      (args) => ({
        errors: [
          { text: `the CLI bundle must not import ${args.path} (imported by ${args.importer})` },
        ],
      }),
    );
  },
};
const common = {
  bundle: true,
  platform: 'node',
  // CommonJS: Node loads a CommonJS file faster than an ES module (no module-job graph).
  format: 'cjs',
  target: 'node20',
  minify: true,
  legalComments: 'none',
  logLevel: 'warning',
};
// Two bundles: the entry (the fast path: monitoring --health) stays small, and the full commander
// program is a second file it requires only when needed, so the fast path compiles neither.
await build({
  ...common,
  entryPoints: [new URL('src/cli/main.ts', root).pathname],
  outfile: new URL('cli/clickup-brain.cjs', next).pathname,
  plugins: [
    forbidHeavyImports,
    {
      name: 'full-program-apart',
      setup(b) {
        b.onResolve({ filter: /^\.\/run\.js$/ }, () => ({ path: './program.cjs', external: true }));
      },
    },
  ],
});
await build({
  ...common,
  entryPoints: [new URL('src/cli/run.ts', root).pathname],
  outfile: new URL('cli/program.cjs', next).pathname,
  plugins: [forbidHeavyImports],
});

// Third bundle: the live views (Ink, React and the view code), loaded by the CLI with a dynamic
// import() only for --dashboard, --status --watch and a live --events --follow, so no other command
// pays for them. ES module: Ink and yoga-layout use top-level await. React is CommonJS and needs a
// real `require` for Node built-ins inside an ES bundle. The plugins (scripts/ui-bundle-plugins.mjs)
// drop react-devtools-core, keep Ink drawing live when CI is set, and keep Ink's text measuring
// from being redone for unchanged lines on every frame.
await build({
  bundle: true,
  platform: 'node',
  format: 'esm',
  target: 'node20',
  minify: true,
  legalComments: 'none',
  logLevel: 'warning',
  entryPoints: [new URL('src/ui/entry.ts', root).pathname],
  outfile: new URL('cli/ui.mjs', next).pathname,
  define: { 'process.env.NODE_ENV': '"production"' },
  plugins: uiBundlePlugins(),
  banner: {
    js: "import { createRequire as __cbCreateRequire } from 'node:module'; const require = __cbCreateRequire(import.meta.url);",
  },
});

// Swap the new build in: rename is atomic, so readers see the old dist/ or the new one.
const old = new URL(`dist.old-${process.pid}/`, root);
try {
  renameSync(new URL('dist/', root), old);
} catch {
  // first build
}
renameSync(next, new URL('dist/', root));
rmSync(old, { recursive: true, force: true });
