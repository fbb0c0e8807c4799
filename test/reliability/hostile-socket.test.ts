/**
 * Hostile socket input: 10,000 bad frames over 20 connections at once — random bytes, truncated
 * JSON, 100,000-deep nesting, frames past the size limit, huge strings, wrong parameter types,
 * unknown methods, JSON-RPC batches and maximal valid pushes — each answered with exactly the
 * error it deserves, while another client sends a valid request every 20 ms and gets every answer
 * right. The daemon stays up and its peak resident memory stays under a bound.
 *
 * The frames come from a seeded PRNG (printed; `RELIABILITY_SEED=<seed>` replays them).
 */
import assert from 'node:assert/strict';
import { createConnection, type Socket } from 'node:net';
import { describe, it } from 'node:test';
import { tempHome } from '../helpers/home.js';
import { errorOf, isAlive } from '../helpers/integration.js';
import { rawHello } from '../helpers/raw-socket.js';
import { hostileFrame, type HostileFrame } from '../helpers/reliability-hostile-frames.js';
import { mib, procStatusBytes, seconds } from '../helpers/reliability-measure.js';
import { seededPrng } from '../helpers/reliability-random.js';
import { openRpc } from '../helpers/reliability-rpc.js';

const FRAMES = 10_000;
const CONNECTIONS = 20;
const MAX_FRAME_BYTES = 1_048_576; // the daemon.maxFrameBytes default
/**
 * The bound on the daemon's peak RSS. An idle daemon here holds about 100-130 MB (V8 heap, the
 * engines, bcrypt and zod); each of the 20 connections may buffer up to one frame (1 MiB) and
 * JSON.parse makes a copy of it, and a 10,000-sample push builds about 10 MB of objects: about
 * 60 MB in the worst case at once, plus garbage not yet collected. 300 MB leaves room for the
 * collector's timing but would catch any per-frame or per-connection leak over 10,000 frames.
 */
const RSS_BOUND = 300 * 1024 * 1024;
/** No single answer may take longer than this (a liveness bound, not a timing assertion). */
const ANSWER_WITHIN_MS = 60_000;

/** One raw connection, handshake done, used in lockstep: one frame, then its answer. */
class Attacker {
  private buffer = '';
  private waiter: ((line: string | null) => void) | null = null;
  /** Resolves when the connection has closed. */
  readonly gone: Promise<void>;
  private constructor(private readonly socket: Socket) {
    this.gone = new Promise((resolve) => socket.once('close', () => resolve()));
    socket.on('data', (chunk: Buffer) => {
      this.buffer += chunk.toString('utf8');
      const nl = this.buffer.indexOf('\n');
      if (nl !== -1 && this.waiter !== null) {
        const line = this.buffer.slice(0, nl);
        this.buffer = this.buffer.slice(nl + 1);
        this.take(line);
      }
    });
    socket.on('error', () => undefined);
    socket.on('close', () => this.take(null));
  }

  static async open(socketPath: string): Promise<Attacker> {
    const socket = createConnection(socketPath);
    await new Promise<void>((resolve, reject) => {
      socket.once('connect', resolve);
      socket.once('error', reject);
    });
    const attacker = new Attacker(socket);
    const hello = { client: 'hostile', version: '0.0.0-test', protocol: 1 };
    const reply = await attacker.send(
      Buffer.from(
        `${JSON.stringify({ jsonrpc: '2.0', id: 0, method: 'daemon.hello', params: hello })}\n`,
      ),
    );
    assert.ok(reply !== null && 'result' in reply, `hello: ${JSON.stringify(reply)}`);
    return attacker;
  }

  private take(line: string | null): void {
    const waiter = this.waiter;
    this.waiter = null;
    waiter?.(line);
  }

  get closed(): boolean {
    return this.socket.destroyed;
  }

  /** Sends `bytes` and resolves with the answer, or null when the daemon closed instead. */
  send(bytes: Buffer): Promise<Record<string, unknown> | null> {
    return new Promise((resolve, reject) => {
      const timer = setTimeout(
        () => reject(new Error(`no answer within ${ANSWER_WITHIN_MS} ms`)),
        ANSWER_WITHIN_MS,
      );
      this.waiter = (line) => {
        clearTimeout(timer);
        resolve(line === null ? null : (JSON.parse(line) as Record<string, unknown>));
      };
      const nl = this.buffer.indexOf('\n');
      if (nl !== -1) {
        const line = this.buffer.slice(0, nl);
        this.buffer = this.buffer.slice(nl + 1);
        this.take(line);
      }
      this.socket.write(bytes);
    });
  }

  close(): void {
    this.socket.destroy();
  }
}

/** What came back, by frame kind and answer (`ok`, an error code, or `closed`). */
type Tally = Map<string, number>;

async function attack(socketPath: string, frames: HostileFrame[], tally: Tally): Promise<void> {
  let conn = await Attacker.open(socketPath);
  for (const frame of frames) {
    if (conn.closed) conn = await Attacker.open(socketPath);
    const reply = await conn.send(frame.bytes);
    const data = (reply?.['error'] as { data?: { code?: string } } | undefined)?.data;
    const answer = reply === null ? 'closed' : 'result' in reply ? 'ok' : (data?.code ?? '?');
    const key = `${frame.kind} → ${answer}`;
    tally.set(key, (tally.get(key) ?? 0) + 1);
    assert.equal(
      answer,
      frame.expect ?? 'ok',
      `${frame.kind}: ${JSON.stringify(reply)?.slice(0, 300)}`,
    );
    // The daemon closes a connection that sent a frame past the limit, once it has answered.
    if (frame.closes) await conn.gone;
  }
  conn.close();
}

describe('reliability: hostile socket input', () => {
  it(`${FRAMES} hostile frames over ${CONNECTIONS} connections: every one refused correctly, a valid client served throughout, memory bounded`, async (t) => {
    const started = performance.now();
    const prng = seededPrng(t);
    const home = await tempHome();
    t.after(() => home.cleanup());
    assert.equal((await home.cli(['security', '--blacklist', '203.0.113.9'])).code, 0);
    const pid = await home.daemonPid();
    assert.ok(pid !== null);
    const rssBefore = await procStatusBytes(pid, 'VmRSS');

    // The valid client: a request every 20 ms for as long as the attack lasts.
    const valid = await openRpc(home.paths.socketPath, { client: 'valid' });
    const answers: Array<Promise<void>> = [];
    let slowest = 0;
    let n = 0;
    const ticker = setInterval(() => {
      const sent = performance.now();
      const i = n++;
      const checked =
        i % 2 === 0
          ? valid.call<{ time: string }>('daemon.ping').then((r) => {
              assert.equal(typeof r.time, 'string');
              assert.ok(!Number.isNaN(Date.parse(r.time)), r.time);
            })
          : valid
              .call<{ blocked: boolean }>('security.blacklist.check', { ip: '203.0.113.9' })
              .then((r) => assert.equal(r.blocked, true));
      answers.push(
        checked.then(() => void (slowest = Math.max(slowest, performance.now() - sent))),
      );
    }, 20);

    const frames = Array.from({ length: FRAMES }, (_, i) =>
      hostileFrame(prng, i + 1, MAX_FRAME_BYTES),
    );
    const tally: Tally = new Map();
    const attackStart = performance.now();
    try {
      await Promise.all(
        Array.from({ length: CONNECTIONS }, (_, c) =>
          attack(
            home.paths.socketPath,
            frames.filter((_, i) => i % CONNECTIONS === c),
            tally,
          ),
        ),
      );
    } finally {
      clearInterval(ticker);
    }
    const attackMs = performance.now() - attackStart;
    await Promise.all(answers);
    valid.close();

    assert.ok(isAlive(pid), 'the daemon is still running');
    assert.equal(await home.daemonPid(), pid, 'and it is the same daemon');
    const peak = await procStatusBytes(pid, 'VmHWM');
    const rssAfter = await procStatusBytes(pid, 'VmRSS');
    const counted = [...tally.values()].reduce((a, b) => a + b, 0);
    assert.equal(counted, FRAMES);
    t.diagnostic(
      `answers: ${[...tally]
        .sort()
        .map(([k, v]) => `${k}: ${v}`)
        .join('; ')}`,
    );
    t.diagnostic(
      `${FRAMES} frames in ${seconds(attackMs)}; valid client: ${answers.length} requests, all ` +
        `answered correctly, slowest ${Math.round(slowest)} ms; daemon RSS ${mib(rssBefore)} before, ` +
        `${mib(rssAfter)} after, peak (VmHWM) ${mib(peak)} (bound ${mib(RSS_BOUND)}); ` +
        `${seconds(performance.now() - started)} in all`,
    );
    assert.ok(answers.length > 0);
    assert.ok(peak < RSS_BOUND, `peak RSS ${mib(peak)} is over ${mib(RSS_BOUND)}`);
  });

  // Found by this suite: a check definition field nested 50,000 deep made the field check's
  // message builder (show() in daemon/monitoring/checks/fields.ts) overflow the stack, so the
  // answer was INTERNAL instead of INVALID_INPUT.
  it('a deeply nested check definition field is refused as invalid input', async (t) => {
    const home = await tempHome();
    t.after(() => home.cleanup());
    assert.equal((await home.cli(['daemon', 'start'])).code, 0);
    const conn = await rawHello(home.paths.socketPath);
    t.after(() => conn.close());
    const deep = `${'['.repeat(50_000)}${']'.repeat(50_000)}`;
    conn.send(
      `{"jsonrpc":"2.0","id":1,"method":"monitoring.checks.add","params":{"definition":{"name":"deep","type":"http","target":${deep}}}}\n`,
    );
    const error = errorOf(await conn.next(10_000));
    assert.deepEqual([error.data.code, error.data.field], ['INVALID_INPUT', 'target']);
  });
});
