/**
 * @module The table of channel kinds, and what the rest of the daemon does with a channel
 * definition: validate it when it is added (type, options and templates, each refused with the
 * field named), build its notifier, and show its options with the secrets redacted.
 *
 * @example
 * const def = validateChannel({ type: 'slack', options: { url }, templates: { subject: '{{alertname}}' } });
 * const notifier = createNotifier(def, { clock: systemClock });
 * redactOptions('slack', def.options); // { url: 'https://hooks.slack.com/***' }
 */
import type { z } from 'zod';
import { InvalidInputError } from '../../../src/protocol/errors.js';
import { alertmanagerKind } from './alertmanager.js';
import type {
  ChannelKind,
  CompiledTemplates,
  NotifierDeps,
  TemplateField,
  TemplateTexts,
} from './channel-kind.js';
import { clickupKind } from './clickup.js';
import { commandKind } from './command.js';
import { emailKind } from './email.js';
import { logKind } from './log.js';
import { compileTemplate } from './message-template.js';
import type { Notifier } from './notification.js';
import { redactValue } from './redact.js';
import { slackKind } from './slack.js';
import { webhookKind } from './webhook.js';

export const CHANNEL_TYPES = [
  'log',
  'webhook',
  'slack',
  'email',
  'alertmanager',
  'command',
  'clickup',
] as const;
export type ChannelType = (typeof CHANNEL_TYPES)[number];

const kinds: Record<ChannelType, ChannelKind<unknown>> = {
  log: logKind,
  webhook: webhookKind,
  slack: slackKind,
  email: emailKind,
  alertmanager: alertmanagerKind,
  command: commandKind,
  clickup: clickupKind,
};

/** A channel as given: from a param, a file. */
export interface ChannelInput {
  type: unknown;
  options?: unknown;
  templates?: unknown;
}

/** A valid channel: options parsed (secrets in clear: the caller encrypts them), templates given. */
export interface ChannelDefinition {
  type: ChannelType;
  options: Record<string, unknown>;
  templates: TemplateTexts;
}

function isChannelType(value: unknown): value is ChannelType {
  return typeof value === 'string' && (CHANNEL_TYPES as readonly string[]).includes(value);
}

/** The kind of a type. @throws InvalidInputError for an unknown type. */
export function channelKind(type: unknown): ChannelKind<unknown> {
  if (!isChannelType(type)) {
    const shown = typeof type === 'string' ? `'${type.slice(0, 40)}'` : typeof type;
    throw new InvalidInputError(
      `unknown channel type ${shown}; known: ${CHANNEL_TYPES.join(', ')}`,
      'type',
    );
  }
  return kinds[type];
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** The first problem zod found, as `<type> channel: options.<field>: <problem>`. */
function optionsError(type: string, error: z.ZodError): InvalidInputError {
  // An unknown option is reported first: `urll` is more useful to hear about than "url is required".
  const issue = error.issues.find((i) => i.code === 'unrecognized_keys') ?? error.issues[0];
  if (issue === undefined)
    return new InvalidInputError(`${type} channel: invalid options`, 'options');
  if (issue.code === 'unrecognized_keys') {
    const name = [...issue.path, issue.keys[0] ?? ''].join('.');
    return new InvalidInputError(`${type} channel: unknown option '${name}'`, `options.${name}`);
  }
  const field = ['options', ...issue.path.map(String)].join('.');
  let problem = issue.message;
  // zod's own wording ("Invalid input: expected array, received string") for the cases left to it.
  if (issue.code === 'invalid_type' && problem.startsWith('Invalid input')) {
    const expected: string = issue.expected;
    problem =
      expected === 'array'
        ? 'must be a list'
        : expected === 'object'
          ? 'must be an object'
          : `must be a ${expected}`;
  }
  if (issue.code === 'too_small' && issue.origin === 'array' && problem.startsWith('Too small')) {
    problem = 'must not be empty';
  }
  return new InvalidInputError(`${type} channel: ${field}: ${problem}`, field);
}

function checkTemplates(kind: ChannelKind<unknown>, templates: unknown): TemplateTexts {
  if (templates === undefined) return {};
  if (!isPlainObject(templates))
    throw new InvalidInputError(`${kind.type} channel: templates must be an object`, 'templates');
  const used = Object.keys(kind.templates) as TemplateField[];
  const out: TemplateTexts = {};
  for (const [name, text] of Object.entries(templates)) {
    const field = `templates.${name}`;
    if (!(used as string[]).includes(name)) {
      const which = used.length === 0 ? 'it renders no templates' : `it renders ${used.join(', ')}`;
      throw new InvalidInputError(
        `${kind.type} channel: ${field} is not used by this kind (${which})`,
        field,
      );
    }
    if (typeof text !== 'string')
      throw new InvalidInputError(`${kind.type} channel: ${field} must be a string`, field);
    try {
      compileTemplate(text, field);
    } catch (error) {
      if (error instanceof InvalidInputError)
        throw new InvalidInputError(`${kind.type} channel: ${error.message}`, field);
      throw error;
    }
    out[name as TemplateField] = text;
  }
  return out;
}

/**
 * Checks a channel definition when it is added, so that nothing about it can fail later but the
 * delivery itself.
 * @throws InvalidInputError naming the field (`type`, `options.url`, `templates.body`).
 */
export function validateChannel(input: ChannelInput): ChannelDefinition {
  if (!isPlainObject(input)) throw new TypeError('validateChannel: input must be an object');
  const kind = channelKind(input.type);
  const parsed = kind.options.safeParse(input.options ?? {});
  if (!parsed.success) throw optionsError(kind.type, parsed.error);
  const templates = checkTemplates(kind, input.templates);
  return {
    type: kind.type as ChannelType,
    options: parsed.data as Record<string, unknown>,
    templates,
  };
}

/** Builds a channel's notifier: its templates, defaults for those not given, compiled once. */
export function createNotifier(definition: ChannelDefinition, deps: NotifierDeps): Notifier {
  const valid = validateChannel(definition);
  const kind = kinds[valid.type];
  const compiled: CompiledTemplates = {};
  for (const [field, fallback] of Object.entries(kind.templates) as Array<
    [TemplateField, string]
  >) {
    compiled[field] = compileTemplate(valid.templates[field] ?? fallback, `templates.${field}`);
  }
  return kind.create(valid.options, compiled, deps);
}

/** The options that are secret for a type (`['url']` for webhook). */
export function secretFields(type: ChannelType): readonly string[] {
  return channelKind(type).secretFields;
}

/** The options as they may be shown: secret ones as `https://host/***` or `***`, never in full. */
export function redactOptions(
  type: ChannelType,
  options: Readonly<Record<string, unknown>>,
): Record<string, unknown> {
  const secret = channelKind(type).secretFields;
  const out: Record<string, unknown> = {};
  for (const [name, value] of Object.entries(options))
    out[name] = secret.includes(name) ? redactValue(value) : value;
  return out;
}
