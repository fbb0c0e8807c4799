/**
 * @module A notification channel as persisted.
 *
 * Options that are secrets for the channel's kind (an SMTP password, a ClickUp token, a webhook
 * URL) are not in `options`: they are sealed together as JSON with the security engine's data key
 * (AES-256-GCM, bound to the channel's name) in `sealedSecrets`.
 */
import { z } from 'zod';
import { severity } from '../../../src/protocol/schemas.js';
import { deliveryRecord } from '../../../src/protocol/notification-schemas.js';

export const channelRecordSchema = z.object({
  name: z.string().min(1),
  type: z.string().min(1),
  options: z.record(z.string(), z.unknown()),
  /** `cbv<n>:` ciphertext of a JSON object of the secret options, or null when there are none. */
  sealedSecrets: z.string().nullable(),
  templates: z.object({ subject: z.string().optional(), body: z.string().optional(), html: z.string().optional() }),
  sendResolved: z.boolean(),
  minSeverity: severity,
  createdAt: z.string(),
  updatedAt: z.string(),
  createdBy: z.string(),
  lastDelivery: deliveryRecord.nullable(),
});

export type ChannelRecord = z.infer<typeof channelRecordSchema>;
