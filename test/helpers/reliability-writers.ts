/**
 * @module Test helper for the crash-safety test: the writers that keep the daemon busy until it is
 * killed, each on its own connection, recording in the ledgers what was acknowledged.
 */
import { Ledger } from './reliability-ledger.js';
import type { Prng } from './reliability-random.js';
import { ConnectionLost, openRpc, RpcFailure, type RpcClient } from './reliability-rpc.js';
import { PASSWORDS } from './security.js';

export interface Ledgers {
  blacklist: Ledger;
  rules: Ledger;
  users: Ledger;
  sessions: Ledger;
}

export interface RoundStats {
  acked: number;
  /** Requests the kill left unanswered. */
  unanswered: number;
  refused: string[];
}

/** Logs in as the admin (`ada`) on `rpc` and makes the connection act as that account. */
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
export async function writer(
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

/** Empty ledgers for the four kinds of record. */
export function newLedgers(): Ledgers {
  return {
    blacklist: new Ledger('blacklist'),
    rules: new Ledger('rule'),
    users: new Ledger('user'),
    sessions: new Ledger('session'),
  };
}
