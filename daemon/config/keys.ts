/**
 * @module Every configuration key: its type, default, limits and when a change takes effect.
 */
import { formatDuration, parseDuration } from '../../src/protocol/duration.js';
import { InvalidInputError } from '../../src/protocol/errors.js';
import { parseIp, parseTarget } from '../security/ip.js';

type Value = string | number | boolean;

interface KeyBase {
  description: string;
  applies: 'live' | 'restart';
}

interface DurationKey extends KeyBase {
  type: 'duration';
  default: string;
  minMs: number;
  maxMs: number;
}

interface IntegerKey extends KeyBase {
  type: 'integer';
  default: number;
  min: number;
  max: number;
}

interface EnumKey extends KeyBase {
  type: 'enum';
  default: string;
  choices: readonly string[];
}

/** A comma-separated list of label names (`instance,job`); empty allowed. */
interface LabelListKey extends KeyBase {
  type: 'labels';
  default: string;
}

/** A host name or IP address to bind (`127.0.0.1`, `::1`, `0.0.0.0`, `dash.internal`). */
interface HostKey extends KeyBase {
  type: 'host';
  default: string;
}

/** An absolute file path; empty means none. */
interface PathKey extends KeyBase {
  type: 'path';
  default: string;
}

/** A comma-separated list of IP addresses and CIDR networks; empty allowed. */
interface AddressListKey extends KeyBase {
  type: 'addresses';
  default: string;
}

export type KeySpec =
  DurationKey | IntegerKey | EnumKey | LabelListKey | HostKey | PathKey | AddressListKey;

export const configKeys = {
  'monitoring.scrapeInterval': {
    type: 'duration',
    default: '10s',
    minMs: 1000,
    maxMs: 3_600_000,
    description: 'How often the built-in health checks and system metrics are sampled',
    applies: 'live',
  },
  'monitoring.evaluationInterval': {
    type: 'duration',
    default: '15s',
    minMs: 1000,
    maxMs: 3_600_000,
    description: 'How often alert rules are evaluated',
    applies: 'live',
  },
  'monitoring.retention': {
    type: 'duration',
    default: '24h',
    minMs: 60_000,
    maxMs: 90 * 86_400_000,
    description:
      'How long metric history is kept at full resolution, then as 1m points (to 7d) and 1h points (to 90d) where a level outlasts the finer one and is not finer than the scrape interval',
    applies: 'restart',
  },
  'monitoring.inhibition': {
    type: 'enum',
    default: 'on',
    choices: ['on', 'off'],
    description:
      'Whether a firing alert mutes less severe alerts with the same alertname and inhibition labels',
    applies: 'live',
  },
  'monitoring.inhibitionLabels': {
    type: 'labels',
    default: 'instance',
    description:
      'Labels that must be equal (besides alertname) for one alert to inhibit another, comma-separated',
    applies: 'live',
  },
  'health.diskWarnPercent': {
    type: 'integer',
    default: 90,
    min: 1,
    max: 100,
    description: 'Disk use (%) at which the disk check is degraded',
    applies: 'live',
  },
  'health.diskCritPercent': {
    type: 'integer',
    default: 95,
    min: 1,
    max: 100,
    description: 'Disk use (%) at which the disk check is unhealthy',
    applies: 'live',
  },
  'health.memoryWarnPercent': {
    type: 'integer',
    default: 90,
    min: 1,
    max: 100,
    description: 'Memory use (%) at which the memory check is degraded',
    applies: 'live',
  },
  'health.memoryCritPercent': {
    type: 'integer',
    default: 97,
    min: 1,
    max: 100,
    description: 'Memory use (%) at which the memory check is unhealthy',
    applies: 'live',
  },
  'health.eventLoopLagWarn': {
    type: 'duration',
    default: '100ms',
    minMs: 1,
    maxMs: 60_000,
    description: 'Event-loop lag (p99) at which the daemon is degraded',
    applies: 'live',
  },
  'health.eventLoopLagCrit': {
    type: 'duration',
    default: '1s',
    minMs: 1,
    maxMs: 60_000,
    description: 'Event-loop lag (p99) at which the daemon is unhealthy',
    applies: 'live',
  },
  'log.level': {
    type: 'enum',
    default: 'info',
    choices: ['fatal', 'error', 'warn', 'info', 'debug', 'trace'],
    description: 'Daemon log level',
    applies: 'live',
  },
  'daemon.maxConnections': {
    type: 'integer',
    default: 128,
    min: 1,
    max: 10_000,
    description: 'Most socket connections served at once',
    applies: 'restart',
  },
  'daemon.maxFrameBytes': {
    type: 'integer',
    default: 1_048_576,
    min: 1024,
    max: 67_108_864,
    description: 'Largest request frame accepted on the socket, in bytes',
    applies: 'restart',
  },
  'security.bcryptCost': {
    type: 'integer',
    default: 12,
    min: 10,
    max: 16,
    description: 'bcrypt cost for new password hashes; older hashes are rehashed at the next login',
    applies: 'live',
  },
  'security.passwordMinLength': {
    type: 'integer',
    default: 15,
    min: 8,
    max: 64,
    description:
      'Shortest password accepted, in characters (NIST SP 800-63B rev. 4: 15 when the password is the only factor)',
    applies: 'live',
  },
  'security.passwordMinScore': {
    type: 'integer',
    default: 3,
    min: 0,
    max: 4,
    description: 'Lowest zxcvbn strength score (0-4) a new password must reach',
    applies: 'live',
  },
  'security.lockoutFailures': {
    type: 'integer',
    default: 5,
    min: 1,
    max: 1000,
    description: 'Failed logins after which an account is locked for a while',
    applies: 'live',
  },
  'security.lockoutWait': {
    type: 'duration',
    default: '1m',
    minMs: 1000,
    maxMs: 86_400_000,
    description: 'First lockout wait; it grows by this much at each further lockout',
    applies: 'live',
  },
  'security.lockoutMaxWait': {
    type: 'duration',
    default: '15m',
    minMs: 1000,
    maxMs: 30 * 86_400_000,
    description: 'Longest lockout wait',
    applies: 'live',
  },
  'security.lockoutReset': {
    type: 'duration',
    default: '12h',
    minMs: 60_000,
    maxMs: 90 * 86_400_000,
    description: 'Failures older than this are forgotten',
    applies: 'live',
  },
  'security.lockoutPermanent': {
    type: 'enum',
    default: 'off',
    choices: ['on', 'off'],
    description: 'Lock accounts permanently (until `security --unlock`) instead of for a while',
    applies: 'live',
  },
  'security.banMaxRetry': {
    type: 'integer',
    default: 5,
    min: 1,
    max: 1000,
    description:
      'Failures (logins, threats, CSRF refusals) from one IP within banFindTime that ban it',
    applies: 'live',
  },
  'security.banFindTime': {
    type: 'duration',
    default: '10m',
    minMs: 1000,
    maxMs: 7 * 86_400_000,
    description: "Window in which an IP's failures are counted",
    applies: 'live',
  },
  'security.banTime': {
    type: 'duration',
    default: '10m',
    minMs: 1000,
    maxMs: 365 * 86_400_000,
    description: 'First ban length; repeat offenders are banned longer',
    applies: 'live',
  },
  'security.banMaxTime': {
    type: 'duration',
    default: '7d',
    minMs: 1000,
    maxMs: 365 * 86_400_000,
    description: 'Longest automatic ban',
    applies: 'live',
  },
  'security.banIncrement': {
    type: 'enum',
    default: 'on',
    choices: ['on', 'off'],
    description:
      'Double the ban time for each earlier ban of the same IP (fail2ban bantime.increment)',
    applies: 'live',
  },
  'security.simulateLockout': {
    type: 'enum',
    default: 'off',
    choices: ['on', 'off'],
    description: 'Log lockout decisions without locking accounts',
    applies: 'live',
  },
  'security.simulateBans': {
    type: 'enum',
    default: 'off',
    choices: ['on', 'off'],
    description: 'Log automatic ban decisions without banning',
    applies: 'live',
  },
  'security.simulateThreats': {
    type: 'enum',
    default: 'off',
    choices: ['on', 'off'],
    description: 'Log threat verdicts without refusing requests',
    applies: 'live',
  },
  'security.tokenTtl': {
    type: 'duration',
    default: '15m',
    minMs: 60_000,
    maxMs: 86_400_000,
    description: 'Lifetime of access tokens',
    applies: 'live',
  },
  'security.tokenAlgorithm': {
    type: 'enum',
    default: 'ed25519',
    choices: ['ed25519', 'rsa-pss'],
    description: 'Signature algorithm of access tokens (EdDSA or PS256)',
    applies: 'live',
  },
  'security.sessionIdle': {
    type: 'duration',
    default: '30m',
    minMs: 60_000,
    maxMs: 30 * 86_400_000,
    description: 'A session unused this long ends',
    applies: 'restart',
  },
  'security.sessionAbsolute': {
    type: 'duration',
    default: '12h',
    minMs: 60_000,
    maxMs: 365 * 86_400_000,
    description: 'A session ends this long after login, however active',
    applies: 'restart',
  },
  'security.keyRotation': {
    type: 'duration',
    default: '90d',
    minMs: 86_400_000,
    maxMs: 3650 * 86_400_000,
    description: 'Age after which the posture check says keys are due for rotation',
    applies: 'live',
  },
  'http.enabled': {
    type: 'enum',
    default: 'on',
    choices: ['on', 'off'],
    description: 'Serve the web dashboard and HTTP API from the daemon',
    applies: 'live',
  },
  'http.host': {
    type: 'host',
    default: '127.0.0.1',
    description:
      'Address the web dashboard listens on; a non-loopback address needs TLS or http.allowInsecurePublic',
    applies: 'live',
  },
  'http.port': {
    type: 'integer',
    default: 8080,
    min: 0,
    max: 65_535,
    description:
      'Port of the web dashboard (0: any free port; CLICKUP_BRAIN_HTTP_PORT overrides it)',
    applies: 'live',
  },
  'http.tlsCert': {
    type: 'path',
    default: '',
    description:
      'PEM certificate file (absolute path); with http.tlsKey the dashboard serves HTTPS',
    applies: 'live',
  },
  'http.tlsKey': {
    type: 'path',
    default: '',
    description: 'PEM private key file (absolute path) for http.tlsCert',
    applies: 'live',
  },
  'http.allowInsecurePublic': {
    type: 'enum',
    default: 'off',
    choices: ['on', 'off'],
    description:
      'Allow plain HTTP on a non-loopback address (passwords cross the network readable; a warning is logged)',
    applies: 'live',
  },
  'http.statusPage': {
    type: 'enum',
    default: 'off',
    choices: ['on', 'off'],
    description: 'Serve the public status page (/status, /api/v1/status) without login',
    applies: 'live',
  },
  'http.metricsAllow': {
    type: 'addresses',
    default: '127.0.0.1,::1',
    description:
      'Addresses and networks that may scrape /metrics without a token, comma-separated (empty: token only)',
    applies: 'live',
  },
  'http.rateLimit': {
    type: 'integer',
    default: 20,
    min: 0,
    max: 100_000,
    description:
      'API requests per second per IP and per user (bursts of 5x allowed); 0 turns the limit off',
    applies: 'live',
  },
  'http.loginRateLimit': {
    type: 'integer',
    default: 5,
    min: 1,
    max: 10_000,
    description: 'Login attempts per minute per IP, on top of account lockout and IP bans',
    applies: 'live',
  },
  'secrets.backend': {
    type: 'enum',
    default: 'auto',
    choices: ['auto', 'keychain', 'file'],
    description: 'Where secrets are kept: the OS keychain (keytar), 0600 files, or auto-detect',
    applies: 'restart',
  },
} as const satisfies Record<string, KeySpec>;

export type ConfigKey = keyof typeof configKeys;

/** True when `key` is a known key. */
export function isConfigKey(key: string): key is ConfigKey {
  return Object.hasOwn(configKeys, key);
}

/**
 * The keys to suggest for an unknown one: those of its group when the group exists, else the
 * groups (the full list has grown too long for one message).
 */
function knownKeysHint(key: string): string {
  const all = Object.keys(configKeys);
  const group = key.split('.')[0] ?? '';
  const siblings = all.filter((k) => k.startsWith(`${group}.`));
  if (siblings.length > 0) return `known ${group} keys: ${siblings.join(', ')}`;
  const groups = [...new Set(all.map((k) => k.split('.')[0]))].map((g) => `${g}.*`);
  return `keys are grouped as ${groups.join(', ')} (see 'clickup-brain config list')`;
}

/** The spec of a key, or an error listing the known keys. */
export function specOf(key: string): KeySpec {
  if (!isConfigKey(key))
    throw new InvalidInputError(`unknown config key '${key}'; ${knownKeysHint(key)}`, 'key');
  return configKeys[key];
}

/**
 * Turns the text a user typed into the stored value, or says what range is allowed.
 *
 * @throws InvalidInputError naming the key and the allowed values.
 */
export function parseValue(key: string, text: string): Value {
  const spec = specOf(key);
  switch (spec.type) {
    case 'duration': {
      const ms = parseDuration(text);
      if (typeof ms === 'string') throw new InvalidInputError(`${key}: ${ms}`, 'value');
      if (ms < spec.minMs || ms > spec.maxMs) {
        throw new InvalidInputError(
          `${key} must be between ${formatDuration(spec.minMs)} and ${formatDuration(spec.maxMs)} (got ${text})`,
          'value',
        );
      }
      return text.trim();
    }
    case 'integer': {
      if (!/^-?\d+$/.test(text.trim()))
        throw new InvalidInputError(
          `${key} must be a whole number from ${spec.min} to ${spec.max} (got '${text}')`,
          'value',
        );
      const n = Number(text);
      if (n < spec.min || n > spec.max)
        throw new InvalidInputError(
          `${key} must be from ${spec.min} to ${spec.max} (got ${n})`,
          'value',
        );
      return n;
    }
    case 'enum':
      if (!spec.choices.includes(text))
        throw new InvalidInputError(
          `${key} must be one of ${spec.choices.join(', ')} (got '${text}')`,
          'value',
        );
      return text;
    case 'labels': {
      const names = text
        .split(',')
        .map((n) => n.trim())
        .filter((n) => n !== '');
      const bad = names.find((n) => !/^[a-zA-Z_][a-zA-Z0-9_]*$/.test(n));
      if (bad !== undefined)
        throw new InvalidInputError(
          `${key}: '${bad}' is not a label name (letters, digits and _, not starting with a digit)`,
          'value',
        );
      return names.join(',');
    }
    case 'host':
      return parseHost(key, text);
    case 'path': {
      const path = text.trim();
      if (path !== '' && !path.startsWith('/'))
        throw new InvalidInputError(
          `${key} must be an absolute file path (got '${text}')`,
          'value',
        );
      return path;
    }
    case 'addresses': {
      const entries = text
        .split(',')
        .map((n) => n.trim())
        .filter((n) => n !== '');
      return entries
        .map((entry) => {
          try {
            return parseTarget(entry, 'value').canonical;
          } catch (error) {
            throw new InvalidInputError(`${key}: ${(error as Error).message}`, 'value');
          }
        })
        .join(',');
    }
  }
}

const HOST_NAME =
  /^(?=.{1,253}$)[A-Za-z0-9]([A-Za-z0-9-]{0,61}[A-Za-z0-9])?(\.[A-Za-z0-9]([A-Za-z0-9-]{0,61}[A-Za-z0-9])?)*$/;

/** An IP address (canonical) or a DNS name; brackets around IPv6 are dropped. */
function parseHost(key: string, text: string): string {
  const host = text.trim().replace(/^\[(.*)\]$/, '$1');
  if (host === '0.0.0.0' || host === '::') return host;
  if (/^[\d.]+$/.test(host) || host.includes(':')) {
    try {
      return parseIp(host, 'value').canonical;
    } catch {
      throw new InvalidInputError(`${key}: '${text}' is not a valid IP address`, 'value');
    }
  }
  if (!HOST_NAME.test(host))
    throw new InvalidInputError(
      `${key} must be an IP address or a host name like 127.0.0.1, ::1 or dash.internal (got '${text}')`,
      'value',
    );
  return host.toLowerCase();
}

/** A JSON schema (for conf) that checks the file on load and on every write. */
export function jsonSchema(): Record<string, unknown> {
  const groups: Record<
    string,
    { type: 'object'; properties: Record<string, unknown>; additionalProperties: boolean }
  > = {};
  for (const [key, spec] of Object.entries(configKeys) as Array<[string, KeySpec]>) {
    const [group, name] = key.split('.') as [string, string];
    groups[group] ??= { type: 'object', properties: {}, additionalProperties: false };
    groups[group].properties[name] =
      spec.type === 'integer'
        ? { type: 'integer', minimum: spec.min, maximum: spec.max }
        : spec.type === 'enum'
          ? { type: 'string', enum: spec.choices }
          : spec.type === 'labels'
            ? { type: 'string', pattern: '^([a-zA-Z_][a-zA-Z0-9_]*(,[a-zA-Z_][a-zA-Z0-9_]*)*)?$' }
            : spec.type === 'duration'
              ? { type: 'string', pattern: '^(\\d+(ms|s|m|h|d|w))+$' }
              : spec.type === 'path'
                ? { type: 'string', pattern: '^(/.*)?$' }
                : { type: 'string', maxLength: 4096 };
  }
  return groups;
}
