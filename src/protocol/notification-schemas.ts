/**
 * @module Shapes of channels, routes and delivery records on the wire. Channel secrets (SMTP
 * passwords, tokens, webhook URLs) never travel back: options are shown redacted.
 */
import { z } from 'zod';
import { severity } from './schemas.js';

export const deliveryRecord = z.object({
  id: z.string(),
  at: z.string(),
  channel: z.string(),
  groupKey: z.string(),
  reason: z.string(),
  attempt: z.number(),
  outcome: z.enum(['sent', 'failed', 'retrying']),
  detail: z.string().nullable(),
  error: z.string().nullable(),
  durationMs: z.number(),
});
export type DeliveryRecordWire = z.infer<typeof deliveryRecord>;

export const channelInfo = z.object({
  name: z.string(),
  type: z.string(),
  /** Options with secrets redacted (`***`). */
  options: z.record(z.string(), z.unknown()),
  templates: z.object({ subject: z.string().optional(), body: z.string().optional(), html: z.string().optional() }),
  sendResolved: z.boolean(),
  minSeverity: severity,
  createdAt: z.string(),
  updatedAt: z.string(),
  lastDelivery: deliveryRecord.nullable(),
});
export type ChannelInfo = z.infer<typeof channelInfo>;

export const routeInfo = z.object({
  id: z.string(),
  channels: z.array(z.string()),
  matchers: z.array(z.string()),
  minSeverity: severity.optional(),
  continue: z.boolean(),
  groupBy: z.array(z.string()),
  groupWaitMs: z.number(),
  groupIntervalMs: z.number(),
  repeatIntervalMs: z.number(),
});
export type RouteInfo = z.infer<typeof routeInfo>;
