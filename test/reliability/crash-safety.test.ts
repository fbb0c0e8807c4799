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
import { readdir, readFile } from 'node:fs/promises';
import { describe, it } from 'node:test';
import { verifyAuditLog } from '../../daemon/security/audit-verify.js';
import { tempHome, waitForExit, type TestHome } from '../helpers/home.js';
import { parseJson, waitForSocket } from '../helpers/integration.js';
import { Ledger } from '../helpers/reliability-ledger.js';
import { seconds } from '../helpers/reliability-measure.js';
import { Prng, seedFrom } from '../helpers/reliability-random.js';
import { ConnectionLost, openRpc, RpcFailure, type RpcClient } from '../helpers/reliability-rpc.js';
import { PASSWORDS } from '../helpers/security.js';

const ROUNDS = Number(process.env['RELIABILITY_ROUNDS'] ?? 50);
/** Connections writing at once in each round. */
const WORKERS = 4;
/** The SIGKILL comes this long (ms, uniformly drawn) after the writers start. */
const KILL_DELAY = { min: 30, max: 600 };

interface Ledgers {
  blacklist: Ledger;
  rules: Ledger;
  users: Ledger;
  sessions: Ledger;
}

interface RoundStats {
  acked: number;
  /** Requests the kill left unanswered. */
  unanswered: number;
  refused: string[];
}

/** Logs in as the admin on `rpc` and makes the connection act as that account. */
async function actAsAdmin(rpc: RpcClient, ledgers: Ledgers, stats: RoundStats): Promise<void> {
  const login = await rpc.call<{ session: { id: string }; accessToken: string }>('security.login', {
    username: 'ada',
    password: PASSWORDS.ada,
  });
  ledgers.sessions.settle(login.session.id, 'present');
  stats.acked++;
  await rpc.call('security.authenticate', { token: login.accessToken });
}

/** Sends one request about `key`, keeping the ledger: acknowledged, refused or cut off. */
async function tracked(
  ledger: Ledger,
  key: string,
  fate: 'present' | 'absent',
  stats: RoundStats,
  send: () => Promise<unknown>,
): Promise<boolean> {
  ledger.begin(key);
  try {
    await send();
    ledger.settle(key, fate);
    stats.acked++;
    return true;
  } catch (error) {
    ledger.lose(key);
    if (error instanceof ConnectionLost) stats.unanswered++;
    else stats.refused.push(String(error));
    return false;
  }
}

type Op = 'block' | 'unblock' | 'addRule' | 'removeRule' | 'createUser' | 'login';

/**
 * The next write. The admin writer makes accounts and logs into them (bcrypt-bound, and only an
 * admin may create users); the others write the cheap records and log in now and then.
 */
function chooseOp(prng: Prng, admin: boolean): Op {
  if (admin) return prng.next() < 0.5 ? 'createUser' : 'login';
  const roll = prng.next();
  if (roll < 0.3) return 'block';
  if (roll < 0.45) return 'unblock';
  if (roll < 0.7) return 'addRule';
  return roll < 0.85 ? 'removeRule' : 'login';
}

/** One writer: a random mix of writes, one at a time, until its connection dies. */
async function writer(
  socketPath: string,
  name: string,
  prng: Prng,
  ledgers: Ledgers,
  stats: RoundStats,
  options: { admin: boolean; ready: () => void },
): Promise<void> {
  let rpc: RpcClient;
  try {
    rpc = await openRpc(socketPath, { client: name });
    // Only creating users needs an account (and a login costs a bcrypt hash): one admin writer.
    if (options.admin) await actAsAdmin(rpc, ledgers, stats);
  } catch (error) {
    if (error instanceof RpcFailure) throw error;
    return; // killed before this writer got going (connection refused, reset or cut off)
  } finally {
    options.ready();
  }
  for (let n = 0; !rpc.socket.destroyed; n++) {
    const key = `${name}-${n}`;
    const { blacklist, rules, users, sessions } = ledgers;
    const op = chooseOp(prng, options.admin);
    if (op === 'block') {
      const target = `10.${prng.int(0, 255)}.${prng.int(0, 255)}.${prng.int(1, 254)}`;
      // Targets are drawn at random; a repeat would not be a new key, so skip it.
      if (blacklist.known(target)) continue;
      await tracked(blacklist, target, 'present', stats, () =>
        rpc.call('security.blacklist.add', { target, reason: key }),
      );
    } else if (op === 'unblock') {
      const target = blacklist.present()[0];
      if (target === undefined) continue;
      await tracked(blacklist, target, 'absent', stats, () =>
        rpc.call('security.blacklist.remove', { target }),
      );
    } else if (op === 'addRule') {
      const rule = `crash_${key.replace(/-/g, '_')}`;
      await tracked(rules, rule, 'present', stats, () =>
        rpc.call('monitoring.rules.add', { name: rule, expr: `crash_metric > ${n}` }),
      );
    } else if (op === 'removeRule') {
      const rule = rules.present()[0];
      if (rule === undefined) continue;
      await tracked(rules, rule, 'absent', stats, () =>
        rpc.call('monitoring.rules.remove', { name: rule }),
      );
    } else if (op === 'createUser') {
      const username = `u${key.replace(/-/g, 'x')}`;
      await tracked(users, username, 'present', stats, () =>
        rpc.call('security.users.create', {
          username,
          email: `${username}@example.com`,
          roles: ['user'],
          password: PASSWORDS.bob,
        }),
      );
    } else {
      const username = prng.pick(users.present().length > 0 ? users.present() : ['ada']);
      const password = username === 'ada' ? PASSWORDS.ada : PASSWORDS.bob;
      try {
        const login = await rpc.call<{ session: { id: string } }>('security.login', {
          username,
          password,
        });
        sessions.settle(login.session.id, 'present');
        stats.acked++;
      } catch (error) {
        // A login cut off creates a session nobody knows the id of: nothing to expect.
        if (error instanceof ConnectionLost) stats.unanswered++;
        else stats.refused.push(String(error));
      }
    }
  }
}

/** The audit files, oldest first (rotation renames to .1, .2, …; .1 is the newest of those). */
async function auditFiles(home: TestHome): Promise<string[]> {
  const file = home.paths.eventsFile;
  const prefix = `${file.slice(file.lastIndexOf('/') + 1)}.`;
  const rotated = (await readdir(home.paths.dataDir))
    .filter((n) => n.startsWith(prefix) && /^\d+$/.test(n.slice(prefix.length)))
    .map((n) => Number(n.slice(prefix.length)))
    .sort((a, b) => b - a)
    .map((k) => `${file}.${k}`);
  return [...rotated, file];
}

/** Complete lines over the audit files, and the bytes of a torn last line of the newest. */
async function auditShape(files: string[]): Promise<{ complete: number; tornBytes: number }> {
  let complete = 0;
  let tornBytes = 0;
  for (const file of files) {
    const bytes = await readFile(file).catch(() => Buffer.alloc(0));
    for (const byte of bytes) if (byte === 0x0a) complete++;
    tornBytes = bytes.length - (bytes.lastIndexOf(0x0a) + 1);
  }
  return { complete, tornBytes };
}

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

/** How many times the daemon log says it cut a torn audit line, with the byte counts. */
async function tornCutsLogged(home: TestHome): Promise<number[]> {
  const cuts: number[] = [];
  for (const name of await readdir(home.paths.logDir)) {
    if (!name.endsWith('.log')) continue;
    const text = await readFile(`${home.paths.logDir}/${name}`, 'utf8').catch(() => '');
    for (const line of text.split('\n')) {
      if (!line.includes('cut a torn last line')) continue;
      cuts.push((JSON.parse(line) as { bytes: number }).bytes);
    }
  }
  return cuts.sort((a, b) => a - b);
}

describe('reliability: crash safety', () => {
  it(`SIGKILL during mixed writes, ${ROUNDS} rounds: the store opens, the audit chain verifies, nothing acknowledged is lost`, async (t) => {
    const started = performance.now();
    const seed = seedFrom('RELIABILITY_SEED');
    t.diagnostic(`seed ${seed} (replay with RELIABILITY_SEED=${seed})`);
    const prng = new Prng(seed);
    const home = await tempHome();
    t.after(() => home.cleanup());
    const set = await home.cli(['config', 'set', 'security.bcryptCost', '10']);
    assert.equal(set.code, 0, set.stderr);

    const ledgers: Ledgers = {
      blacklist: new Ledger('blacklist'),
      rules: new Ledger('rule'),
      users: new Ledger('user'),
      sessions: new Ledger('session'),
    };
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
      const context = `round ${round} (seed ${seed}, killed after ${delay} ms)`;
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
