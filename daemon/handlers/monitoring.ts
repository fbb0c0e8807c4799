/**
 * @module monitoring.* handlers.
 */
import type { HandlerTable } from '../router.js';
import type { HandlerDeps } from './context.js';

export function monitoringHandlers({ core }: HandlerDeps): Pick<HandlerTable, 'monitoring.health' | 'monitoring.subscribe'> {
  return {
    'monitoring.health': () => core.health.latest(),
    'monitoring.subscribe': ({ topics }, ctx) => {
      for (const topic of topics ?? ['health']) ctx.connection.subscriptions.add(topic);
      return { topics: [...ctx.connection.subscriptions] };
    },
  };
}
