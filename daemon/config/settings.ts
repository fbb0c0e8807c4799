/**
 * @module The daemon's settings, kept with conf in config.json (mode 0600).
 *
 * Only values that differ from the defaults are stored. The file is watched, so a hand edit takes
 * effect like `config set` does; an edit that fails the schema is logged and ignored.
 */
import Conf from 'conf';
import { EventEmitter } from 'node:events';
import type { ConfigEntry } from '../../src/protocol/schemas.js';
import { parseDuration } from '../../src/protocol/duration.js';
import { configKeys, jsonSchema, parseValue, specOf, type ConfigKey } from './keys.js';

type Value = string | number | boolean;

/** The settings. Events: `change` (key) after a key changes. */
export class Settings extends EventEmitter {
  private readonly conf: Conf<Record<string, unknown>>;
  private readonly stopWatching: () => void;
  /**
   * Values read so far. conf reads and validates config.json on every get, and some keys are read
   * on hot paths (every login reads the bcrypt cost), so reads are kept until a change.
   */
  private readonly cache = new Map<string, unknown>();
  /** Duration keys parsed to milliseconds, kept and dropped with the values. */
  private readonly durations = new Map<string, number>();

  /**
   * @throws Error (conf's) when the file is not valid JSON or fails the schema; the daemon refuses
   *   to start with that message rather than guess.
   */
  constructor(configDir: string, watch = true) {
    super();
    this.conf = new Conf<Record<string, unknown>>({
      cwd: configDir,
      configName: 'config',
      projectName: 'clickup-brain',
      schema: jsonSchema() as never,
      configFileMode: 0o600,
      clearInvalidConfig: false,
      watch,
    });
    this.stopWatching = this.conf.onDidAnyChange((now, before) => {
      this.forget();
      for (const key of Object.keys(configKeys) as ConfigKey[]) {
        if (JSON.stringify(pick(now, key)) !== JSON.stringify(pick(before, key)))
          this.emit('change', key);
      }
    });
  }

  /** The path of config.json. */
  get path(): string {
    return this.conf.path;
  }

  /** The value of a key (its default when unset). */
  get<K extends ConfigKey>(key: K): (typeof configKeys)[K]['default'] {
    if (!this.cache.has(key)) this.cache.set(key, this.conf.get(key));
    return (this.cache.get(key) ?? configKeys[key].default) as (typeof configKeys)[K]['default'];
  }

  /** A duration key in milliseconds (parsed once until a change, like the values: hot paths read them). */
  ms(key: ConfigKey): number {
    const known = this.durations.get(key);
    if (known !== undefined) return known;
    const value = this.get(key);
    const parsed = typeof value === 'string' ? parseDuration(value) : NaN;
    const ms = typeof parsed === 'number' ? parsed : NaN;
    this.durations.set(key, ms);
    return ms;
  }

  /** Describes one key. @throws InvalidInputError for an unknown key. */
  entry(key: string): ConfigEntry {
    const spec = specOf(key);
    const stored = this.conf.get(key) as Value | undefined;
    return {
      key,
      value: stored ?? spec.default,
      defaultValue: spec.default,
      isDefault: stored === undefined,
      description: spec.description,
      applies: spec.applies,
    };
  }

  list(): ConfigEntry[] {
    return Object.keys(configKeys).map((key) => this.entry(key));
  }

  /** Sets a key from text. @throws InvalidInputError with the allowed range; nothing changes. */
  set(key: string, text: string): ConfigEntry {
    const value = parseValue(key, text);
    this.conf.set(key, value);
    this.forget();
    return this.entry(key);
  }

  /** Returns a key to its default. */
  unset(key: string): ConfigEntry {
    specOf(key);
    this.conf.delete(key);
    this.forget();
    return this.entry(key);
  }

  /** Drops every kept value (after a change). */
  private forget(): void {
    this.cache.clear();
    this.durations.clear();
  }

  close(): void {
    this.stopWatching();
  }
}

function pick(data: Record<string, unknown> | undefined, key: string): unknown {
  let value: unknown = data;
  for (const part of key.split('.')) value = (value as Record<string, unknown> | undefined)?.[part];
  return value;
}
