/**
 * End to end: the package as npm publishes it. `npm pack` (which runs `prepare`, the build, as
 * `npm publish` does) makes the tarball; its file list must hold what the package needs and
 * nothing else; then the tarball is installed globally into a temporary prefix, as a user would
 * install it, and the installed `clickup-brain` runs from there with a temporary
 * CLICKUP_BRAIN_HOME: `--version`, `monitoring --health` (which starts the installed daemon by
 * itself) and `daemon stop`.
 *
 * Decisions the file list is held to: compiled JavaScript and `.d.ts` files only (the `.d.ts`
 * serve the `types` entries of the exports map); no TypeScript sources and no source maps (with
 * no sources shipped a map would point at nothing); no tests; no secrets and no home-folder data.
 *
 * The install needs the npm registry (reachable here and in CI); `--prefer-offline` lets the
 * local cache, which `npm ci` has just filled, serve most of it.
 */
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { existsSync, readdirSync, readFileSync, realpathSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { basename, dirname, join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { repoRoot, waitForExit } from '../helpers/home.js';
import { isAlive, parseJson } from '../helpers/integration.js';

interface Run {
  code: number;
  stdout: string;
  stderr: string;
}

function run(command: string, args: string[], env: NodeJS.ProcessEnv, cwd: string): Promise<Run> {
  return new Promise((resolve) => {
    execFile(
      command,
      args,
      { env, cwd, timeout: 240_000, maxBuffer: 64 * 1024 * 1024 },
      (error, stdout, stderr) => {
        const code = error === null ? 0 : typeof error.code === 'number' ? error.code : 1;
        resolve({ code, stdout, stderr });
      },
    );
  });
}

/** This process's environment without the npm_* variables `npm run` sets (they would steer npm). */
function npmEnv(): NodeJS.ProcessEnv {
  return Object.fromEntries(Object.entries(process.env).filter(([k]) => !/^npm_/i.test(k)));
}

const pkg = JSON.parse(readFileSync(join(repoRoot, 'package.json'), 'utf8')) as {
  version: string;
  bin: Record<string, string>;
  exports: Record<string, string | Record<string, string>>;
  devDependencies: Record<string, string>;
};

/** Files the project commits under completions/ (C1's generated scripts), if any yet. */
function repoCompletions(): string[] {
  const dir = join(repoRoot, 'completions');
  if (!existsSync(dir)) return [];
  return readdirSync(dir, { recursive: true, withFileTypes: true })
    .filter((e) => e.isFile())
    .map((e) => join(e.parentPath, e.name).slice(repoRoot.length));
}

describe('npm pack, then a global install into a temporary prefix', { timeout: 600_000 }, () => {
  const started = Date.now();
  let work = '';
  let files: string[] = [];
  let tarball = '';
  let prefix = '';
  let installed = '';
  let home = '';
  let cliEnv: NodeJS.ProcessEnv = {};
  let daemonPid: number | null = null;

  before(async () => {
    work = await mkdtemp(join(tmpdir(), 'cb-pack-'));
    const packed = await run(
      'npm',
      ['pack', '--json', '--pack-destination', work],
      npmEnv(),
      repoRoot,
    );
    assert.equal(packed.code, 0, `npm pack failed:\n${packed.stderr}`);
    const [info] = parseJson<{ filename: string; files: { path: string }[] }[]>(packed.stdout);
    assert.ok(info !== undefined, 'npm pack --json printed no package');
    files = info.files.map((f) => f.path).sort();
    tarball = join(work, info.filename);
  });

  after(async () => {
    if (daemonPid !== null && isAlive(daemonPid)) {
      process.kill(daemonPid, 'SIGKILL');
      await waitForExit(daemonPid);
    }
    if (work !== '') await rm(work, { recursive: true, force: true });
  });

  it('holds only bin/, dist/, completions/, the systemd unit, package.json and README.md', () => {
    const allowed =
      /^(bin\/|dist\/|completions\/|examples\/clickup-brain\.service$|package\.json$|README\.md$|LICENSE$)/;
    assert.deepEqual(
      files.filter((f) => !allowed.test(f)),
      [],
    );
    assert.ok(files.includes('README.md'));
    assert.ok(files.includes('examples/clickup-brain.service'), 'the systemd user unit ships');
  });

  it('holds no tests, no TypeScript sources and no source maps', () => {
    assert.deepEqual(
      files.filter((f) => /(^|\/)test\//.test(f) || /\.test\.[cm]?[jt]sx?$/.test(f)),
      [],
    );
    assert.deepEqual(
      files.filter((f) => /\.[cm]?tsx?$/.test(f) && !/\.d\.[cm]?ts$/.test(f)),
      [],
    );
    assert.deepEqual(
      files.filter((f) => f.endsWith('.map')),
      [],
    );
  });

  it('holds no secrets and no home-folder data', () => {
    const secretName = /^(\.env(\..*)?|\.npmrc|id_(rsa|ed25519|ecdsa)|.*\.(pem|key|p12|pfx|crt))$/i;
    const homeData =
      /(^|\/)(store\.json|events\.jsonl|config\.json|daemon\.(sock|pid)|current\.log|secrets\/)/;
    assert.deepEqual(
      files.filter((f) => secretName.test(basename(f)) || homeData.test(f)),
      [],
    );
  });

  it('holds the built CLI, daemon and every bin and exports target, so no build runs at install', () => {
    const targets = [
      ...Object.values(pkg.bin),
      ...Object.values(pkg.exports).flatMap((e) =>
        typeof e === 'string' ? [e] : Object.values(e),
      ),
      'dist/cli/clickup-brain.cjs',
      'dist/cli/program.cjs',
      'dist/cli/ui.mjs',
      'dist/daemon/main.js',
    ].map((t) => t.replace(/^\.\//, ''));
    assert.deepEqual(
      targets.filter((t) => !files.includes(t)),
      [],
    );
  });

  it('holds the completion scripts the repository has', () => {
    // completions/ is generated by another change; once it holds scripts, all of them ship.
    assert.deepEqual(
      repoCompletions().filter((f) => !files.includes(f)),
      [],
    );
  });

  it('installs globally with `npm install -g --prefix`, without any devDependency', async () => {
    prefix = join(work, 'prefix');
    const res = await run(
      'npm',
      ['install', '-g', '--prefix', prefix, '--prefer-offline', '--no-audit', '--no-fund', tarball],
      npmEnv(),
      work,
    );
    assert.equal(res.code, 0, `npm install -g failed:\n${res.stderr}`);
    installed = join(prefix, 'lib', 'node_modules', 'clickup-brain');
    assert.equal(
      realpathSync(join(prefix, 'bin', 'clickup-brain')),
      join(installed, pkg.bin['clickup-brain'] ?? ''),
    );
    // No esbuild or typescript there: the installed package cannot have built itself.
    assert.deepEqual(
      Object.keys(pkg.devDependencies).filter((d) =>
        existsSync(join(installed, 'node_modules', d)),
      ),
      [],
    );
    home = join(work, 'home');
    // PATH: the prefix's bin and node; HOME too is temporary, so nothing of this user's is read.
    cliEnv = {
      PATH: `${join(prefix, 'bin')}:${dirname(process.execPath)}:/usr/bin:/bin`,
      HOME: home,
      CLICKUP_BRAIN_HOME: home,
      NO_COLOR: '1',
      LANG: 'C.UTF-8',
    };
  });

  it('`clickup-brain --version` prints package.json’s version', async () => {
    assert.notEqual(installed, '', 'the install step did not run');
    const res = await run('clickup-brain', ['--version'], cliEnv, work);
    assert.deepEqual(res, { code: 0, stdout: `${pkg.version}\n`, stderr: '' });
  });

  it('`monitoring --health` starts the installed daemon by itself; `daemon stop` stops it', async () => {
    assert.notEqual(installed, '', 'the install step did not run');
    const before = await run('clickup-brain', ['daemon', 'status', '--json'], cliEnv, work);
    assert.equal(before.code, 3, 'a daemon already ran before the first command');

    const health = await run('clickup-brain', ['monitoring', '--health', '--json'], cliEnv, work);
    // 0 healthy, 1 degraded, 2 unhealthy (a nearly full disk on a CI machine); 3 = unreachable.
    assert.ok([0, 1, 2].includes(health.code), `exit ${health.code}: ${health.stderr}`);
    const report = parseJson<{ status: string; checks: { name: string }[] }>(health.stdout);
    assert.ok(['healthy', 'degraded', 'unhealthy'].includes(report.status));
    assert.ok(report.checks.some((c) => c.name === 'store_writable'));

    const status = await run('clickup-brain', ['daemon', 'status', '--json'], cliEnv, work);
    assert.equal(status.code, 0, status.stderr);
    const s = parseJson<{ pid: number; version: string; storePath: string }>(status.stdout);
    daemonPid = s.pid;
    assert.equal(s.version, pkg.version);
    assert.equal(s.storePath, join(home, 'data', 'store.json'));
    // The daemon that answers is the installed one, not this checkout's dist/.
    const cmdline = readFileSync(`/proc/${s.pid}/cmdline`, 'utf8').split('\0');
    assert.ok(
      cmdline.includes(join(installed, 'dist', 'daemon', 'main.js')),
      `daemon command line: ${cmdline.join(' ')}`,
    );

    const stop = await run('clickup-brain', ['daemon', 'stop'], cliEnv, work);
    assert.deepEqual(stop, { code: 0, stdout: `daemon stopped (pid ${s.pid})\n`, stderr: '' });
    assert.equal(await waitForExit(s.pid), true);
  });

  it('reports how long packing, installing and running took', (t) => {
    // A figure for CI budgets, not an assertion: it depends on the machine and the npm cache.
    t.diagnostic(`npm pack test took ${((Date.now() - started) / 1000).toFixed(1)} s`);
  });
});
