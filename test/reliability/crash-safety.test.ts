/**
 * Crash safety, the long form: 50 rounds of mixed acknowledged writes over several connections at
 * once (users, rules added and removed, blacklist entries added and removed, logins that create
 * sessions), each round ended by a SIGKILL of the daemon after a random delay. After each crash:
 * the audit log as the crash left it verifies up to its last complete line, the next daemon starts
 * on the store (the CLI's `security --verify-log` starts it) and the chain still verifies, and
 * every acknowledged write is in the store while no acknowledged removal came back.
 *
 * The delays come from a seeded PRNG; the seed is printed and `RELIABILITY_SEED=<seed>` replays
 * the same schedule (the daemon's own timing still varies). `RELIABILITY_ROUNDS` shortens a run.
 */
import assert from 'node:assert/strict';
import { readdir } from 'node:fs/promises';
import { describe, it } from 'node:test';
import { verifyAuditLog } from '../../daemon/security/audit-verify.js';
import { tempHome, waitForExit } from '../helpers/home.js';
import { parseJson, waitForSocket } from '../helpers/integration.js';
import { auditFiles, auditShape, tornCutsLogged } from '../helpers/reliability-audit.js';
import type { Ledger } from '../helpers/reliability-ledger.js';
import { seconds } from '../helpers/reliability-measure.js';
import { seededPrng } from '../helpers/reliability-random.js';
import { openRpc, RpcFailure } from '../helpers/reliability-rpc.js';
import {
  newLedgers,
  writer,
  type Ledgers,
  type RoundStats,
} from '../helpers/reliability-writers.js';
import { PASSWORDS } from '../helpers/security.js';

const ROUNDS = Number(process.env['RELIABILITY_ROUNDS'] ?? 50);
/** Connections writing at once in each round. */
const WORKERS = 4;
/** The SIGKILL comes this long (ms, uniformly drawn) after the writers start. */
const KILL_DELAY = { min: 30, max: 600 };

/**
 * What the restarted daemon's store holds, read as the admin. This daemon is the next round's
 * victim, so it is also warmed up: a fresh daemon's first login and first password check load
 * their data (about a second here), and without this the kill window would rarely hold a user
 * creation. The refused weak password is the warm-up; it writes nothing.
 */
async function storedKeys(socketPath: string): Promise<Record<keyof Ledgers, Set<string>>> {
  const rpc = await openRpc(socketPath, { client: 'crash-verify' });
  try {
    const login = await rpc.call<{ accessToken: string }>('security.login', {
      username: 'ada',
      password: PASSWORDS.ada,
    });
    await rpc.call('security.authenticate', { token: login.accessToken });
    const weak = await rpc
      .call('security.users.create', {
        username: 'warmup',
        email: 'warmup@example.com',
        password: 'a'.repeat(20),
      })
      .catch((error: unknown) => error);
    assert.ok(weak instanceof RpcFailure && weak.code === 'WEAK_PASSWORD', String(weak));
    const [b, r, u, s] = await Promise.all([
      rpc.call<{ entries: Array<{ target: string }> }>('security.blacklist.list'),
      rpc.call<{ rules: Array<{ name: string }> }>('monitoring.rules.list'),
      rpc.call<{ users: Array<{ username: string }> }>('security.users.list'),
      rpc.call<{ sessions: Array<{ id: string }> }>('security.sessions.list', { all: true }),
    ]);
    return {
      blacklist: new Set(b.entries.map((e) => e.target)),
      rules: new Set(r.rules.map((e) => e.name)),
      users: new Set(u.users.map((e) => e.username)),
      sessions: new Set(s.sessions.map((e) => e.id)),
    };
  } finally {
    rpc.close();
  }
}

describe('reliability: crash safety', () => {
  it(`SIGKILL during mixed writes, ${ROUNDS} rounds: the store opens, the audit chain verifies, nothing acknowledged is lost`, async (t) => {
    const started = performance.now();
    const prng = seededPrng(t);
    const home = await tempHome();
    t.after(() => home.cleanup());
    const set = await home.cli(['config', 'set', 'security.bcryptCost', '10']);
    assert.equal(set.code, 0, set.stderr);

    const ledgers = newLedgers();
    // The admin, created by the operator on the empty store (the bootstrap).
    const boot = await openRpc(home.paths.socketPath);
    await boot.call('security.users.create', {
      username: 'ada',
      email: 'ada@example.com',
      roles: ['admin'],
      password: PASSWORDS.ada,
    });
    ledgers.users.settle('ada', 'present');
    boot.close();

    let acked = 0;
    let unanswered = 0;
    let roundsWithWritesInFlight = 0;
    const torn: number[] = [];
    for (let round = 1; round <= ROUNDS; round++) {
      await waitForSocket(home.paths.socketPath);
      const pid = await home.daemonPid();
      assert.ok(pid !== null, `round ${round}: no pid file`);
      const stats: RoundStats = { acked: 0, unanswered: 0, refused: [] };
      let readyCount = 0;
      let allReady: () => void = () => undefined;
      const ready = new Promise<void>((resolve) => (allReady = resolve));
      const markReady = (): void => {
        if (++readyCount === WORKERS) allReady();
      };
      const writers = Array.from({ length: WORKERS }, (_, w) =>
        writer(home.paths.socketPath, `r${round}w${w}`, prng, ledgers, stats, {
          admin: w === 0,
          ready: markReady,
        }),
      );
      // The delay counts from when every writer is connected (and the admin one logged in).
      await ready;
      const delay = prng.int(KILL_DELAY.min, KILL_DELAY.max);
      await new Promise((resolve) => setTimeout(resolve, delay));
      process.kill(pid, 'SIGKILL');
      await Promise.all(writers);
      // The killed daemon must be gone (and reaped) before the next one can take the store's lock.
      assert.ok(await waitForExit(pid), `round ${round}: the daemon did not die`);
      const context = `round ${round} (seed ${prng.seed}, killed after ${delay} ms)`;
      assert.deepEqual(stats.refused, [], `${context}: the daemon refused writes`);
      acked += stats.acked;
      unanswered += stats.unanswered;
      if (stats.unanswered > 0) roundsWithWritesInFlight++;

      // The log as the crash left it: intact up to its last complete line. A torn last line is
      // not a break for the verifier: it skips it and does not count it.
      const files = await auditFiles(home);
      const shape = await auditShape(files);
      const asLeft = await verifyAuditLog(files);
      assert.deepEqual(
        { ok: asLeft.ok, lines: asLeft.lines, firstBroken: asLeft.firstBroken },
        { ok: true, lines: shape.complete, firstBroken: null },
        `${context}: the audit log as the crash left it`,
      );
      if (shape.tornBytes > 0) torn.push(shape.tornBytes);

      // The CLI starts the next daemon on what the crash left, which cuts a torn line off.
      const verify = await home.cli(['security', '--verify-log', '--json']);
      assert.equal(verify.code, 0, `${context}: verify-log: ${verify.stderr}`);
      const verdict = parseJson<{ ok: boolean; lines: number; firstBroken: unknown }>(
        verify.stdout,
      );
      assert.equal(verdict.ok, true, `${context}: ${verify.stdout}`);
      assert.equal(verdict.firstBroken, null);
      assert.ok(
        verdict.lines >= shape.complete,
        `${context}: ${verdict.lines} < ${shape.complete}`,
      );
      const newPid = await home.daemonPid();
      assert.ok(newPid !== null && newPid !== pid, `${context}: no fresh daemon`);

      const stored = await storedKeys(home.paths.socketPath);
      for (const kind of ['blacklist', 'rules', 'users', 'sessions'] as const) {
        const { lost, revived } = ledgers[kind].observe(stored[kind]);
        assert.deepEqual(lost, [], `${context}: acknowledged ${kind} lost`);
        assert.deepEqual(revived, [], `${context}: acknowledged removals undone`);
      }
    }

    // Each torn line the crashes left was cut by the next daemon, and it said how many bytes.
    assert.deepEqual(
      await tornCutsLogged(home),
      [...torn].sort((a, b) => a - b),
    );
    // Temp files of interrupted store writes are removed by the next daemon.
    const leftovers = (await readdir(home.paths.dataDir)).filter((n) => n.includes('.tmp-'));
    assert.deepEqual(leftovers, []);
    assert.ok(
      roundsWithWritesInFlight >= ROUNDS / 2,
      `only ${roundsWithWritesInFlight} of ${ROUNDS} kills cut a write off`,
    );
    const counts = Object.entries(ledgers)
      .map(([kind, ledger]) => {
        const c = (ledger as Ledger).counts();
        return `${kind} ${c.present} present/${c.absent} removed`;
      })
      .join(', ');
    t.diagnostic(
      `${ROUNDS} SIGKILLs: ${acked} acknowledged writes, all present; ${unanswered} requests cut off ` +
        `(${roundsWithWritesInFlight} rounds killed with writes in flight); ${torn.length} torn audit ` +
        `lines cut on restart; final store: ${counts}; ${seconds(performance.now() - started)}`,
    );
  });
});
