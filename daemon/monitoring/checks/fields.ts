/**
 * @module Reads typed fields out of an untrusted check definition, with messages that name the
 * check, the field and what is allowed.
 */
import { InvalidInputError } from '../../../src/protocol/errors.js';
import { formatDuration, parseDuration } from '../../../src/protocol/duration.js';

/** A value as it appears in a message: JSON, shortened. */
export function show(value: unknown): string {
  if (value === undefined) return 'nothing';
  if (typeof value === 'function') return 'a function';
  let text: string;
  try {
    text = JSON.stringify(value) ?? String(value);
  } catch {
    // Too deep (the stack ran out), cyclic, or a BigInt: String() of a deep array recurses as
    // deeply, so only a description is safe.
    text = Array.isArray(value)
      ? 'a list'
      : typeof value === 'object' && value !== null
        ? 'an object'
        : String(value);
  }
  return text.length > 60 ? `${text.slice(0, 59)}…` : text;
}

/** Reads the fields of one definition; every failure throws {@link InvalidInputError}. */
export class Fields {
  constructor(
    /** The check's name, for messages. */
    readonly check: string,
    private readonly input: Readonly<Record<string, unknown>>,
  ) {}

  /** Throws `check '<name>': <message>` for `field`. */
  fail(field: string, message: string): never {
    throw new InvalidInputError(`check '${this.check}': ${message}`, field);
  }

  /** The raw value; undefined when absent (own properties only, so `__proto__` tricks read nothing). */
  get(field: string): unknown {
    return Object.hasOwn(this.input, field) ? this.input[field] : undefined;
  }

  has(field: string): boolean {
    return this.get(field) !== undefined;
  }

  /** A string of at most `maxLength` characters; undefined when absent. */
  string(field: string, maxLength = 4096): string | undefined {
    const value = this.get(field);
    if (value === undefined) return undefined;
    if (typeof value !== 'string')
      this.fail(field, `${field} must be a string, got ${show(value)}`);
    if (value.length > maxLength)
      this.fail(field, `${field} must be at most ${maxLength} characters, got ${value.length}`);
    return value;
  }

  boolean(field: string, fallback: boolean): boolean {
    const value = this.get(field);
    if (value === undefined) return fallback;
    if (typeof value !== 'boolean')
      this.fail(field, `${field} must be true or false, got ${show(value)}`);
    return value;
  }

  /** A whole number in [min, max]. */
  integer(field: string, min: number, max: number, fallback: number): number {
    const value = this.get(field);
    if (value === undefined) return fallback;
    if (typeof value !== 'number' || !Number.isInteger(value) || value < min || value > max) {
      this.fail(field, `${field} must be a whole number from ${min} to ${max}, got ${show(value)}`);
    }
    return value;
  }

  /** Any finite number in [min, max]. */
  number(field: string, min: number, max: number, fallback: number): number {
    const value = this.get(field);
    if (value === undefined) return fallback;
    if (typeof value !== 'number' || !Number.isFinite(value) || value < min || value > max) {
      this.fail(field, `${field} must be a number from ${min} to ${max}, got ${show(value)}`);
    }
    return value;
  }

  /**
   * A duration in ms: a whole number of milliseconds or text like `30s` or `1m30s`, in [min, max].
   * Text is accepted because people write config files by hand.
   */
  duration(field: string, min: number, max: number, fallback: number): number {
    const value = this.get(field);
    if (value === undefined) return fallback;
    const range = `from ${formatDuration(min)} to ${formatDuration(max)}`;
    let msValue: number;
    if (typeof value === 'number') {
      if (!Number.isInteger(value)) {
        this.fail(
          field,
          `${field} must be a whole number of milliseconds or a duration like 30s, got ${show(value)}`,
        );
      }
      msValue = value;
    } else if (typeof value === 'string') {
      const parsed = parseDuration(value);
      if (typeof parsed === 'string') this.fail(field, `${field}: ${parsed}`);
      msValue = parsed;
    } else {
      this.fail(field, `${field} must be milliseconds or a duration like 30s, got ${show(value)}`);
    }
    if (msValue < min || msValue > max) {
      this.fail(
        field,
        `${field} must be ${range}, got ${msValue < 0 ? show(value) : formatDuration(msValue)}`,
      );
    }
    return msValue;
  }
}
