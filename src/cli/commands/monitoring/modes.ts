/**
 * @module The modes of `clickup-brain monitoring` and the options each takes: one mode flag per
 * call, and an option given to a mode it does not belong to is refused, naming both.
 */
import { InvalidInputError } from '../../../protocol/errors.js';
import { bareFlag, orList, pickMode as pickOneMode, type ModeSpec } from '../../mode-picker.js';
import type { Since } from '../../parsers.js';
import type { PushSample } from '../../value-parsers.js';

/** Everything commander parses for `monitoring` (absent options are undefined). */
export interface MonitoringOptions {
  // Modes.
  health?: true;
  dashboard?: true;
  web?: true;
  metrics?: string | true;
  push?: PushSample[];
  alerts?: true;
  ack?: string;
  rules?: true;
  addRule?: string;
  loadRules?: string;
  removeRule?: string;
  explain?: string;
  checks?: true;
  addCheck?: string;
  loadChecks?: string;
  removeCheck?: string;
  heartbeat?: string;
  silence?: string[];
  silences?: true;
  unsilence?: string;
  maintenance?: string;
  maintenances?: true;
  removeMaintenance?: string;
  forecast?: string;
  channels?: true;
  addChannel?: string;
  removeChannel?: string;
  testChannel?: string;
  routes?: true;
  addRoute?: string;
  removeRoute?: string;
  notifications?: true;
  // Options of one or more modes.
  /** `--no-open` makes it false; commander's default true counts as not given. */
  open?: boolean;
  range?: number;
  prometheus?: true;
  type?: string;
  label?: Record<string, string>;
  all?: true;
  comment?: string;
  for?: number;
  expr?: string;
  severity?: string;
  keepFiringFor?: number;
  annotation?: Record<string, string>;
  description?: string;
  target?: string;
  interval?: number;
  timeout?: number;
  expectStatus?: number[];
  expectBody?: string;
  expectBodyRegex?: string;
  expectOutput?: string;
  method?: 'GET' | 'HEAD';
  header?: Record<string, string>;
  maxLatency?: number;
  tlsMinDays?: number;
  insecure?: true;
  grace?: number;
  threshold?: number;
  failureThreshold?: number;
  successThreshold?: number;
  public?: boolean;
  rule?: string;
  timezone?: string;
  url?: string;
  option?: Record<string, unknown>;
  optionStdin?: string;
  minSeverity?: string;
  sendResolved?: true;
  subject?: string;
  body?: string;
  html?: string;
  channel?: string[];
  match?: string[];
  continue?: true;
  groupBy?: string[];
  groupWait?: number;
  groupInterval?: number;
  repeatInterval?: number;
  since?: Since;
  limit?: number;
}

/** The flag of each option that belongs to some modes. */
const OPTION_FLAGS = {
  open: '--no-open',
  range: '--range <duration>',
  prometheus: '--prometheus',
  type: '--type <type>',
  label: '--label <k=v>',
  all: '--all',
  comment: '--comment <text>',
  for: '--for <duration>',
  expr: '--expr <expression>',
  severity: '--severity <level>',
  keepFiringFor: '--keep-firing-for <duration>',
  annotation: '--annotation <k=v>',
  description: '--description <text>',
  target: '--target <target>',
  interval: '--interval <duration>',
  timeout: '--timeout <duration>',
  expectStatus: '--expect-status <code>',
  expectBody: '--expect-body <text>',
  expectBodyRegex: '--expect-body-regex <re>',
  expectOutput: '--expect-output <text>',
  method: '--method <method>',
  header: '--header <name:value>',
  maxLatency: '--max-latency <duration>',
  tlsMinDays: '--tls-min-days <n>',
  insecure: '--insecure',
  grace: '--grace <duration>',
  threshold: '--threshold <value>',
  failureThreshold: '--failure-threshold <n>',
  successThreshold: '--success-threshold <n>',
  public: '--public',
  rule: '--rule <name>',
  timezone: '--timezone <zone>',
  url: '--url <url>',
  option: '--option <key=value>',
  optionStdin: '--option-stdin <key>',
  minSeverity: '--min-severity <level>',
  sendResolved: '--send-resolved',
  subject: '--subject <template>',
  body: '--body <template>',
  html: '--html <template>',
  channel: '--channel <name>',
  match: '--match <matcher>',
  continue: '--continue',
  groupBy: '--group-by <labels>',
  groupWait: '--group-wait <duration>',
  groupInterval: '--group-interval <duration>',
  repeatInterval: '--repeat-interval <duration>',
  since: '--since <duration|time>',
  limit: '--limit <n>',
} as const;
type OptionKey = keyof typeof OPTION_FLAGS;

/** The modes, in the order of the help; `options` lists what each accepts besides its flag. */
export const MODES = {
  health: { flag: '--health' },
  dashboard: { flag: '--dashboard' },
  web: { flag: '--web', options: ['open'] },
  metrics: { flag: '--metrics', options: ['range', 'prometheus'] },
  push: { flag: '--push', options: ['type', 'label'] },
  alerts: { flag: '--alerts', options: ['all', 'rule', 'since', 'limit'] },
  ack: { flag: '--ack', options: ['comment', 'for'], required: ['comment'] },
  rules: { flag: '--rules' },
  addRule: {
    flag: '--add-rule',
    options: ['expr', 'severity', 'for', 'keepFiringFor', 'label', 'annotation', 'description'],
    required: ['expr'],
  },
  loadRules: { flag: '--load-rules' },
  removeRule: { flag: '--remove-rule' },
  explain: { flag: '--explain' },
  checks: { flag: '--checks' },
  addCheck: {
    flag: '--add-check',
    options: [
      'type', 'target', 'interval', 'timeout', 'method', 'header', 'expectStatus', 'expectBody', 'expectBodyRegex', 'expectOutput',
      'maxLatency', 'tlsMinDays', 'insecure', 'threshold', 'grace', 'failureThreshold', 'successThreshold', 'public',
    ],
    required: ['type'],
  },
  loadChecks: { flag: '--load-checks' },
  removeCheck: { flag: '--remove-check' },
  heartbeat: { flag: '--heartbeat' },
  silence: { flag: '--silence', options: ['for', 'comment'], required: ['for', 'comment'] },
  silences: { flag: '--silences' },
  unsilence: { flag: '--unsilence' },
  maintenance: { flag: '--maintenance', options: ['for', 'comment', 'rule', 'timezone'], required: ['for', 'comment'] },
  maintenances: { flag: '--maintenances' },
  removeMaintenance: { flag: '--remove-maintenance' },
  forecast: { flag: '--forecast', options: ['threshold', 'range'] },
  channels: { flag: '--channels' },
  addChannel: {
    flag: '--add-channel',
    options: ['type', 'url', 'option', 'optionStdin', 'minSeverity', 'sendResolved', 'subject', 'body', 'html'],
    required: ['type'],
  },
  removeChannel: { flag: '--remove-channel' },
  testChannel: { flag: '--test-channel' },
  routes: { flag: '--routes' },
  addRoute: {
    flag: '--add-route',
    options: ['channel', 'match', 'minSeverity', 'continue', 'groupBy', 'groupWait', 'groupInterval', 'repeatInterval'],
    required: ['channel'],
  },
  removeRoute: { flag: '--remove-route' },
  notifications: { flag: '--notifications', options: ['since', 'channel', 'limit'] },
} as const satisfies Record<string, ModeSpec<OptionKey>>;
export type Mode = keyof typeof MODES;

/** The flag of an option without its argument: `--for`. */
export function flagOf(option: OptionKey): string {
  return bareFlag(OPTION_FLAGS[option]);
}

export { orList };

/** Checks the combinations that depend on the value of `--metrics`. */
function checkMetrics(options: MonitoringOptions): void {
  const named = typeof options.metrics === 'string';
  if (options.prometheus !== undefined && named) {
    throw new InvalidInputError('--prometheus prints every metric and takes no metric name: clickup-brain monitoring --metrics --prometheus');
  }
  if (options.prometheus !== undefined && options.range !== undefined) throw new InvalidInputError('--prometheus and --range cannot be used together');
  if (options.range !== undefined && !named) {
    throw new InvalidInputError('--range needs a metric name: clickup-brain monitoring --metrics <name> --range <duration>');
  }
}

/**
 * The one mode `options` ask for.
 *
 * @throws InvalidInputError when no mode or several are given, when an option does not belong to
 * the mode, or when the mode misses an option it needs.
 */
export function pickMode(options: MonitoringOptions): Mode {
  // commander sets `open` to true unless --no-open is given; only the flag itself is an option.
  const given = { ...options, open: options.open === false ? false : undefined };
  const mode = pickOneMode<Mode, OptionKey>('monitoring', MODES, OPTION_FLAGS, given, 'a mode such as --health, --metrics, --alerts, --rules, --checks or --channels');
  if (mode === 'metrics') checkMetrics(options);
  return mode;
}

/** Throws unless `ms`, given with `flag`, is at least `min` (written `text`). */
export function atLeast(ms: number | undefined, min: number, flag: string, text: string): void {
  if (ms !== undefined && ms < min) throw new InvalidInputError(`${flag} must be at least ${text}`);
}
