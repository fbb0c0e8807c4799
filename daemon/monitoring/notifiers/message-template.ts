/**
 * @module Message templates: mustache (logic-less, so a template can never run code), parsed and
 * checked when the channel is added, rendered when a notification is sent.
 *
 * Checked at compile time: the syntax (unclosed sections and tags), the length, and every name
 * against the view's shape ({@link viewShape}), so that `{{sumary}}` is refused with its position
 * instead of silently rendering nothing when an alert fires.
 */
import Mustache from 'mustache';
import { InvalidInputError } from '../../../src/protocol/errors.js';
import { escapeHtml } from '../../html-escape.js';
import { viewShape, type Shape, type TemplateView } from './template-view.js';

/** The longest template accepted, in bytes. */
export const TEMPLATE_MAX_BYTES = 4096;

/** A parsed, checked template. Render it with {@link renderTemplate}. */
export interface CompiledTemplate {
  /** The field it was given as (`templates.body`), for messages. */
  readonly field: string;
  readonly source: string;
  /** Its own writer, so its tokens are cached here and not in mustache's global, unbounded cache. */
  readonly writer: Mustache.Writer;
}

type Token = [string, string, number, number, Token[]?, number?];

function fail(field: string, problem: string): never {
  throw new InvalidInputError(`${field}: ${problem}`, field);
}

function child(shape: Shape, key: string): Shape | undefined {
  switch (shape.kind) {
    case 'object':
      return Object.hasOwn(shape.fields, key) ? shape.fields[key] : undefined;
    case 'record':
      return { kind: 'scalar' };
    case 'list':
      return key === 'length' ? { kind: 'scalar' } : undefined;
    case 'scalar':
      return undefined;
  }
}

function namesIn(scopes: readonly Shape[]): string[] {
  const names = new Set<string>();
  for (const scope of scopes)
    if (scope.kind === 'object') for (const n of Object.keys(scope.fields)) names.add(n);
  return [...names].sort();
}

/** Resolves `name` the way mustache does (innermost scope first, then dotted steps) or fails. */
function resolve(name: string, at: number, scopes: readonly Shape[], field: string): Shape {
  const innermost = scopes[scopes.length - 1] ?? viewShape;
  if (name === '.') return innermost;
  const parts = name.split('.');
  for (const part of parts) {
    // `constructor`, `toString`…: mustache would find them on any object and call them.
    if (part in Object.prototype) fail(field, `'${name}' at ${at} is not allowed`);
  }
  const [head = '', ...rest] = parts;
  let shape: Shape | undefined;
  for (let i = scopes.length - 1; i >= 0 && shape === undefined; i--)
    shape = child(scopes[i] as Shape, head);
  if (shape === undefined)
    fail(field, `unknown name '${name}' at ${at}; known here: ${namesIn(scopes).join(', ')}`);
  for (const part of rest) {
    const next = child(shape, part);
    if (next === undefined)
      fail(field, `unknown name '${name}' at ${at}: '${part}' is not a field there`);
    shape = next;
  }
  return shape;
}

function check(tokens: readonly Token[], scopes: readonly Shape[], field: string): void {
  for (const [type, value, at, , inner] of tokens) {
    if (type === '>') fail(field, `partials ('{{> ${value}}}' at ${at}) are not supported`);
    if (type === 'name' || type === '&') resolve(value, at, scopes, field);
    if (type === '^') check(inner ?? [], scopes, field);
    if (type === '#') {
      const shape = resolve(value, at, scopes, field);
      check(inner ?? [], [...scopes, shape.kind === 'list' ? shape.item : shape], field);
    }
  }
}

/**
 * Parses and checks a template at once.
 * @param field Where it came from (`templates.subject`), named in errors.
 * @throws InvalidInputError naming the field and the problem.
 */
export function compileTemplate(text: string, field: string): CompiledTemplate {
  if (typeof text !== 'string') throw new TypeError(`template '${field}' must be a string`);
  const bytes = Buffer.byteLength(text, 'utf8');
  if (bytes > TEMPLATE_MAX_BYTES)
    fail(field, `is ${bytes} bytes; a template is at most ${TEMPLATE_MAX_BYTES} bytes`);
  const writer = new Mustache.Writer();
  let tokens: Token[];
  try {
    tokens = writer.parse(text) as Token[];
  } catch (error) {
    const message = (error as Error).message;
    fail(field, message.charAt(0).toLowerCase() + message.slice(1));
  }
  check(tokens, [viewShape], field);
  return { field, source: text, writer };
}

/**
 * Renders a compiled template. Values are HTML-escaped only when `html` is set (an HTML body);
 * `escape` replaces that for other markups (Slack's `&`, `<`, `>`).
 */
export function renderTemplate(
  compiled: CompiledTemplate,
  view: TemplateView,
  options: { html: boolean; escape?: (text: string) => string },
): string {
  const escape = options.escape ?? (options.html ? escapeHtml : (text: string) => text);
  return compiled.writer.render(
    compiled.source,
    view,
    {},
    { escape: (value: unknown) => escape(String(value)) },
  );
}
