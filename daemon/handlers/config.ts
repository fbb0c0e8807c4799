/**
 * @module config.* handlers. Every change is an audit event.
 */
import type { HandlerTable } from '../router.js';
import type { HandlerDeps } from './context.js';

export function configHandlers({ core, settings }: HandlerDeps): Pick<HandlerTable, 'config.list' | 'config.get' | 'config.set' | 'config.unset'> {
  return {
    'config.list': () => ({ entries: settings.list() }),
    'config.get': ({ key }) => settings.entry(key),
    'config.set': async ({ key, value }, ctx) => {
      const before = settings.entry(key);
      const entry = settings.set(key, value);
      await core.audit.append({ type: 'config.changed', actor: ctx.actor, subject: key, outcome: 'success', details: { from: before.value, to: entry.value } });
      return entry;
    },
    'config.unset': async ({ key }, ctx) => {
      const before = settings.entry(key);
      const entry = settings.unset(key);
      await core.audit.append({ type: 'config.changed', actor: ctx.actor, subject: key, outcome: 'success', details: { from: before.value, to: entry.value } });
      return entry;
    },
  };
}
