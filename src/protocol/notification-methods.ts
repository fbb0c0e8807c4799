/**
 * @module The notification methods (channels, routes, the delivery log), merged into methods.ts.
 */
import { z } from 'zod';
import { channelInfo, deliveryRecord, routeInfo } from './notification-schemas.js';
import { severity } from './schemas.js';

const name = z.string().min(1).max(64);
const ms = z.number().int().nonnegative().max(315_360_000_000);

function method<P extends z.ZodType, R extends z.ZodType>(params: P, result: R, mutates: boolean) {
  return { params, result, mutates };
}

export const notificationMethods = {
  'monitoring.channels.list': method(
    z.strictObject({}),
    z.object({ channels: z.array(channelInfo) }),
    false,
  ),
  'monitoring.channels.add': method(
    z.strictObject({
      name,
      type: z.string().min(1).max(32),
      /** Kind-specific options; each kind validates its own (secrets among them are sealed). */
      options: z.record(z.string().max(64), z.unknown()),
      templates: z
        .strictObject({
          subject: z.string().max(4096).optional(),
          body: z.string().max(16_384).optional(),
          html: z.string().max(16_384).optional(),
        })
        .optional(),
      sendResolved: z.boolean().optional(),
      minSeverity: severity.optional(),
    }),
    z.object({ channel: channelInfo, created: z.boolean() }),
    true,
  ),
  'monitoring.channels.remove': method(
    z.strictObject({ name }),
    z.object({ channel: channelInfo }),
    true,
  ),
  'monitoring.channels.test': method(
    z.strictObject({ name }),
    z.object({ record: deliveryRecord }),
    true,
  ),
  'monitoring.routes.list': method(
    z.strictObject({}),
    z.object({ routes: z.array(routeInfo), defaultRoute: routeInfo }),
    false,
  ),
  'monitoring.routes.add': method(
    z.strictObject({
      id: name,
      channels: z.array(name).min(1).max(20),
      matchers: z.array(z.string().min(1).max(1000)).max(20).optional(),
      minSeverity: severity.optional(),
      continue: z.boolean().optional(),
      groupBy: z.array(z.string().min(1).max(200)).max(20).optional(),
      groupWaitMs: ms.optional(),
      groupIntervalMs: ms.optional(),
      repeatIntervalMs: ms.optional(),
    }),
    z.object({ route: routeInfo, created: z.boolean() }),
    true,
  ),
  'monitoring.routes.remove': method(
    z.strictObject({ id: name }),
    z.object({ route: routeInfo }),
    true,
  ),
  'monitoring.notifications.list': method(
    z.strictObject({
      sinceMs: ms.optional(),
      channel: name.optional(),
      limit: z.number().int().min(1).max(10_000).optional(),
    }),
    z.object({ records: z.array(deliveryRecord) }),
    false,
  ),
};
