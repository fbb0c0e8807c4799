/**
 * @module Which values each option of this CLI takes, where Commander does not say it: the flags
 * that take a name of something the daemon holds (a rule, a check, a user...) and the fixed lists
 * that live in the daemon (check types, config keys...), which src/ may not import — the generator
 * script passes those in.
 */
import type { Hints, PlainSource, ValueSource } from './spec.js';

/** The fixed lists the daemon owns, given by scripts/completions.ts. */
export interface FixedLists {
  severities: readonly string[];
  metricTypes: readonly string[];
  checkTypes: readonly string[];
  channelTypes: readonly string[];
  roles: readonly string[];
  configKeys: readonly string[];
}

/** Durations offered where one is asked (any other is accepted as typed). */
export const DURATION_SUGGESTIONS = ['30s', '1m', '5m', '15m', '1h', '6h', '24h', '7d'] as const;

const dynamic = (kind: string): PlainSource => ({ type: 'dynamic', kind });
const choices = (values: readonly string[]): PlainSource => ({ type: 'choices', values });
const FILE: PlainSource = { type: 'file' };

/** The flags and arguments whose values are free text on purpose (nothing sensible to offer). */
const FREE_TEXT = [
  '|--socket',
  'monitoring|--push',
  'monitoring|--label',
  'monitoring|--comment',
  'monitoring|--add-rule',
  'monitoring|--expr',
  'monitoring|--annotation',
  'monitoring|--description',
  'monitoring|--add-check',
  'monitoring|--target',
  'monitoring|--expect-status',
  'monitoring|--expect-body',
  'monitoring|--threshold',
  'monitoring|--failure-threshold',
  'monitoring|--success-threshold',
  'monitoring|--silence',
  'monitoring|--maintenance',
  'monitoring|--timezone',
  'monitoring|--add-channel',
  'monitoring|--url',
  'monitoring|--option',
  'monitoring|--option-stdin',
  'monitoring|--subject',
  'monitoring|--body',
  'monitoring|--html',
  'monitoring|--add-route',
  'monitoring|--match',
  'monitoring|--group-by',
  'monitoring|--limit',
  'monitoring|--expect-body-regex',
  'monitoring|--expect-output',
  'monitoring|--header',
  'monitoring|--tls-min-days',
  'security|--scan',
  'security|--type',
  'security|--revoke-session',
  'security|--ip',
  'security|--limit',
  'security|--blacklist',
  'security|--reason',
  'security|--allowlist',
  'security|--aad',
  'security|--put-secret',
  'daemon logs|--lines',
  'config set|<value>',
];

/**
 * The hints for this CLI's tree.
 *
 * @param lists - the daemon's fixed lists (see {@link FixedLists}).
 */
export function completionHints(lists: FixedLists): Hints {
  const user = [dynamic('user')];
  const typeByMode: ValueSource = {
    type: 'when',
    cases: [
      { flag: '--add-check', source: choices(lists.checkTypes) },
      { flag: '--add-channel', source: choices(lists.channelTypes) },
      { flag: '--push', source: choices(lists.metricTypes) },
    ],
    otherwise: choices([
      ...new Set([...lists.checkTypes, ...lists.channelTypes, ...lists.metricTypes]),
    ]),
  };
  const configKey = { key: choices(lists.configKeys) };
  return {
    options: {
      '': { '--socket': [FILE] },
      monitoring: {
        '--type': [typeByMode],
        '--metrics': [dynamic('metric')],
        '--forecast': [dynamic('metric')],
        '--ack': [dynamic('alert')],
        '--remove-rule': [dynamic('rule')],
        '--explain': [dynamic('rule')],
        '--rule': [dynamic('rule')],
        '--load-rules': [FILE],
        '--load-checks': [FILE],
        '--remove-check': [dynamic('check')],
        '--heartbeat': [dynamic('heartbeat')],
        '--unsilence': [dynamic('silence')],
        '--remove-maintenance': [dynamic('maintenance')],
        '--remove-channel': [dynamic('channel')],
        '--test-channel': [dynamic('channel')],
        '--channel': [dynamic('channel')],
        '--remove-route': [dynamic('route')],
        '--min-severity': [choices(lists.severities)],
        '--method': [choices(['GET', 'HEAD'])],
        // A duration back from now, or a time typed out.
        '--since': [choices(DURATION_SUGGESTIONS)],
      },
      security: {
        '--create-user': [{ type: 'text' }, { type: 'text' }],
        '--role': [choices(lists.roles)],
        '--delete-user': user,
        '--disable-user': user,
        '--enable-user': user,
        '--set-roles': user,
        '--passwd': user,
        '--unlock': user,
        '--login': user,
        '--user': user,
        '--permissions': user,
        '--grant': [dynamic('user'), dynamic('permission')],
        '--revoke': [dynamic('user'), dynamic('permission')],
        '--import-htpasswd': [FILE],
        '--unblacklist': [dynamic('blacklist')],
        '--unallowlist': [dynamic('allowlist')],
        '--sign': [FILE],
        '--verify': [FILE, FILE],
        '--algorithm': [choices(['rsa-pss', 'ed25519'])],
        '--get-secret': [dynamic('secret')],
        '--delete-secret': [dynamic('secret')],
      },
    },
    args: {
      'config get': configKey,
      'config set': configKey,
      'config unset': configKey,
    },
    placeholders: { duration: choices(DURATION_SUGGESTIONS) },
    freeText: new Set(FREE_TEXT),
  };
}
