/**
 * Crash safety: the daemon is SIGKILLed at random moments while a client streams blacklist
 * additions. After each crash the store must open, hold every acknowledged addition, and the
 * audit log's hash chain must hold from the first line to the last.
 */
import assert from 'node:assert/strict';
import { readdir } from 'node:fs/promises';
import { createConnection } from 'node:net';
import { describe, it } from 'node:test';
import { tempHome, waitForExit, type TestHome } from '../helpers/home.js';
import {
  chainProblem,
  parseJson,
  readAudit,
  waitForSocket,
  within,
} from '../helpers/integration.js';
import { frameReader } from '../helpers/line-frames.js';

const ROUNDS = 15;
/** Requests kept in flight on the connection. */
const WINDOW = 16;

interface Streamer {
  /** Resolves once the handshake is done and the first requests are sent. */
  ready: Promise<void>;
  /** Resolves when the connection closes, with every acknowledged target and any error frames. */
  done: Promise<{ acked: string[]; errors: unknown[] }>;
}

/** Streams distinct additions, keeping WINDOW in flight, until the daemon goes away. */
function stream(socketPath: string, round: number): Streamer {
  const socket = createConnection(socketPath);
  const pending = new Map<string, string>();
  const acked: string[] = [];
  const errors: unknown[] = [];
  let n = 0;
  let markReady: () => void = () => undefined;
  const ready = new Promise<void>((resolve, reject) => {
    markReady = resolve;
    socket.once('error', reject);
  });
  const write = (id: string, method: string, params: unknown): void => {
    if (!socket.destroyed)
      socket.write(`${JSON.stringify({ jsonrpc: '2.0', id, method, params })}\n`);
  };
  const sendOne = (): void => {
    const target = `10.${round}.${n >> 8}.${n & 255}`;
    const id = `r${round}-${n}`;
    n++;
    pending.set(id, target);
    write(id, 'security.blacklist.add', { target, reason: `round ${round}` });
  };
  socket.on('error', () => undefined);
  socket.once('connect', () =>
    write('hello', 'daemon.hello', { client: 'crash-test', version: '0.0.0-test', protocol: 1 }),
  );
  socket.on(
    'data',
    frameReader((frame) => {
      if (frame['id'] === 'hello') {
        for (let i = 0; i < WINDOW; i++) sendOne();
        markReady();
        return;
      }
      const target = pending.get(frame['id'] as string);
      pending.delete(frame['id'] as string);
      if ('result' in frame && target !== undefined) acked.push(target);
      else errors.push(frame);
      if (n < 60_000) sendOne();
    }),
  );
  const done = new Promise<{ acked: string[]; errors: unknown[] }>((resolve) =>
    socket.once('close', () => resolve({ acked, errors })),
  );
  return { ready, done };
}

async function listTargets(home: TestHome): Promise<Set<string>> {
  const result = await home.cli(['security', '--blacklist', '--json']);
  assert.equal(result.code, 0, `the store must open after a crash: ${result.stderr}`);
  return new Set(
    parseJson<{ entries: Array<{ target: string }> }>(result.stdout).entries.map((e) => e.target),
  );
}

describe('crash safety', () => {
  it(`SIGKILL at random moments during writes, ${ROUNDS} rounds: nothing acknowledged is lost`, async (t) => {
    const home = await tempHome();
    t.after(() => home.cleanup());
    const start = await home.cli(['daemon', 'start']);
    assert.equal(start.code, 0, start.stderr);
    const allAcked: string[] = [];
    let killedWithWritesInFlight = 0;

    for (let round = 1; round <= ROUNDS; round++) {
      await waitForSocket(home.paths.socketPath);
      const pid = await home.daemonPid();
      assert.ok(pid !== null, `round ${round}: pid file`);
      const streaming = stream(home.paths.socketPath, round);
      await streaming.ready;
      const delay = 20 + Math.floor(Math.random() * 281);
      await new Promise((r) => setTimeout(r, delay));
      process.kill(pid, 'SIGKILL');
      const { acked, errors } = await within(
        streaming.done,
        10_000,
        'the connection to close after SIGKILL',
      );
      assert.deepEqual(errors, [], `round ${round}: the daemon answered with errors`);
      allAcked.push(...acked);
      if (acked.length > 0) killedWithWritesInFlight++;
      // The killed daemon must be gone (and reaped) before the next one can take the store's lock.
      assert.ok(await waitForExit(pid), `round ${round}: the daemon did not die`);

      // The next command starts a fresh daemon on what the crash left.
      const targets = await listTargets(home);
      const missing = allAcked.filter((target) => !targets.has(target));
      assert.deepEqual(
        missing,
        [],
        `round ${round} (killed after ${delay} ms, ${acked.length} acked): acknowledged entries lost`,
      );
      const newPid = await home.daemonPid();
      assert.ok(newPid !== null && newPid !== pid, `round ${round}: a fresh daemon runs`);

      const lines = await readAudit(home.paths.eventsFile);
      assert.equal(chainProblem(lines), null, `round ${round}: the audit chain is broken`);
      const audited = new Set(
        lines.filter((l) => l.type === 'blacklist.added').map((l) => l.subject),
      );
      const unaudited = acked.filter((target) => !audited.has(target));
      assert.deepEqual(
        unaudited,
        [],
        `round ${round}: acknowledged additions missing from the audit log`,
      );
    }

    assert.ok(allAcked.length > 0, 'some additions were acknowledged');
    assert.ok(
      killedWithWritesInFlight >= ROUNDS / 3,
      `only ${killedWithWritesInFlight} rounds had writes going when killed`,
    );
    // Temp files of interrupted writes are cleaned up by the next daemon.
    const leftovers = (await readdir(home.paths.dataDir)).filter((name) => name.includes('.tmp-'));
    assert.deepEqual(leftovers, []);
    t.diagnostic(`${allAcked.length} acknowledged additions over ${ROUNDS} crashes`);
  });
});
