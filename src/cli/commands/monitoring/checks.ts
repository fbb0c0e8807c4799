/**
 * @module `monitoring --checks`, `--add-check`, `--remove-check` and `--heartbeat`.
 *
 * `--add-check` turns its flags into the definition the daemon validates (the field names of
 * daemon/monitoring/checks/definition.ts); a flag that does not apply to the type is refused here,
 * by its flag name, before anything is sent.
 */
import type { Command } from 'commander';
import { formatDuration } from '../../../protocol/duration.js';
import { InvalidInputError } from '../../../protocol/errors.js';
import type { CheckInfo } from '../../../protocol/schemas.js';
import type { CliContext } from '../../context.js';
import { relative } from '../../format.js';
import type { Colors } from '../../output.js';
import { durationOption, positiveInteger, textOption } from '../../parsers.js';
import { sparkline } from '../../render/sparkline.js';
import { formatNumber } from '../../render/values.js';
import { renderTable } from '../../table.js';
import { codeList, finiteNumber } from '../../value-parsers.js';
import { graceDuration, headerPair, httpMethod, regexOption, tlsDays } from './check-flags.js';
import { flagOf, orList, type MonitoringOptions } from './modes.js';
import { readUserFile } from './rules.js';

const CHECK_TYPES = ['http', 'tcp', 'command', 'disk', 'memory', 'process', 'heartbeat'] as const;
type CheckType = (typeof CHECK_TYPES)[number];
const TYPE_OPTION_KEYS = ['target', 'method', 'header', 'expectStatus', 'expectBody', 'expectBodyRegex', 'expectOutput', 'maxLatency', 'tlsMinDays', 'insecure', 'threshold', 'grace'] as const;
type TypeOption = (typeof TYPE_OPTION_KEYS)[number];

/** The type-specific flags each type takes (the schedule flags apply to every type). */
const TYPE_OPTIONS: Readonly<Record<CheckType, readonly TypeOption[]>> = {
  http: ['target', 'method', 'header', 'expectStatus', 'expectBody', 'expectBodyRegex', 'maxLatency', 'tlsMinDays', 'insecure'],
  tcp: ['target'],
  command: ['target', 'expectStatus', 'expectBody', 'expectOutput'],
  disk: ['target', 'threshold'],
  memory: ['threshold'],
  process: ['target'],
  heartbeat: ['grace'],
};

/** Registers --checks, --add-check and its options, --load-checks, --remove-check and --heartbeat. */
export function addChecksOptions(command: Command): Command {
  return command
    .option('--checks', 'the health checks: state, latency, last run, uptime over 24h, recent latencies')
    .option('--add-check <name>', 'add a health check (needs --type)')
    .option('--target <target>', 'with --add-check: url (http), host:port (tcp), command line (command), path (disk), pid file or name:<process> (process)', textOption(4096))
    .option('--interval <duration>', 'with --add-check: how often it runs (default 30s)', durationOption)
    .option('--timeout <duration>', 'with --add-check: give up after this long (default 10s, below the interval)', durationOption)
    .option('--expect-status <code>', 'with --add-check: accepted HTTP status codes, like 200 or 200,204 (default 200-399); for command checks, the exit code (default 0)', codeList)
    .option('--expect-body <text>', 'with --add-check: text the HTTP body (or the command output) must contain', textOption(1024))
    .option('--expect-body-regex <re>', 'with --add-check --type http: a regular expression the body (first 1 MiB) must match, like "status":\\s*"ok"', regexOption)
    .option('--expect-output <text>', 'with --add-check --type command: text stdout or stderr must contain', textOption(1024))
    .option('--method <method>', 'with --add-check --type http: GET (default) or HEAD', httpMethod)
    .option('--header <name:value>', "with --add-check --type http: a request header, like 'Authorization: Bearer …' (repeatable)", headerPair)
    .option('--max-latency <duration>', 'with --add-check --type http: slower responses fail the check', durationOption)
    .option('--tls-min-days <n>', 'with --add-check --type http: warn when the https certificate expires in fewer days (default 14; 0 never warns)', tlsDays)
    .option('--insecure', 'with --add-check --type http: accept an https certificate that does not verify (self-signed); expiry is still checked')
    .option('--grace <duration>', 'with --add-check --type heartbeat: how long after the interval a missing beat is tolerated, up to 1d (default a tenth of the interval; 0s for none)', graceDuration)
    .option('--threshold <value>', 'with --add-check --type disk|memory: fail above this percentage used (default 90); with --forecast: the value to forecast crossing', finiteNumber)
    .option('--failure-threshold <n>', 'with --add-check: failures in a row before the check goes down (default 3)', positiveInteger)
    .option('--success-threshold <n>', 'with --add-check: successes in a row before it comes back up (default 1)', positiveInteger)
    .option('--public', 'with --add-check: list it on the public status page (name, state, uptime)')
    .option('--load-checks <file>', 'add or update the checks of a YAML or JSON file: checks: [{name, type, target, intervalMs: 30s, ...}] (all or none)')
    .option('--remove-check <name>', 'remove a health check')
    .option('--heartbeat <check>', 'record a beat for a heartbeat check (run it from the job the check watches)');
}

function checkType(text: string): CheckType {
  if ((CHECK_TYPES as readonly string[]).includes(text)) return text as CheckType;
  throw new InvalidInputError(`--type for --add-check must be ${orList(CHECK_TYPES)}, got '${text}'`);
}

function expectedCodes(type: CheckType, codes: number[]): Record<string, unknown> {
  if (type === 'command') {
    const [code] = codes;
    if (codes.length !== 1 || code === undefined || code > 255) throw new InvalidInputError(`--expect-status for command checks is one exit code from 0 to 255, got '${codes.join(',')}'`);
    return { expectExitCode: code };
  }
  const bad = codes.find((code) => code < 100 || code > 599);
  if (bad !== undefined) throw new InvalidInputError(`--expect-status for http checks takes status codes from 100 to 599, got ${bad}`);
  return { expectStatus: codes };
}

/** The definition `--add-check` sends, from its flags. */
/** Refuses flags that exclude each other, naming them. */
function checkCombinations(o: MonitoringOptions): void {
  const pairs = [
    ['expectBody', 'expectBodyRegex'],
    ['expectBody', 'expectOutput'],
  ] as const;
  for (const [a, b] of pairs) {
    if (o[a] !== undefined && o[b] !== undefined) throw new InvalidInputError(`give ${flagOf(a)} or ${flagOf(b)}, not both`);
  }
  if (o.method === 'HEAD') {
    const body = (['expectBody', 'expectBodyRegex'] as const).find((k) => o[k] !== undefined);
    if (body !== undefined) throw new InvalidInputError(`--method HEAD gets no body for ${flagOf(body)} to match; leave out --method (GET)`);
  }
}

/** The definition `--add-check` sends, from its flags. */
export function checkDefinition(o: MonitoringOptions): Record<string, unknown> {
  const type = checkType(o.type as string);
  for (const option of TYPE_OPTION_KEYS) {
    if (o[option] === undefined || TYPE_OPTIONS[type].includes(option)) continue;
    const owners = CHECK_TYPES.filter((t) => TYPE_OPTIONS[t].includes(option));
    throw new InvalidInputError(`${flagOf(option)} does not apply to ${type} checks; it goes with ${orList(owners)} checks`);
  }
  checkCombinations(o);
  const set = <T>(field: string, value: T | undefined): Record<string, T> => (value === undefined ? {} : { [field]: value });
  return {
    name: o.addCheck,
    type,
    ...set('target', o.target),
    ...set('intervalMs', o.interval),
    ...set('timeoutMs', o.timeout),
    ...set('failureThreshold', o.failureThreshold),
    ...set('successThreshold', o.successThreshold),
    ...(o.public === true ? { public: true } : {}),
    ...set('method', o.method),
    ...set('headers', o.header),
    ...(o.expectStatus === undefined ? {} : expectedCodes(type, o.expectStatus)),
    ...set(type === 'command' ? 'expectOutput' : 'expectBody', o.expectBody ?? o.expectOutput),
    ...set('expectBodyRegex', o.expectBodyRegex),
    ...set('maxLatencyMs', o.maxLatency),
    ...set('tlsMinDaysLeft', o.tlsMinDays),
    ...(o.insecure === true ? { insecure: true } : {}),
    ...set('thresholdPercent', o.threshold),
    ...set('graceMs', o.grace),
  };
}

function stateText(state: CheckInfo['state'], c: Colors): string {
  return state === 'up' ? c.green(state) : state === 'down' ? c.red(state) : c.dim(state);
}

export function renderChecks(checks: readonly CheckInfo[], now: number, c: Colors): string {
  if (checks.length === 0) return 'No health checks. Add one with: clickup-brain monitoring --add-check <name> --type <type> --target <target>';
  const rows = checks.map((k) => [
    k.name,
    k.type,
    k.target ?? '-',
    stateText(k.state, c),
    k.latencyMs === null ? '-' : `${k.latencyMs.toFixed(1)} ms`,
    k.lastRun === null ? 'never' : relative(k.lastRun, now),
    k.uptime24h === null ? '-' : `${formatNumber(Math.round(k.uptime24h * 1000) / 10)}%`,
    sparkline(k.recentLatencyMs),
    k.detail === '' ? '-' : k.detail,
  ]);
  return renderTable(['NAME', 'TYPE', 'TARGET', 'STATE', 'LATENCY', 'LAST RUN', 'UPTIME 24H', 'RECENT', 'DETAIL'], rows);
}

/** `--checks`. */
export async function runChecks(ctx: CliContext): Promise<void> {
  const result = await (await ctx.client()).request('monitoring.checks.list', {});
  ctx.out.data(result, () => renderChecks(result.checks, ctx.deps.now(), ctx.out.color));
}

/** `--add-check <name> --type <type> ...`. */
export async function runAddCheck(ctx: CliContext, o: MonitoringOptions): Promise<void> {
  const definition = checkDefinition(o);
  const result = await (await ctx.client()).request('monitoring.checks.add', { definition });
  const { check } = result;
  ctx.out.data(result, () => `Saved ${check.type} check ${check.name}${check.target === null ? '' : ` (${check.target})`}, every ${formatDuration(check.intervalMs)}`);
}

/** `--remove-check <name>`. */
export async function runRemoveCheck(ctx: CliContext, o: MonitoringOptions): Promise<void> {
  const result = await (await ctx.client()).request('monitoring.checks.remove', { name: o.removeCheck as string });
  ctx.out.data(result, () => `Removed check ${result.check.name}`);
}

/** `--heartbeat <check>`. */
export async function runHeartbeat(ctx: CliContext, o: MonitoringOptions): Promise<void> {
  const result = await (await ctx.client()).request('monitoring.heartbeat', { name: o.heartbeat as string });
  const { check } = result;
  ctx.out.data(result, () => `Beat recorded for ${check.name} (${stateText(check.state, ctx.out.color)}); the next is due within ${formatDuration(check.intervalMs)}`);
}

/** `--load-checks <file>`: the daemon validates the whole file before adding any check. */
export async function runLoadChecks(ctx: CliContext, options: MonitoringOptions): Promise<void> {
  const file = options.loadChecks as string;
  const text = await readUserFile(file, 'checks file');
  const result = await (await ctx.client()).request('monitoring.checks.load', { text });
  ctx.out.data(result, () => `Loaded ${file}: ${result.added} check(s) added, ${result.updated} updated`);
}
