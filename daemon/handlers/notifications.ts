/**
 * @module monitoring.channels.*, monitoring.routes.* and monitoring.notifications.list.
 */
import { AppError } from '../../src/protocol/errors.js';
import type { HandlerTable } from '../router.js';
import type { HandlerDeps } from './context.js';

type Names =
  | 'monitoring.channels.list'
  | 'monitoring.channels.add'
  | 'monitoring.channels.remove'
  | 'monitoring.channels.test'
  | 'monitoring.routes.list'
  | 'monitoring.routes.add'
  | 'monitoring.routes.remove'
  | 'monitoring.notifications.list';

export function notificationHandlers({ core, now }: HandlerDeps): Pick<HandlerTable, Names> {
  const { channels, notifications } = core;
  return {
    'monitoring.channels.list': () => ({ channels: channels.list() }),
    'monitoring.channels.add': async (params, ctx) => {
      const result = await channels.add(params, ctx.actor);
      // The implicit default route sends to every channel: the dispatcher learns of the new one.
      notifications.start();
      return result;
    },
    'monitoring.channels.remove': async ({ name }, ctx) => {
      const users = notifications.routes().routes.filter((r) => r.channels.includes(name));
      const explicitDefault = core.store.data.routes.some((r) => r['id'] === 'default' && Array.isArray(r['channels']) && (r['channels'] as unknown[]).includes(name));
      if (users.length > 0 || explicitDefault) {
        const ids = [...users.map((r) => r.id), ...(explicitDefault ? ['default'] : [])];
        throw new AppError('CONFLICT', `channel '${name}' is used by route ${ids.join(', ')}; remove or change the route first`);
      }
      const channel = await channels.remove(name, ctx.actor);
      notifications.start();
      return { channel };
    },
    'monitoring.channels.test': async ({ name }, ctx) => ({ record: await notifications.test(name, ctx.actor) }),
    'monitoring.routes.list': () => notifications.routes(),
    'monitoring.routes.add': (params, ctx) => notifications.addRoute(params, ctx.actor),
    'monitoring.routes.remove': async ({ id }, ctx) => ({ route: await notifications.removeRoute(id, ctx.actor) }),
    'monitoring.notifications.list': ({ sinceMs, channel, limit }) => ({
      records: notifications.deliveries({ now: now(), ...(sinceMs === undefined ? {} : { sinceMs }), ...(channel === undefined ? {} : { channel }), ...(limit === undefined ? {} : { limit }) }),
    }),
  };
}
