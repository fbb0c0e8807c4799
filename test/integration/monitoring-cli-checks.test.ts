/**
 * The `--add-check` flags for the http, command and heartbeat fields that used to need a checks
 * file (`--expect-body-regex`, `--header`, `--method`, `--tls-min-days`, `--insecure`,
 * `--expect-output`, `--grace`), and `--load-checks` itself: a good file loads every check, a file
 * with one bad check loads none and names it, duplicate names, a built-in check's name and
 * unreadable or malformed files are refused (exit 2, nothing changed). Through the real CLI and
 * daemon.
 */
import assert from 'node:assert/strict';
import { writeFile } from 'node:fs/promises';
import { createServer, type IncomingHttpHeaders } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { describe, it, type TestContext } from 'node:test';
import { checkDefinition, checksOf, cliFails, cliOk, monitoringHome, waitForCheck } from '../helpers/monitoring.js';

/** A local server that answers `{"status":"<status>"}`; `status` can change while it runs. */
async function statusServer(t: TestContext): Promise<{ url: string; setStatus: (s: string) => void; lastHeaders: () => IncomingHttpHeaders | null }> {
  let status = 'ok';
  let headers: IncomingHttpHeaders | null = null;
  const server = createServer((request, response) => {
    headers = request.headers;
    response.writeHead(200, { 'content-type': 'application/json' });
    response.end(JSON.stringify({ status }));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  t.after(() => new Promise<void>((resolve) => server.close(() => resolve())));
  const { port } = server.address() as AddressInfo;
  return { url: `http://127.0.0.1:${port}/status`, setStatus: (s) => void (status = s), lastHeaders: () => headers };
}

describe('monitoring --add-check: the flags of every check field', () => {
  it('an http check with --expect-body-regex and --header is up while the body matches, down when it stops', async (t) => {
    const home = await monitoringHome(t);
    const server = await statusServer(t);
    const saved = await cliOk(home, [
      'monitoring',
      '--add-check',
      'status',
      '--type',
      'http',
      '--target',
      server.url,
      '--method',
      'get',
      '--header',
      'X-Probe: clickup-brain',
      '--header',
      'Accept: application/json',
      '--header',
      'X-Tabbed: a\tb',
      '--expect-body-regex',
      '"status":\\s*"ok"',
      '--tls-min-days',
      '30',
      '--interval',
      '1s',
      '--timeout',
      '900ms',
      '--failure-threshold',
      '1',
    ]);
    assert.equal(saved, `Saved http check status (${server.url}), every 1s\n`);

    const up = await waitForCheck(home, 'status', 'up');
    assert.match(up.detail, /^200 in \d+ ms, body matches \/"status":\\s\*"ok"\/$/);
    assert.equal(server.lastHeaders()?.['x-probe'], 'clickup-brain');
    assert.equal(server.lastHeaders()?.['accept'], 'application/json');
    assert.equal(server.lastHeaders()?.['x-tabbed'], 'a\tb', 'a tab inside a header value is sent as given');

    server.setStatus('failing');
    const down = await waitForCheck(home, 'status', 'down');
    assert.match(down.detail, /body does not match \/"status":\\s\*"ok"\/ \(starts: '\{"status":"failing"\}'\)/);
  });

  it('command checks take --expect-output, heartbeat checks --grace; bad values are refused by their flag', async (t) => {
    const home = await monitoringHome(t);
    assert.equal(
      await cliOk(home, ['monitoring', '--add-check', 'echo', '--type', 'command', '--target', `${process.execPath} -e "console.log('backup finished')"`, '--expect-output', 'finished', '--interval', '1s', '--timeout', '900ms']),
      `Saved command check echo (${process.execPath} -e "console.log('backup finished')"), every 1s\n`,
    );
    assert.match((await waitForCheck(home, 'echo', 'up')).detail, /finished/);
    assert.equal(await cliOk(home, ['monitoring', '--add-check', 'nightly', '--type', 'heartbeat', '--interval', '1d', '--grace', '2h']), 'Saved heartbeat check nightly, every 1d\n');

    const before = (await checksOf(home)).map(checkDefinition);
    const refusals: Array<[string[], RegExp]> = [
      [['--type', 'http', '--target', 'http://127.0.0.1/', '--expect-body-regex', '(unclosed'], /^error: option '--expect-body-regex <re>' argument '\(unclosed' is invalid\. is not a valid regular expression: .*Unterminated group\n$/],
      [['--type', 'http', '--target', 'http://127.0.0.1/', '--header', 'no colon'], /option '--header <name:value>' argument 'no colon' is invalid\. 'no colon' has no ':'/],
      [['--type', 'http', '--target', 'http://127.0.0.1/', '--method', 'POST'], /option '--method <method>' argument 'POST' is invalid\. 'POST' is not a method an http check may use: GET or HEAD/],
      [['--type', 'http', '--target', 'http://127.0.0.1/', '--tls-min-days', '-1'], /option '--tls-min-days <n>' argument '-1' is invalid/],
      [['--type', 'http', '--target', 'http://127.0.0.1/', '--method', 'HEAD', '--expect-body-regex', 'ok'], /--method HEAD gets no body for --expect-body-regex to match/],
      [['--type', 'http', '--target', 'http://127.0.0.1/', '--expect-body', 'a', '--expect-body-regex', 'b'], /give --expect-body or --expect-body-regex, not both/],
      [['--type', 'tcp', '--target', '127.0.0.1:9', '--insecure'], /--insecure does not apply to tcp checks; it goes with http checks/],
      [['--type', 'http', '--target', 'http://127.0.0.1/', '--grace', '1m'], /--grace does not apply to http checks; it goes with heartbeat checks/],
      [['--type', 'heartbeat', '--grace', 'soon'], /option '--grace <duration>' argument 'soon' is invalid/],
      [['--type', 'heartbeat', '--grace', '2d'], /^error: option '--grace <duration>' argument '2d' is invalid\. '2d' is longer than 1d, the longest grace \(0s for none\)\n$/],
      [['--type', 'http', '--target', 'http://127.0.0.1/', '--expect-output', 'ok'], /--expect-output does not apply to http checks; it goes with command checks/],
    ];
    for (const [args, message] of refusals) await cliFails(home, ['monitoring', '--add-check', 'refused', ...args], 2, message);
    assert.deepEqual((await checksOf(home)).map(checkDefinition), before);
  });

  it("a built-in check's name is refused: exit 2, naming it, and nothing is added", async (t) => {
    const home = await monitoringHome(t);
    const before = (await checksOf(home)).map(checkDefinition);
    for (const [name, args] of [
      ['memory', ['--type', 'memory', '--threshold', '50']],
      ['disk', ['--type', 'disk', '--target', '/']],
      ['event_loop', ['--type', 'heartbeat']],
      ['store_writable', ['--type', 'tcp', '--target', '127.0.0.1:9']],
    ] as const) {
      await cliFails(home, ['monitoring', '--add-check', name, ...args], 2, new RegExp(`^clickup-brain: check name "${name}" is a built-in check's \\(event_loop, store_writable, disk, memory\\); choose another name\\n$`));
    }
    assert.deepEqual((await checksOf(home)).map(checkDefinition), before);
  });
});

describe('monitoring --load-checks', () => {
  it('a good file loads every check; loading it again updates them', async (t) => {
    const home = await monitoringHome(t);
    const file = join(home.dir, 'checks.yml');
    await writeFile(
      file,
      [
        'checks:',
        '  - name: api',
        '    type: http',
        '    target: "http://127.0.0.1:9/health"',
        '    intervalMs: 30s',
        '    timeoutMs: 5s',
        '    method: GET',
        '    headers: { Accept: application/json }',
        '    expectStatus: [200, 204]',
        '    expectBodyRegex: "\\"status\\":\\\\s*\\"ok\\""',
        '    maxLatencyMs: 800ms',
        '    tlsMinDaysLeft: 30',
        '    failureThreshold: 2',
        '  - { name: postgres, type: tcp, target: "127.0.0.1:5432", intervalMs: 1m }',
        '  - { name: job, type: command, target: "true", expectExitCode: 0, expectOutput: "" }',
        '  - { name: root-disk, type: disk, target: /, thresholdPercent: 95 }',
        '  - { name: mem, type: memory, thresholdPercent: 99 }',
        '  - { name: worker, type: process, target: "name:node" }',
        '  - { name: nightly, type: heartbeat, intervalMs: 1d, graceMs: 2h, public: true }',
        '',
      ].join('\n'),
    );
    assert.equal(await cliOk(home, ['monitoring', '--load-checks', file]), `Loaded ${file}: 7 check(s) added, 0 updated\n`);
    assert.deepEqual(
      (await checksOf(home)).map(checkDefinition),
      [
        { name: 'api', type: 'http', target: 'http://127.0.0.1:9/health', intervalMs: 30_000 },
        { name: 'job', type: 'command', target: 'true', intervalMs: 30_000 },
        { name: 'mem', type: 'memory', target: null, intervalMs: 30_000 },
        { name: 'nightly', type: 'heartbeat', target: null, intervalMs: 86_400_000 },
        { name: 'postgres', type: 'tcp', target: '127.0.0.1:5432', intervalMs: 60_000 },
        { name: 'root-disk', type: 'disk', target: '/', intervalMs: 30_000 },
        { name: 'worker', type: 'process', target: 'name:node', intervalMs: 30_000 },
      ],
    );

    // JSON is YAML too; a name already loaded is updated in place.
    const json = join(home.dir, 'checks.json');
    await writeFile(json, JSON.stringify({ checks: [{ name: 'postgres', type: 'tcp', target: '127.0.0.1:5433', intervalMs: '2m' }, { name: 'redis', type: 'tcp', target: '127.0.0.1:6379' }] }));
    assert.equal(await cliOk(home, ['monitoring', '--load-checks', json, '--json']), '{\n  "added": 1,\n  "updated": 1\n}\n');
    const postgres = (await checksOf(home)).find((c) => c.name === 'postgres');
    assert.deepEqual(postgres && checkDefinition(postgres), { name: 'postgres', type: 'tcp', target: '127.0.0.1:5433', intervalMs: 120_000 });
  });

  it('a bad check, a duplicate name, bad YAML or an unreadable file: exit 2, named, and nothing loaded', async (t) => {
    const home = await monitoringHome(t);
    await cliOk(home, ['monitoring', '--add-check', 'kept', '--type', 'tcp', '--target', '127.0.0.1:9', '--interval', '1h']);
    const before = (await checksOf(home)).map(checkDefinition);
    const write = async (name: string, text: string): Promise<string> => {
      const path = join(home.dir, name);
      await writeFile(path, text);
      return path;
    };

    const oneBad = await write('one-bad.yml', 'checks:\n  - { name: good, type: tcp, target: "127.0.0.1:1" }\n  - { name: bad, type: http, target: "ftp://example.com/" }\n  - { name: later, type: memory }\n');
    await cliFails(home, ['monitoring', '--load-checks', oneBad], 2, /^clickup-brain: checks\[1\]: check 'bad': target is invalid: .*must use http:\/\/ or https:\/\/, not ftp:\/\//);
    const badField = await write('bad-field.yml', 'checks:\n  - { name: good, type: tcp, target: "127.0.0.1:1" }\n  - { name: loud, type: tcp, target: "127.0.0.1:2", expectBodyRegex: "x" }\n');
    await cliFails(home, ['monitoring', '--load-checks', badField], 2, /^clickup-brain: checks\[1\]: check 'loud': expectBodyRegex does not apply to tcp checks\n$/);
    const builtIn = await write('built-in.yml', 'checks:\n  - { name: good, type: tcp, target: "127.0.0.1:1" }\n  - { name: memory, type: memory, thresholdPercent: 50 }\n');
    await cliFails(home, ['monitoring', '--load-checks', builtIn], 2, /^clickup-brain: checks\[1\]: check name "memory" is a built-in check's \(event_loop, store_writable, disk, memory\); choose another name\n$/);
    const twice = await write('twice.yml', 'checks:\n  - { name: same, type: tcp, target: "127.0.0.1:1" }\n  - { name: same, type: memory }\n');
    await cliFails(home, ['monitoring', '--load-checks', twice], 2, /^clickup-brain: check 'same' appears twice in the checks file\n$/);
    const notYaml = await write('broken.yml', 'checks:\n  - { name: x, type: tcp\n');
    await cliFails(home, ['monitoring', '--load-checks', notYaml], 2, /^clickup-brain: the checks file is not valid YAML or JSON: /);
    const noList = await write('no-list.yml', 'rules: []\n');
    await cliFails(home, ['monitoring', '--load-checks', noList], 2, /^clickup-brain: the checks file needs a top-level 'checks' list\n$/);
    const missing = join(home.dir, 'missing.yml');
    await cliFails(home, ['monitoring', '--load-checks', missing], 2, new RegExp(`^clickup-brain: cannot read the checks file ${missing.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}: ENOENT\\n$`));
    await cliFails(home, ['monitoring', '--load-checks', home.dir], 2, /^clickup-brain: cannot read the checks file .*: EISDIR\n$/);

    assert.deepEqual((await checksOf(home)).map(checkDefinition), before, 'no refused file added a check');
  });
});
