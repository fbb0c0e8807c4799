/**
 * @module What a channel kind declares (its options schema, which options are secret, which
 * templates it renders and their defaults, and how to build its notifier), and the small schema
 * pieces the kinds share.
 */
import { z } from 'zod';
import type { Clock } from '../../clock.js';
import type { CompiledTemplate } from './message-template.js';
import type { Notifier } from './notification.js';

/** The templates a kind may render: a subject (title, task name), a body, an HTML body (email). */
export const TEMPLATE_FIELDS = ['subject', 'body', 'html'] as const;
export type TemplateField = (typeof TEMPLATE_FIELDS)[number];

/** Template texts by field. */
export type TemplateTexts = Partial<Record<TemplateField, string>>;

/** Compiled templates by field: every field the kind uses, its default where none was given. */
export type CompiledTemplates = Partial<Record<TemplateField, CompiledTemplate>>;

/** The part of the daemon's (pino) logger a notifier uses. */
export interface NotifierLogger {
  info(fields: object, message: string): void;
}

/** What a notifier is built with besides its options. */
export interface NotifierDeps {
  logger?: NotifierLogger;
  /** The log channel's JSON-lines file (created 0600). */
  notificationsFile?: string;
  clock: Clock;
}

/** One kind of channel. */
export interface ChannelKind<Options = unknown> {
  readonly type: string;
  /** Checked when the channel is added; unknown keys are refused. */
  readonly options: z.ZodType<Options>;
  /** Options the caller stores encrypted and the CLI never shows in full. */
  readonly secretFields: readonly string[];
  /** The templates this kind renders, with their defaults; others are refused. */
  readonly templates: TemplateTexts;
  create(options: Options, templates: CompiledTemplates, deps: NotifierDeps): Notifier;
}

/** A template the kind declared; built by {@link createNotifier}, so missing means a bug. */
export function templateOf(templates: CompiledTemplates, field: TemplateField): CompiledTemplate {
  const compiled = templates[field];
  if (compiled === undefined) throw new TypeError(`the '${field}' template is missing`);
  return compiled;
}

/** A required, non-empty string of at most `max` characters. */
export function text(max: number): z.ZodString {
  return z
    .string({ error: (issue) => (issue.input === undefined ? 'is required' : 'must be a string') })
    .min(1, 'must not be empty')
    .max(max, `must be at most ${max} characters`);
}

function isHttpUrl(value: string): boolean {
  try {
    const url = new URL(value);
    return (url.protocol === 'http:' || url.protocol === 'https:') && url.hostname !== '';
  } catch {
    return false;
  }
}

/** An http:// or https:// URL. */
export function httpUrl(): z.ZodType<string> {
  return text(2048).refine(isHttpUrl, 'must be an http:// or https:// URL');
}

/** A whole number within bounds. */
export function integer(min: number, max: number): z.ZodNumber {
  return z
    .number({ error: (issue) => (issue.input === undefined ? 'is required' : 'must be a number') })
    .int('must be a whole number')
    .min(min, `must be at least ${min}`)
    .max(max, `must be at most ${max}`);
}
