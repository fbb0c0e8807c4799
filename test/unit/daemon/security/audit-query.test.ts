import assert from 'node:assert/strict';
import { appendFile, mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { ManualClock } from '../../../../daemon/clock.js';
import {
  type AuditEvent,
  type AuditInput,
  AuditLog,
  GENESIS_HASH,
} from '../../../../daemon/security/audit-log.js';
import {
  auditFiles,
  type EventFilter,
  followEvents,
  matchesFilter,
  parseAuditLine,
  parseEventFilter,
  queryEvents,
  readAuditLines,
  scanEvents,
} from '../../../../daemon/security/audit-query.js';

const T0 = Date.UTC(2026, 0, 1);
const MINUTE = 60_000;

/** An event as the log would hold it, for matching (the chain is not checked here). */
function event(fields: Partial<AuditEvent> = {}): AuditEvent {
  return {
    id: 'id',
    seq: 1,
    time: new Date(T0).toISOString(),
    type: 'login.failure',
    actor: 'alice',
    subject: null,
    ip: null,
    outcome: 'failure',
    details: {},
    prev: GENESIS_HASH,
    hash: 'h',
    ...fields,
  };
}

/** The mix of events the query tests run on: one a minute from T0, `n` in details. */
const MIX: AuditInput[] = (
  [
    { type: 'login.failure', actor: 'Alice', ip: '203.0.113.7', outcome: 'failure' },
    { type: 'login.success', actor: 'alice', ip: '203.0.113.7', outcome: 'success' },
    { type: 'user.created', actor: 'root', subject: 'ALICE', outcome: 'success' },
    { type: 'login.failure', actor: 'bob', ip: '10.1.2.3', outcome: 'failure' },
    { type: 'ip.banned', actor: 'system', subject: '10.1.2.3', ip: '10.1.2.3', outcome: 'info' },
    { type: 'login', actor: 'carol', ip: '2001:db8::5', outcome: 'refused' },
    { type: 'login.failure', actor: 'carol', ip: '::ffff:10.9.9.9', outcome: 'failure' },
    { type: 'token.issued', actor: 'bob', ip: 'unknown', outcome: 'success' },
  ] satisfies AuditInput[]
).map((input, n) => ({ ...input, details: { n } }));

async function writeLog(
  file: string | null,
  inputs: readonly AuditInput[],
  options: { maxBytes?: number; keep?: number } = {},
): Promise<{ log: AuditLog; events: AuditEvent[] }> {
  const clock = new ManualClock(T0);
  const { log } = await AuditLog.open({ file, clock, ...options });
  const events: AuditEvent[] = [];
  for (const input of inputs) {
    events.push(await log.append(input));
    clock.advance(MINUTE);
  }
  return { log, events };
}

const ns = (events: readonly AuditEvent[]): unknown[] => events.map((e) => e.details.n);

function rejectsInput(input: unknown, message: string, field: string): void {
  assert.throws(() => parseEventFilter(input), {
    name: 'InvalidInputError',
    code: 'INVALID_INPUT',
    message,
    details: { field },
  });
}

describe('parseEventFilter', () => {
  test('an absent or empty filter is empty', () => {
    assert.deepEqual(parseEventFilter(undefined), {});
    assert.deepEqual(parseEventFilter({}), {});
  });

  test('returns every field, the IP in canonical form and the user trimmed', () => {
    assert.deepEqual(
      parseEventFilter({
        type: 'login.*',
        user: '  Alice ',
        ip: '::ffff:10.0.0.0/104',
        since: T0,
        until: T0 + 1,
        outcome: 'refused',
        limit: 10_000,
      }),
      {
        type: 'login.*',
        user: 'Alice',
        ip: '10.0.0.0/8',
        since: T0,
        until: T0 + 1,
        outcome: 'refused',
        limit: 10_000,
      },
    );
    assert.deepEqual(parseEventFilter({ type: 'login.failure', ip: '2001:DB8::1', limit: 1 }), {
      type: 'login.failure',
      ip: '2001:db8::1',
      limit: 1,
    });
  });

  test('refuses input that is not an object', () => {
    for (const input of [null, [], 'login.*', 5]) {
      rejectsInput(input, 'the event filter must be an object', 'filter');
    }
  });

  test('refuses an unknown field, naming it', () => {
    rejectsInput(
      { users: 'alice' },
      "unknown event filter field 'users'; expected one of: type, user, ip, since, until, outcome, limit",
      'users',
    );
  });

  test('refuses a bad type', () => {
    const message = "type must be an event type like 'login.failure', or a prefix like 'login.*'";
    for (const type of [
      '',
      '*',
      'login*',
      'login.*.x',
      '.login',
      'login.',
      'a b',
      5,
      'x'.repeat(101),
    ]) {
      rejectsInput({ type }, message, 'type');
    }
  });

  test('refuses a bad user', () => {
    const message = 'user must be a non-empty name of at most 256 characters';
    for (const user of ['', '   ', 5, 'u'.repeat(257)]) rejectsInput({ user }, message, 'user');
  });

  test('refuses a bad ip with the message of the IP parser', () => {
    rejectsInput({ ip: 7 }, 'ip must be a string', 'ip');
    rejectsInput(
      { ip: 'nope' },
      "'nope' is not a valid IP address (expected IPv4 like 203.0.113.7 or IPv6 like 2001:db8::1)",
      'ip',
    );
    rejectsInput(
      { ip: '10.0.0.1/8' },
      "'10.0.0.1/8' has host bits set; did you mean 10.0.0.0/8?",
      'ip',
    );
    rejectsInput(
      { ip: '10.0.0.0/33' },
      "'10.0.0.0/33' has prefix length 33, but IPv4 allows at most 32",
      'ip',
    );
  });

  test('refuses bad times and an empty range', () => {
    for (const field of ['since', 'until'] as const) {
      for (const value of [-1, 1.5, Number.NaN, Infinity, '2026-01-01', null]) {
        rejectsInput(
          { [field]: value },
          `${field} must be a time in milliseconds since the epoch`,
          field,
        );
      }
    }
    rejectsInput({ since: T0, until: T0 }, 'since must be before until', 'since');
    rejectsInput({ since: T0 + 1, until: T0 }, 'since must be before until', 'since');
  });

  test('refuses a bad outcome', () => {
    for (const outcome of ['ok', 'SUCCESS', 1]) {
      rejectsInput(
        { outcome },
        'outcome must be one of: success, failure, refused, info',
        'outcome',
      );
    }
  });

  test('refuses a limit outside 1 to 10 000', () => {
    for (const limit of [0, -1, 10_001, 1.5, '5', Number.NaN]) {
      rejectsInput({ limit }, 'limit must be an integer from 1 to 10000', 'limit');
    }
  });
});

describe('matchesFilter', () => {
  const matches = (fields: Partial<AuditEvent>, filter: EventFilter): boolean =>
    matchesFilter(event(fields), filter);

  test('the empty filter matches everything', () => {
    assert.equal(matches({}, {}), true);
  });

  test('type: exact, or a prefix with .*', () => {
    assert.equal(matches({ type: 'login.failure' }, { type: 'login.failure' }), true);
    assert.equal(matches({ type: 'login.failures' }, { type: 'login.failure' }), false);
    assert.equal(matches({ type: 'login.failure' }, { type: 'login.*' }), true);
    assert.equal(matches({ type: 'login.failure.mfa' }, { type: 'login.*' }), true);
    assert.equal(matches({ type: 'login' }, { type: 'login.*' }), false);
    assert.equal(matches({ type: 'loginx.failure' }, { type: 'login.*' }), false);
    assert.equal(matches({ type: 'user.login.x' }, { type: 'login.*' }), false);
    assert.equal(matches({ type: 'Login.failure' }, { type: 'login.*' }), false);
  });

  test('user: the actor or the subject, in any case', () => {
    assert.equal(matches({ actor: 'ALICE' }, { user: 'alice' }), true);
    assert.equal(matches({ actor: 'root', subject: 'Alice' }, { user: 'ALICE' }), true);
    assert.equal(matches({ actor: 'root', subject: null }, { user: 'alice' }), false);
    assert.equal(matches({ actor: 'alice2' }, { user: 'alice' }), false);
  });

  test('ip: one address or a network, IPv4-mapped addresses as IPv4', () => {
    assert.equal(matches({ ip: '203.0.113.7' }, { ip: '203.0.113.7' }), true);
    assert.equal(matches({ ip: '203.0.113.8' }, { ip: '203.0.113.7' }), false);
    assert.equal(matches({ ip: '10.200.0.1' }, { ip: '10.0.0.0/8' }), true);
    assert.equal(matches({ ip: '11.0.0.1' }, { ip: '10.0.0.0/8' }), false);
    assert.equal(matches({ ip: '::ffff:10.9.9.9' }, { ip: '10.0.0.0/8' }), true);
    assert.equal(matches({ ip: '2001:db8:0:0::5' }, { ip: '2001:db8::/32' }), true);
    assert.equal(matches({ ip: '2001:db9::5' }, { ip: '2001:db8::/32' }), false);
    assert.equal(matches({ ip: '2001:db8::5' }, { ip: '0.0.0.0/0' }), false);
    assert.equal(matches({ ip: null }, { ip: '0.0.0.0/0' }), false);
    assert.equal(matches({ ip: 'unknown' }, { ip: '0.0.0.0/0' }), false);
  });

  test('since is inclusive, until exclusive', () => {
    const at = (ms: number): Partial<AuditEvent> => ({ time: new Date(ms).toISOString() });
    assert.equal(matches(at(T0), { since: T0 }), true);
    assert.equal(matches(at(T0 - 1), { since: T0 }), false);
    assert.equal(matches(at(T0 - 1), { until: T0 }), true);
    assert.equal(matches(at(T0), { until: T0 }), false);
    assert.equal(matches({ time: 'not a time' }, { since: 0 }), false);
  });

  test('outcome, and all fields together', () => {
    assert.equal(matches({ outcome: 'refused' }, { outcome: 'refused' }), true);
    assert.equal(matches({ outcome: 'failure' }, { outcome: 'refused' }), false);
    const filter: EventFilter = {
      type: 'login.*',
      user: 'alice',
      ip: '203.0.113.0/24',
      outcome: 'failure',
    };
    assert.equal(matches({ ip: '203.0.113.9' }, filter), true);
    assert.equal(matches({ ip: '203.0.113.9', actor: 'bob' }, filter), false);
  });

  test('an invalid filter throws', () => {
    assert.throws(() => matchesFilter(event(), { type: '*' }), {
      code: 'INVALID_INPUT',
      details: { field: 'type' },
    });
  });
});

describe('queryEvents and scanEvents', () => {
  let dir: string;
  let n = 0;
  const fresh = async (): Promise<string> => {
    const sub = join(dir, `case-${++n}`);
    await mkdir(sub);
    return join(sub, 'events.jsonl');
  };
  before(async () => {
    dir = await mkdtemp(join(tmpdir(), 'cbu-query-'));
  });
  after(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  test('filters events read from the files, across rotation, oldest first', async () => {
    const file = await fresh();
    // maxBytes 1: every append after the first rotates, so each file holds one line.
    const { log, events } = await writeLog(file, MIX, { maxBytes: 1, keep: 10 });
    await log.close();
    const files = await log.files();
    assert.equal(files.length, MIX.length);
    const q = (filter: EventFilter): Promise<unknown[]> => queryEvents({ files }, filter).then(ns);

    assert.deepEqual(await queryEvents({ files }, {}), events);
    assert.deepEqual(await q({ type: 'login.*' }), [0, 1, 3, 6]);
    assert.deepEqual(await q({ type: 'login' }), [5]);
    assert.deepEqual(await q({ user: 'alice' }), [0, 1, 2]);
    assert.deepEqual(await q({ user: 'BOB' }), [3, 7]);
    assert.deepEqual(await q({ ip: '10.0.0.0/8' }), [3, 4, 6]);
    assert.deepEqual(await q({ ip: '203.0.113.7' }), [0, 1]);
    assert.deepEqual(await q({ ip: '2001:db8::/32' }), [5]);
    assert.deepEqual(await q({ since: T0 + 2 * MINUTE, until: T0 + 5 * MINUTE }), [2, 3, 4]);
    assert.deepEqual(await q({ outcome: 'success' }), [1, 2, 7]);
    assert.deepEqual(await q({ type: 'login.failure', ip: '10.0.0.0/8' }), [3, 6]);
    assert.deepEqual(await q({ user: 'nobody' }), []);
  });

  test('limit keeps the newest matches, still oldest first; the default is 100', async () => {
    const file = await fresh();
    const inputs = Array.from({ length: 130 }, (_, i): AuditInput => ({
      type: i % 2 === 0 ? 'login.failure' : 'login.success',
      actor: 'alice',
      outcome: 'info',
      details: { n: i },
    }));
    const { log } = await writeLog(file, inputs, { maxBytes: 4000, keep: 20 });
    await log.close();
    const files = await log.files();
    assert.ok(files.length > 2, 'the log rotated');
    const range = (from: number, to: number, step = 1): number[] =>
      Array.from({ length: Math.ceil((to - from) / step) }, (_, i) => from + i * step);

    assert.deepEqual(ns(await queryEvents({ files }, {})), range(30, 130));
    assert.deepEqual(ns(await queryEvents({ files }, { limit: 3 })), [127, 128, 129]);
    assert.deepEqual(
      ns(await queryEvents({ files }, { type: 'login.failure', limit: 4 })),
      [122, 124, 126, 128],
    );
    assert.deepEqual(ns(await queryEvents({ files }, { type: 'login.success', limit: 1 })), [129]);
    assert.deepEqual(ns(await queryEvents({ files }, { limit: 10_000 })), range(0, 130));
    assert.deepEqual(
      ns(await queryEvents({ files }, { type: 'login.failure', limit: 65 })),
      range(0, 130, 2),
    );
  });

  test('queries events in memory (memory mode)', async () => {
    const { log, events } = await writeLog(null, MIX);
    assert.deepEqual(await log.files(), []);
    const source = { events: log.recent() };
    assert.deepEqual(await queryEvents(source, {}), events);
    assert.deepEqual(ns(await queryEvents(source, { type: 'login.*', limit: 2 })), [3, 6]);
    assert.deepEqual(
      ns(await queryEvents(source, { user: 'alice', ip: '203.0.113.0/24' })),
      [0, 1],
    );
  });

  test('skips and counts lines that are not events; an unfinished last line is not counted', async () => {
    const file = await fresh();
    const { log } = await writeLog(file, MIX.slice(0, 3));
    await log.close();
    const lines = (await readFile(file, 'utf8')).split('\n');
    const damaged = [
      lines[0],
      'not json',
      '',
      '[1,2]',
      '{"type":"login.failure"}',
      lines[1],
      lines[2],
      '{"id":"x","seq":4,"ti',
    ].join('\n');
    await writeFile(file, damaged);
    const scan = await scanEvents({ files: [file] }, {});
    assert.deepEqual(ns(scan.events), [0, 1, 2]);
    assert.equal(scan.skipped, 4);
    assert.deepEqual(ns(await queryEvents({ files: [file] }, { type: 'login.*' })), [0, 1]);
  });

  test('reads lines split across read chunks, multi-byte text included, and skips an overlong line', async () => {
    const file = await fresh();
    const text = 'é😀'.repeat(300);
    const inputs = Array.from({ length: 200 }, (_, i): AuditInput => ({
      type: 't',
      actor: 'a',
      outcome: 'info',
      details: { n: i, text },
    }));
    const { log } = await writeLog(file, inputs);
    await log.close();
    await appendFile(file, `${'x'.repeat(2 * 1024 * 1024)}\n`);
    const scan = await scanEvents({ files: [file] }, { limit: 10_000 });
    assert.equal(scan.events.length, 200);
    assert.ok(scan.events.every((e, i) => e.details.n === i && e.details.text === text));
    assert.equal(scan.skipped, 1);
  });

  test('a listed file that no longer exists is passed over', async () => {
    const file = await fresh();
    const { log, events } = await writeLog(file, MIX.slice(0, 2));
    await log.close();
    assert.deepEqual(await queryEvents({ files: [`${file}.3`, file] }, {}), events);
  });

  test('refuses a bad filter and a bad source', async () => {
    await assert.rejects(queryEvents({ events: [] }, { limit: 0 }), {
      code: 'INVALID_INPUT',
      message: 'limit must be an integer from 1 to 10000',
    });
    await assert.rejects(queryEvents({} as never, {}), {
      name: 'TypeError',
      message: '"source" must have a files or an events array',
    });
  });
});

describe('readAuditLines and parseAuditLine', () => {
  test('numbers lines from 1 in each file and marks an unterminated last line', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'cbu-lines-'));
    try {
      await writeFile(join(dir, 'a'), 'one\ntwo\n');
      await writeFile(join(dir, 'b'), '');
      await writeFile(join(dir, 'c'), 'three\n\nfour');
      const heard: string[] = [];
      const lines = [];
      const files = ['a', 'b', 'missing', 'c'].map((f) => join(dir, f));
      for await (const line of readAuditLines(files, { onFile: (f) => heard.push(f) })) {
        lines.push({ ...line, file: line.file.slice(dir.length + 1) });
      }
      const at = (file: string, line: number, text: string, terminated = true) => ({
        file,
        line,
        text,
        terminated,
        tooLong: false,
      });
      assert.deepEqual(lines, [
        at('a', 1, 'one'),
        at('a', 2, 'two'),
        at('c', 1, 'three'),
        at('c', 2, ''),
        at('c', 3, 'four', false),
      ]);
      assert.deepEqual(
        heard,
        ['a', 'b', 'c'].map((f) => join(dir, f)),
      );
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });

  test('a rotation during a read does not shift the files under it', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'cbu-lines-'));
    try {
      const file = join(dir, 'events.jsonl');
      const { log } = await writeLog(file, MIX.slice(0, 3), { maxBytes: 1 });
      const lines = readAuditLines(await log.files());
      const seqs = [];
      for await (const line of lines) {
        seqs.push(parseAuditLine(line.text)?.seq);
        // Two more rotations: every name now points at a different file.
        if (seqs.length === 1) for (const input of MIX.slice(3, 5)) await log.append(input);
      }
      await log.close();
      assert.deepEqual(seqs, [1, 2, 3]);
      assert.equal((await log.files()).length, 5);
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });

  test('parseAuditLine returns an event only for the shape of one', () => {
    const good = event({ subject: 's', ip: '10.0.0.1' });
    assert.deepEqual(parseAuditLine(JSON.stringify(good)), good);
    assert.deepEqual(parseAuditLine(JSON.stringify(event())), event());
    for (const bad of [
      'nope',
      'null',
      '[]',
      '"x"',
      JSON.stringify({ ...good, seq: '1' }),
      JSON.stringify({ ...good, seq: 1.5 }),
      JSON.stringify({ ...good, hash: undefined }),
      JSON.stringify({ ...good, subject: 5 }),
      JSON.stringify({ ...good, outcome: 'ok' }),
      JSON.stringify({ ...good, details: [] }),
      JSON.stringify({ ...good, details: null }),
    ]) {
      assert.equal(parseAuditLine(bad), null, bad);
    }
  });
});

describe('followEvents', () => {
  test('hears new matching events until it stops', async () => {
    const { log } = await AuditLog.open({ file: null, clock: new ManualClock(T0) });
    const heard: AuditEvent[] = [];
    const stop = followEvents(log, { type: 'login.*', user: 'alice' }, (e) => heard.push(e));
    const first = await log.append({ type: 'login.failure', actor: 'alice', outcome: 'failure' });
    await log.append({ type: 'login.failure', actor: 'bob', outcome: 'failure' });
    await log.append({ type: 'user.created', actor: 'alice', outcome: 'success' });
    stop();
    await log.append({ type: 'login.success', actor: 'alice', outcome: 'success' });
    assert.deepEqual(heard, [first]);
  });

  test('a bad filter fails at once', async () => {
    const { log } = await AuditLog.open({ file: null, clock: new ManualClock(T0) });
    assert.throws(() => followEvents(log, { ip: 'nope' }, () => undefined), {
      code: 'INVALID_INPUT',
      details: { field: 'ip' },
    });
  });
});

describe('auditFiles', () => {
  test('lists the files that exist, oldest first', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'cbu-files-'));
    try {
      const file = join(dir, 'events.jsonl');
      assert.deepEqual(await auditFiles(file, 5), []);
      for (const name of ['events.jsonl', 'events.jsonl.1', 'events.jsonl.3', 'events.jsonl.6']) {
        await writeFile(join(dir, name), '');
      }
      await mkdir(join(dir, 'events.jsonl.2'));
      assert.deepEqual(await auditFiles(file, 5), [`${file}.3`, `${file}.1`, file]);
      assert.deepEqual(await auditFiles(file, 0), [file]);
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });

  test('refuses wrong arguments with a TypeError', async () => {
    await assert.rejects(auditFiles('', 5), {
      name: 'TypeError',
      message: '"file" must be a non-empty path',
    });
    for (const keep of [-1, 1.5, Number.NaN, '5']) {
      await assert.rejects(auditFiles('/x', keep as number), {
        name: 'TypeError',
        message: '"keep" must be a non-negative integer',
      });
    }
  });
});
