/**
 * @module Notification channels: kept in the store with their secret options sealed by the
 * security engine's data key, shown redacted, and turned into notifiers on demand.
 *
 * A channel is validated completely when added (options, templates), so that nothing but the
 * delivery itself can fail when an alert fires.
 */
import { AppError, NotFoundError } from '../../../src/protocol/errors.js';
import type { ChannelInfo, DeliveryRecordWire } from '../../../src/protocol/notification-schemas.js';
import type { Clock } from '../../clock.js';
import type { Store } from '../../store/store.js';
import type { AuditLog } from '../../security/audit-log.js';
import type { Severity } from '../alerts/severity.js';
import type { NotifierDeps } from '../notifiers/channel-kind.js';
import { createNotifier, redactOptions, secretFields, validateChannel, type ChannelType } from '../notifiers/kinds.js';
import type { Notifier } from '../notifiers/notification.js';
import type { ChannelRecord } from './channel-record.js';
import { parseChannelName } from './channel-name.js';

/** Seals and opens the secret options (the security engine's AES-256-GCM, bound to `aad`). */
export interface Sealer {
  seal(plaintext: string, aad: string): Promise<string>;
  open(ciphertext: string, aad: string): Promise<string>;
}

export interface NewChannel {
  name: string;
  type: string;
  options: Record<string, unknown>;
  templates?: { subject?: string; body?: string; html?: string };
  sendResolved?: boolean;
  minSeverity?: Severity;
}

const aad = (name: string): string => `clickup-brain channel:${name}`;

export class ChannelService {
  private readonly notifiers = new Map<string, { record: ChannelRecord; notifier: Notifier }>();

  constructor(
    private readonly store: Store,
    private readonly audit: AuditLog,
    private readonly clock: Clock,
    private readonly sealer: Sealer,
    private readonly deps: Omit<NotifierDeps, 'clock'>,
  ) {}

  private get records(): ChannelRecord[] {
    return this.store.data.channels;
  }

  find(name: string): ChannelRecord | undefined {
    return this.records.find((c) => c.name === name);
  }

  /** What may be shown: secrets redacted. */
  info(record: ChannelRecord): ChannelInfo {
    const secrets = Object.fromEntries(secretFields(record.type as ChannelType).map((f) => [f, '***']));
    return {
      name: record.name,
      type: record.type,
      options: { ...redactOptions(record.type as ChannelType, record.options), ...(record.sealedSecrets === null ? {} : secrets) },
      templates: { ...record.templates },
      sendResolved: record.sendResolved,
      minSeverity: record.minSeverity,
      createdAt: record.createdAt,
      updatedAt: record.updatedAt,
      lastDelivery: record.lastDelivery,
    };
  }

  list(): ChannelInfo[] {
    return [...this.records].sort((a, b) => a.name.localeCompare(b.name)).map((r) => this.info(r));
  }

  /**
   * Adds or replaces a channel.
   * @throws InvalidInputError naming the field (type, options.x, templates.body).
   */
  async add(input: NewChannel, actor: string): Promise<{ channel: ChannelInfo; created: boolean }> {
    const name = parseChannelName(input.name);
    const definition = validateChannel({ type: input.type, options: input.options, ...(input.templates === undefined ? {} : { templates: input.templates }) });
    const secretNames = secretFields(definition.type);
    const plain: Record<string, unknown> = {};
    const secret: Record<string, unknown> = {};
    for (const [key, value] of Object.entries(definition.options)) (secretNames.includes(key) ? secret : plain)[key] = value;
    const sealedSecrets = Object.keys(secret).length === 0 ? null : await this.sealer.seal(JSON.stringify(secret), aad(name));
    const now = new Date(this.clock.now()).toISOString();
    const old = this.find(name);
    const record: ChannelRecord = {
      name,
      type: definition.type,
      options: plain,
      sealedSecrets,
      templates: definition.templates,
      sendResolved: input.sendResolved ?? false,
      minSeverity: input.minSeverity ?? 'info',
      createdAt: old?.createdAt ?? now,
      updatedAt: now,
      createdBy: old?.createdBy ?? actor,
      lastDelivery: old?.lastDelivery ?? null,
    };
    await this.store.mutate(() => {
      const list = this.records;
      if (old === undefined) list.push(record);
      else list[list.indexOf(old)] = record;
      this.notifiers.delete(name);
      return { result: undefined, undo: () => (old === undefined ? void list.splice(list.indexOf(record), 1) : void (list[list.indexOf(record)] = old)) };
    });
    // The event names the channel and its kind, never its options (a webhook URL is a credential).
    await this.audit.append({ type: old === undefined ? 'channel.added' : 'channel.updated', actor, subject: name, outcome: 'success', details: { type: record.type } });
    return { channel: this.info(record), created: old === undefined };
  }

  /** @throws NotFoundError */
  async remove(nameText: string, actor: string): Promise<ChannelInfo> {
    const record = this.find(nameText);
    if (record === undefined) throw new NotFoundError(`no channel named '${String(nameText).slice(0, 64)}'`);
    await this.store.mutate(() => {
      const list = this.records;
      const at = list.indexOf(record);
      list.splice(at, 1);
      this.notifiers.delete(record.name);
      return { result: undefined, undo: () => void list.splice(at, 0, record) };
    });
    await this.audit.append({ type: 'channel.removed', actor, subject: record.name, outcome: 'success', details: { type: record.type } });
    return this.info(record);
  }

  /** The ready notifier of a channel (secrets opened once per change). @throws NotFoundError */
  async notifier(name: string): Promise<Notifier> {
    const record = this.find(name);
    if (record === undefined) throw new NotFoundError(`no channel named '${name.slice(0, 64)}'`);
    const cached = this.notifiers.get(name);
    if (cached !== undefined && cached.record === record) return cached.notifier;
    let secrets: Record<string, unknown> = {};
    if (record.sealedSecrets !== null) {
      try {
        secrets = JSON.parse(await this.sealer.open(record.sealedSecrets, aad(record.name))) as Record<string, unknown>;
      } catch (error) {
        throw new AppError('INTERNAL', `the secrets of channel '${record.name}' cannot be opened (${(error as { reason?: string }).reason ?? 'damaged'}); add the channel again`);
      }
    }
    const notifier = createNotifier({ type: record.type as ChannelType, options: { ...record.options, ...secrets }, templates: record.templates }, { ...this.deps, clock: this.clock });
    this.notifiers.set(name, { record, notifier });
    return notifier;
  }

  /** Keeps the last delivery on the channel (shown by `--channels`). */
  async noteDelivery(record: DeliveryRecordWire): Promise<void> {
    const channel = this.find(record.channel);
    if (channel === undefined) return;
    const next: ChannelRecord = { ...channel, lastDelivery: record };
    await this.store.mutate(() => {
      const list = this.records;
      const at = list.indexOf(channel);
      if (at === -1) return { result: undefined, undo: () => undefined };
      list[at] = next;
      const cached = this.notifiers.get(channel.name);
      if (cached !== undefined && cached.record === channel) this.notifiers.set(channel.name, { ...cached, record: next });
      return { result: undefined, undo: () => void (list[list.indexOf(next)] = channel) };
    });
  }
}
