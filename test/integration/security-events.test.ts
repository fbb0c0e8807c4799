/**
 * The audit events through the real CLI and daemon: --events with --type, --user, --since, --limit
 * and --json; --verify-log on an intact log and on one edited by hand (exit 1 naming the file and
 * line); and --events --follow printing an event as it happens.
 */
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { readFile, writeFile } from 'node:fs/promises';
import { createInterface } from 'node:readline';
import { after, before, describe, it } from 'node:test';
import { setTimeout as sleep } from 'node:timers/promises';
import { cliBin, type TestHome } from '../helpers/home.js';
import { chainProblem, parseJson, readAudit, track, within } from '../helpers/integration.js';
import {
  PASSWORDS,
  WRONG_PASSWORD,
  adminHome,
  createUser,
  fails,
  ok,
  okJson,
  pw,
  table,
} from '../helpers/security.js';

interface EventJson {
  id: string;
  seq: number;
  time: string;
  type: string;
  actor: string;
  subject: string | null;
  ip: string | null;
  outcome: string;
  details: Record<string, unknown>;
  prev: string;
  hash: string;
}

async function events(home: TestHome, filters: string[]): Promise<EventJson[]> {
  const result = await okJson<{ events: EventJson[]; skipped: number }>(home, [
    'security',
    '--events',
    ...filters,
  ]);
  assert.equal(result.skipped, 0);
  return result.events;
}

describe('audit events through the CLI', () => {
  let home: TestHome;
  before(async () => {
    home = await adminHome();
    await createUser(home, 'bob', PASSWORDS.bob);
    await fails(
      home,
      ['security', '--login', 'bob', '--password-stdin'],
      4,
      'invalid username or password',
      pw(WRONG_PASSWORD),
    );
    await ok(home, ['security', '--login', 'bob', '--password-stdin'], pw(PASSWORDS.bob));
    await ok(home, ['security', '--login', 'ada', '--password-stdin'], pw(PASSWORDS.ada));
  });
  after(() => home.cleanup());

  it('--events --json gives every event of the log, oldest first, as stored', async () => {
    const all = await events(home, []);
    const lines = await readAudit(home.paths.eventsFile);
    assert.deepEqual(all, lines);
    assert.equal(chainProblem(lines), null);
  });

  it("--type 'login.*' gives the login family only; --type login.failure one type", async () => {
    const family = await events(home, ['--type', 'login.*']);
    assert.deepEqual(
      family.map((e) => [e.type, e.subject, e.outcome]),
      [
        ['login.success', 'ada', 'success'],
        ['login.failure', 'bob', 'failure'],
        ['login.success', 'bob', 'success'],
        ['login.success', 'ada', 'success'],
      ],
    );
    const failures = await events(home, ['--type', 'login.failure']);
    assert.deepEqual(
      failures.map((e) => e.subject),
      ['bob'],
    );
    assert.equal(failures[0]?.details['reason'], 'wrong-password');
  });

  it('--user gives the events a user made or was the subject of', async () => {
    const bob = await events(home, ['--user', 'bob']);
    assert.ok(bob.length >= 3, JSON.stringify(bob));
    for (const e of bob) assert.ok(e.actor === 'bob' || e.subject === 'bob', JSON.stringify(e));
    assert.ok(bob.some((e) => e.type === 'user.created' && e.actor === 'ada'));
    assert.deepEqual(
      (await events(home, ['--user', 'bob', '--type', 'login.*'])).map((e) => e.type),
      ['login.failure', 'login.success'],
    );
    assert.deepEqual(await events(home, ['--user', 'nobody']), []);
  });

  it('--limit gives the newest n', async () => {
    const all = await events(home, []);
    assert.deepEqual(await events(home, ['--limit', '2']), all.slice(-2));
    assert.deepEqual(await events(home, ['--limit', '1', '--type', 'login.*']), [
      all.filter((e) => e.type.startsWith('login.')).at(-1),
    ]);
  });

  it('--since leaves out what is older', async () => {
    const all = await events(home, []);
    const last = all.at(-1);
    assert.ok(last !== undefined);
    // A gap, then one more event; --since reaches back to just after the gap's start.
    await sleep(1500);
    await ok(home, ['security', '--grant', 'bob', 'monitoring.write']);
    const window = Date.now() - Date.parse(last.time) - 100;
    const recent = await events(home, ['--since', `${window}ms`]);
    assert.deepEqual(
      recent.map((e) => [e.type, e.subject]),
      [['permission.granted', 'bob']],
    );
    assert.deepEqual(await events(home, ['--since', '1h']), await events(home, []));
  });

  it('prints a table for people', async () => {
    const rows = table(await ok(home, ['security', '--events', '--type', 'login.*']));
    assert.deepEqual(rows[0], ['TIME', 'TYPE', 'OUTCOME', 'ACTOR', 'SUBJECT', 'IP', 'DETAILS']);
    assert.deepEqual(
      rows.slice(1).map((r) => r.slice(1, 6)),
      [
        ['login.success', 'success', 'ada', 'ada', '-'],
        ['login.failure', 'failure', 'bob', 'bob', '-'],
        ['login.success', 'success', 'bob', 'bob', '-'],
        ['login.success', 'success', 'ada', 'ada', '-'],
      ],
    );
    for (const row of rows.slice(1))
      assert.match(row[0] ?? '', /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/);
    assert.equal(
      await ok(home, ['security', '--events', '--type', 'nothing.such']),
      'No events match.\n',
    );
  });

  it('--verify-log: an intact log exits 0', async () => {
    const lines = (await readAudit(home.paths.eventsFile)).length;
    assert.equal(
      await ok(home, ['security', '--verify-log']),
      `The audit log is intact: ${lines} line(s) in 1 file(s) chain correctly.\n`,
    );
    assert.deepEqual(await okJson(home, ['security', '--verify-log']), {
      ok: true,
      lines,
      files: 1,
      firstBroken: null,
    });
  });

  it('--verify-log: a field edited in the middle line exits 1 naming the file and line', async () => {
    const file = home.paths.eventsFile;
    const original = await readFile(file, 'utf8');
    const lines = original.split('\n');
    const count = lines.length - 1;
    const middle = Math.floor(count / 2);
    const event = parseJson<EventJson>(lines[middle] ?? '');
    lines[middle] = JSON.stringify({ ...event, actor: 'mallory' });
    await writeFile(file, lines.join('\n'));
    try {
      const line = middle + 1;
      const human = await home.cli(['security', '--verify-log']);
      assert.equal(human.code, 1, human.stderr);
      assert.equal(
        human.stdout,
        `The audit log is BROKEN at ${file} line ${line} (seq ${event.seq}): hash-mismatch. ${line - 1} line(s) before it chain correctly.\n`,
      );
      const json = await home.cli(['security', '--verify-log', '--json']);
      assert.equal(json.code, 1, json.stderr);
      assert.deepEqual(parseJson(json.stdout), {
        ok: false,
        lines: line - 1,
        files: 1,
        firstBroken: { file, line, seq: event.seq, reason: 'hash-mismatch' },
      });
    } finally {
      await writeFile(file, original);
    }
    assert.match(await ok(home, ['security', '--verify-log']), /^The audit log is intact: /);
  });

  it('--events --follow --json prints a new event as it happens', async () => {
    const follower = track(
      spawn(
        process.execPath,
        [cliBin, 'security', '--events', '--follow', '--json', '--type', 'user.deleted'],
        {
          env: home.env,
          stdio: ['ignore', 'pipe', 'pipe'],
        },
      ),
    );
    try {
      const lines = createInterface({ input: follower.child.stdout! });
      const first = new Promise<string>((resolve) => lines.once('line', resolve));
      // Before or after the follower subscribes, the event reaches it (recent, then pushed).
      await ok(home, ['security', '--delete-user', 'bob']);
      const line = await within(
        first,
        15_000,
        `a line from --follow (stderr: ${follower.stderr()})`,
      );
      const event = parseJson<EventJson>(line);
      assert.deepEqual(
        [event.type, event.actor, event.subject, event.outcome],
        ['user.deleted', 'ada', 'bob', 'success'],
      );
      const stored = (await readAudit(home.paths.eventsFile)).find((e) => e.id === event.id);
      assert.deepEqual(event, stored);
    } finally {
      follower.child.kill('SIGTERM');
      await within(follower.exited, 10_000, 'the follower to exit');
    }
  });
});
