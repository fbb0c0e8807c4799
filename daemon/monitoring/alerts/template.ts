/**
 * @module Annotation templates: `{{ $value }}`, `{{ $labels.host }}`, with a few pipes.
 *
 * A small, closed language rather than Go templates: it is compiled when the rule is added, so a
 * typo is refused then with its column, and rendering can never run code.
 */
import { InvalidInputError } from '../../../src/protocol/errors.js';
import { formatDuration } from '../../../src/protocol/duration.js';

export interface TemplateData {
  value: number;
  labels: Readonly<Record<string, string>>;
}

type Piece = string | ((data: TemplateData) => string);

/** A compiled template. */
export type Template = (data: TemplateData) => string;

function humanize(v: number): string {
  if (!Number.isFinite(v)) return String(v);
  const abs = Math.abs(v);
  const units: Array<[number, string]> = [
    [1e12, 'T'],
    [1e9, 'G'],
    [1e6, 'M'],
    [1e3, 'k'],
  ];
  for (const [size, unit] of units) if (abs >= size) return `${trim(v / size)}${unit}`;
  return trim(v);
}

function trim(v: number): string {
  return String(Math.round(v * 1000) / 1000);
}

const pipes: Record<string, (v: number, arg?: string) => string> = {
  humanize: (v) => humanize(v),
  humanizePercentage: (v) => `${trim(v * 100)}%`,
  humanizeDuration: (v) => (Number.isFinite(v) ? formatDuration(v * 1000) : String(v)),
  printf: (v, arg) => {
    const match = /^%\.(\d)f$/.exec(arg ?? '');
    return match === null ? String(v) : v.toFixed(Number(match[1]));
  },
};

function compileAction(body: string, column: number, field: string): (data: TemplateData) => string {
  const parts = body.split('|').map((p) => p.trim());
  const head = parts[0] ?? '';
  let source: (data: TemplateData) => string | number;
  const label = /^\$labels\.([a-zA-Z_][a-zA-Z0-9_]*)$/.exec(head);
  if (head === '$value') source = (d) => d.value;
  else if (label !== null) source = (d) => d.labels[label[1] as string] ?? '';
  else throw new InvalidInputError(`${field}: unknown template value '${head}' at column ${column}; use $value or $labels.<name>`, field);
  const steps = parts.slice(1).map((step) => {
    const [name, ...rest] = step.split(/\s+/);
    const fn = pipes[name ?? ''];
    if (fn === undefined) throw new InvalidInputError(`${field}: unknown template function '${name}' at column ${column}; known: ${Object.keys(pipes).join(', ')}`, field);
    const arg = rest.join(' ').replace(/^"(.*)"$/, '$1');
    if (name === 'printf' && !/^%\.\df$/.test(arg)) {
      throw new InvalidInputError(`${field}: printf takes a format like "%.2f" (at column ${column})`, field);
    }
    return (v: number) => fn(v, arg);
  });
  return (data) => {
    const raw = source(data);
    if (steps.length === 0) return typeof raw === 'number' ? String(raw) : raw;
    const numeric = typeof raw === 'number' ? raw : Number(raw);
    return steps.reduce<string>((_, step) => step(numeric), '');
  };
}

/**
 * Compiles a template.
 *
 * @param field - named in error messages (e.g. `annotations.summary`).
 * @throws InvalidInputError with the column of the problem.
 */
export function compileTemplate(text: string, field: string): Template {
  const pieces: Piece[] = [];
  let at = 0;
  while (at < text.length) {
    const open = text.indexOf('{{', at);
    if (open === -1) {
      pieces.push(text.slice(at));
      break;
    }
    if (open > at) pieces.push(text.slice(at, open));
    const close = text.indexOf('}}', open + 2);
    if (close === -1) throw new InvalidInputError(`${field}: '{{' at column ${open + 1} is never closed`, field);
    pieces.push(compileAction(text.slice(open + 2, close).trim(), open + 1, field));
    at = close + 2;
  }
  return (data) => pieces.map((p) => (typeof p === 'string' ? p : p(data))).join('');
}
