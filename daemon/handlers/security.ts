/**
 * @module security.* handlers.
 */
import type { HandlerTable } from '../router.js';
import type { HandlerDeps } from './context.js';

type Names = 'security.blacklist.add' | 'security.blacklist.remove' | 'security.blacklist.list' | 'security.blacklist.check' | 'security.subscribe';

export function securityHandlers({ core }: HandlerDeps): Pick<HandlerTable, Names> {
  return {
    'security.blacklist.add': ({ target, ttlMs, reason }, ctx) =>
      core.blacklist.add(target, { ttlMs: ttlMs ?? null, ...(reason === undefined ? {} : { reason }), source: 'manual', actor: ctx.actor }),
    'security.blacklist.remove': async ({ target }, ctx) => ({ entry: await core.blacklist.remove(target, ctx.actor) }),
    'security.blacklist.list': () => ({ entries: core.blacklist.list() }),
    'security.blacklist.check': ({ ip }) => {
      const entry = core.blacklist.check(ip);
      return { blocked: entry !== null, entry };
    },
    'security.subscribe': ({ topics }, ctx) => {
      for (const topic of topics ?? ['blacklist']) ctx.connection.subscriptions.add(topic);
      return { topics: [...ctx.connection.subscriptions] };
    },
  };
}
