import assert from 'node:assert/strict';
import { appendFile, copyFile, mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { ManualClock } from '../../../../daemon/clock.js';
import {
  type AuditEvent,
  type AuditInput,
  AuditLog,
  GENESIS_HASH,
  hashEvent,
} from '../../../../daemon/security/audit-log.js';
import { verifyAuditLog, verifyEvents } from '../../../../daemon/security/audit-verify.js';

const input = (n: number): AuditInput => ({
  type: 'login.failure',
  actor: 'alice',
  ip: '203.0.113.7',
  outcome: 'failure',
  // Each line is a little over 500 bytes, so maxBytes 1200 puts three lines in each file.
  details: { n, pad: 'x'.repeat(150) },
});

/** Rewrites a line's content and recomputes its own hash, as a careful forger would. */
function rehash(line: string, change: (event: AuditEvent) => void): string {
  const event = JSON.parse(line) as AuditEvent;
  change(event);
  const { hash: _old, ...body } = event;
  return JSON.stringify({ ...body, hash: hashEvent(body) });
}

describe('verifyAuditLog', () => {
  let dir: string;
  /** The reference log: .3 holds seq 1-3, .2 4-6, .1 7-9, the current file 10. */
  let base: string;
  let events: AuditEvent[];
  let n = 0;
  const names = ['events.jsonl.3', 'events.jsonl.2', 'events.jsonl.1', 'events.jsonl'];

  /** A copy of the reference log with `file`'s lines changed by `edit`; returns its files. */
  async function tampered(file: string, edit: (lines: string[]) => string[]): Promise<string[]> {
    const sub = join(dir, `case-${++n}`);
    await mkdir(sub);
    for (const name of names) await copyFile(join(base, name), join(sub, name));
    const path = join(sub, file);
    const lines = (await readFile(path, 'utf8')).split('\n').slice(0, -1);
    const edited = edit(lines);
    await writeFile(path, edited.map((l) => `${l}\n`).join(''));
    return names.map((name) => join(sub, name));
  }

  before(async () => {
    dir = await mkdtemp(join(tmpdir(), 'cbu-verify-'));
    base = join(dir, 'base');
    await mkdir(base);
    const clock = new ManualClock();
    const { log } = await AuditLog.open({
      file: join(base, 'events.jsonl'),
      clock,
      maxBytes: 1200,
    });
    events = [];
    for (let i = 1; i <= 10; i++) {
      events.push(await log.append(input(i)));
      clock.advance(1000);
    }
    await log.close();
    const layout = await Promise.all(
      names.map(async (name) => (await readFile(join(base, name), 'utf8')).split('\n').length - 1),
    );
    assert.deepEqual(layout, [3, 3, 3, 1], 'the reference layout');
  });
  after(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  const file = (files: string[], name: string): string => files[names.indexOf(name)] as string;

  test('an intact rotated log verifies across its files', async () => {
    const files = names.map((name) => join(base, name));
    assert.deepEqual(await verifyAuditLog(files), {
      ok: true,
      lines: 10,
      files: 4,
      lastHash: events[9]?.hash,
      firstBroken: null,
    });
  });

  test('the files AuditLog.files() lists verify, and keep deleting old files is not a break', async () => {
    const sub = join(dir, `case-${++n}`);
    await mkdir(sub);
    const { log } = await AuditLog.open({
      file: join(sub, 'events.jsonl'),
      clock: new ManualClock(),
      maxBytes: 1200,
      keep: 1,
    });
    for (let i = 1; i <= 10; i++) await log.append(input(i));
    await log.close();
    const files = await log.files();
    assert.deepEqual(
      files.map((f) => basename(f)),
      ['events.jsonl.1', 'events.jsonl'],
    );
    const result = await verifyAuditLog(files);
    assert.deepEqual(
      { ...result, lastHash: '' },
      {
        ok: true,
        lines: 4,
        files: 2,
        lastHash: '',
        firstBroken: null,
      },
    );
  });

  test('nothing to read verifies as an empty chain', async () => {
    assert.deepEqual(await verifyAuditLog([]), {
      ok: true,
      lines: 0,
      files: 0,
      lastHash: GENESIS_HASH,
      firstBroken: null,
    });
    assert.deepEqual(await verifyAuditLog([join(dir, 'missing.jsonl')]), {
      ok: true,
      lines: 0,
      files: 0,
      lastHash: GENESIS_HASH,
      firstBroken: null,
    });
  });

  /** Asserts the first break, and that everything before it was counted. */
  async function assertBroken(
    files: string[],
    expected: {
      name: string;
      line: number;
      seq: number | null;
      reason: string;
      lines: number;
      lastHash?: string;
    },
  ): Promise<void> {
    const result = await verifyAuditLog(files);
    assert.deepEqual(result, {
      ok: false,
      lines: expected.lines,
      files: names.indexOf(expected.name) + 1,
      lastHash:
        expected.lastHash ??
        (expected.lines === 0 ? GENESIS_HASH : events[expected.lines - 1]?.hash),
      firstBroken: {
        file: file(files, expected.name),
        line: expected.line,
        seq: expected.seq,
        reason: expected.reason,
      },
    });
  }

  test('an edited field is a hash mismatch on its line', async () => {
    const files = await tampered('events.jsonl.2', (lines) => {
      lines[1] = (lines[1] as string).replace('"actor":"alice"', '"actor":"mallory"');
      return lines;
    });
    await assertBroken(files, {
      name: 'events.jsonl.2',
      line: 2,
      seq: 5,
      reason: 'hash-mismatch',
      lines: 4,
    });
  });

  test('an edited hash is a hash mismatch on its line', async () => {
    const files = await tampered('events.jsonl.1', (lines) => {
      const event = JSON.parse(lines[2] as string) as AuditEvent;
      lines[2] = JSON.stringify({ ...event, hash: 'f'.repeat(64) });
      return lines;
    });
    await assertBroken(files, {
      name: 'events.jsonl.1',
      line: 3,
      seq: 9,
      reason: 'hash-mismatch',
      lines: 8,
    });
  });

  test('an edited field with its hash recomputed breaks the link of the next line', async () => {
    let forged = '';
    const files = await tampered('events.jsonl.2', (lines) => {
      lines[1] = rehash(lines[1] as string, (e) => (e.outcome = 'success'));
      forged = (JSON.parse(lines[1]) as AuditEvent).hash;
      return lines;
    });
    // The forged line itself is consistent, so it counts as intact; the chain breaks after it.
    await assertBroken(files, {
      name: 'events.jsonl.2',
      line: 3,
      seq: 6,
      reason: 'prev-mismatch',
      lines: 5,
      lastHash: forged,
    });
  });

  test('a deleted line is a prev mismatch on the line after it', async () => {
    const files = await tampered('events.jsonl.2', (lines) => [lines[0], lines[2]] as string[]);
    await assertBroken(files, {
      name: 'events.jsonl.2',
      line: 2,
      seq: 6,
      reason: 'prev-mismatch',
      lines: 4,
    });
  });

  test('swapped lines are a prev mismatch where the order breaks', async () => {
    const files = await tampered(
      'events.jsonl.3',
      (lines) => [lines[0], lines[2], lines[1]] as string[],
    );
    await assertBroken(files, {
      name: 'events.jsonl.3',
      line: 2,
      seq: 3,
      reason: 'prev-mismatch',
      lines: 1,
    });
  });

  test('a garbage line is unparseable, with no seq', async () => {
    const files = await tampered('events.jsonl.1', (lines) => {
      lines[0] = 'rm -rf / #';
      return lines;
    });
    await assertBroken(files, {
      name: 'events.jsonl.1',
      line: 1,
      seq: null,
      reason: 'unparseable',
      lines: 6,
    });
  });

  test('an inserted blank line is unparseable', async () => {
    const files = await tampered(
      'events.jsonl.2',
      (lines) => [lines[0], '', lines[1], lines[2]] as string[],
    );
    await assertBroken(files, {
      name: 'events.jsonl.2',
      line: 2,
      seq: null,
      reason: 'unparseable',
      lines: 4,
    });
  });

  test('a changed seq with its hash recomputed is a seq gap', async () => {
    const files = await tampered('events.jsonl.2', (lines) => {
      lines[0] = rehash(lines[0] as string, (e) => (e.seq = 40));
      return lines;
    });
    await assertBroken(files, {
      name: 'events.jsonl.2',
      line: 1,
      seq: 40,
      reason: 'seq-gap',
      lines: 3,
    });
  });

  test('a line deleted at the end of a rotated file breaks the first line of the next file', async () => {
    const files = await tampered('events.jsonl.1', (lines) => lines.slice(0, 2));
    await assertBroken(files, {
      name: 'events.jsonl',
      line: 1,
      seq: 10,
      reason: 'prev-mismatch',
      lines: 8,
    });
  });

  test('a genesis line that does not link to GENESIS_HASH, or a later line that does, is a prev mismatch', async () => {
    const forged = await tampered('events.jsonl.3', (lines) => {
      lines[0] = rehash(lines[0] as string, (e) => (e.prev = 'a'.repeat(64)));
      return lines;
    });
    await assertBroken(forged, {
      name: 'events.jsonl.3',
      line: 1,
      seq: 1,
      reason: 'prev-mismatch',
      lines: 0,
    });
    // A new chain claiming to start in the middle of the history.
    const restarted = await tampered('events.jsonl.3', (lines) => {
      lines[0] = rehash(lines[0] as string, (e) => (e.seq = 7));
      return lines;
    });
    await assertBroken(restarted, {
      name: 'events.jsonl.3',
      line: 1,
      seq: 7,
      reason: 'prev-mismatch',
      lines: 0,
    });
  });

  test('an oldest file that starts mid-chain (older files rotated away) verifies', async () => {
    const files = await tampered('events.jsonl.3', (lines) => lines);
    const result = await verifyAuditLog(files.slice(1));
    assert.equal(result.ok, true);
    assert.equal(result.lines, 7);
    const trimmed = await tampered('events.jsonl.3', (lines) => lines.slice(1));
    assert.equal(
      (await verifyAuditLog(trimmed)).ok,
      true,
      'a cut at the very start is not detectable',
    );
  });

  test('a whole file missing from the middle is a break at the next file', async () => {
    const files = await tampered('events.jsonl.2', () => []);
    await assertBroken(files, {
      name: 'events.jsonl.1',
      line: 1,
      seq: 7,
      reason: 'prev-mismatch',
      lines: 3,
    });
  });

  test('an unfinished last line of the newest file is a write in progress, elsewhere a break', async () => {
    const files = await tampered('events.jsonl', (lines) => lines);
    await appendFile(file(files, 'events.jsonl'), '{"id":"x","seq":11,"ti');
    assert.deepEqual(await verifyAuditLog(files), {
      ok: true,
      lines: 10,
      files: 4,
      lastHash: events[9]?.hash,
      firstBroken: null,
    });
    const older = await tampered('events.jsonl', (lines) => lines);
    await appendFile(file(older, 'events.jsonl.1'), '{"id":"x","seq":10,"ti');
    await assertBroken(older, {
      name: 'events.jsonl.1',
      line: 4,
      seq: null,
      reason: 'unparseable',
      lines: 9,
    });
  });

  test('refuses wrong arguments with a TypeError', async () => {
    for (const files of [null, 'events.jsonl', [1]]) {
      await assert.rejects(verifyAuditLog(files as unknown as string[]), {
        name: 'TypeError',
        message: '"files" must be an array of paths',
      });
    }
  });
});

describe('verifyEvents', () => {
  async function memoryLog(count: number, recentLimit?: number): Promise<AuditLog> {
    const { log } = await AuditLog.open({ file: null, clock: new ManualClock(), recentLimit });
    for (let i = 1; i <= count; i++) await log.append(input(i));
    return log;
  }

  test('the events of a memory-mode log verify', async () => {
    const log = await memoryLog(5);
    const recent = log.recent();
    assert.deepEqual(verifyEvents(recent), {
      ok: true,
      lines: 5,
      files: 0,
      lastHash: recent[4]?.hash,
      firstBroken: null,
    });
    assert.deepEqual(verifyEvents([]), {
      ok: true,
      lines: 0,
      files: 0,
      lastHash: GENESIS_HASH,
      firstBroken: null,
    });
  });

  test('a ring that has dropped its oldest events still verifies', async () => {
    const log = await memoryLog(6, 3);
    const recent = log.recent();
    assert.deepEqual(
      recent.map((e) => e.seq),
      [4, 5, 6],
    );
    assert.equal(verifyEvents(recent).ok, true);
  });

  test('reports the first broken event by position', async () => {
    const recent = [...(await memoryLog(5)).recent()];
    const at = (events: unknown[]): unknown => verifyEvents(events as AuditEvent[]).firstBroken;
    const edited = recent.map((e, i) => (i === 2 ? { ...e, actor: 'mallory' } : e));
    assert.deepEqual(at(edited), { file: '(memory)', line: 3, seq: 3, reason: 'hash-mismatch' });
    assert.deepEqual(at(recent.filter((_, i) => i !== 1)), {
      file: '(memory)',
      line: 2,
      seq: 3,
      reason: 'prev-mismatch',
    });
    assert.deepEqual(at([recent[0], null, recent[2]]), {
      file: '(memory)',
      line: 2,
      seq: null,
      reason: 'unparseable',
    });
    const result = verifyEvents(edited);
    assert.equal(result.ok, false);
    assert.equal(result.lines, 2);
    assert.equal(result.lastHash, recent[1]?.hash);
  });

  test('refuses a non-array with a TypeError', () => {
    assert.throws(() => verifyEvents({} as never), {
      name: 'TypeError',
      message: '"events" must be an array',
    });
  });
});
