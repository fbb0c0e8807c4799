/**
 * @module `monitoring --rules`, `--add-rule`, `--remove-rule` and `--explain`.
 */
import { readFile } from 'node:fs/promises';
import { Option, type Command } from 'commander';
import { InvalidInputError } from '../../../protocol/errors.js';
import { formatDuration } from '../../../protocol/duration.js';
import type { ResultOf } from '../../../protocol/methods.js';
import type { RuleInfo } from '../../../protocol/schemas.js';
import type { CliContext } from '../../context.js';
import type { Colors } from '../../output.js';
import { durationOption, textOption } from '../../parsers.js';
import { formatNumber, labelsCell, shortIso } from '../../render/values.js';
import { renderPairs, renderTable } from '../../table.js';
import { labelPair } from '../../value-parsers.js';
import { severityColor } from './alerts.js';
import type { MonitoringOptions } from './modes.js';

const SEVERITIES = ['info', 'warning', 'critical', 'emergency'] as const;

/** Registers --rules, --add-rule and its options, --remove-rule and --explain. */
export function addRulesOptions(command: Command): Command {
  return command
    .option('--rules', 'the alert rules: severity, for, alerts pending and firing, expression, last error')
    .option('--add-rule <name>', 'add an alert rule, or update the rule of that name (needs --expr)')
    .option('--expr <expression>', 'with --add-rule: the condition, like cpu_usage > 90 (each series it returns is an alert)')
    .addOption(new Option('--severity <level>', 'with --add-rule: default warning').choices(SEVERITIES))
    .option('--keep-firing-for <duration>', 'with --add-rule: keep firing this long after the condition clears', durationOption)
    .option('--annotation <k=v>', 'with --add-rule: an annotation, like summary=... (repeatable; values may use {{ $labels.x }} and {{ $value }})', labelPair)
    .option('--description <text>', 'with --add-rule: what the rule watches and what to do', textOption(2000))
    .option('--load-rules <file>', 'add or update the alerting rules of a Prometheus rules file (YAML groups/rules/alert/expr/for/labels/annotations; all or none)')
    .option('--remove-rule <name>', 'remove an alert rule (its alerts resolve)')
    .option('--explain <rule>', 'evaluate a rule now: each label set with its value, state and why');
}

function ruleState(rule: RuleInfo, c: Colors): string {
  const parts: string[] = [];
  if (rule.firing > 0) parts.push(c.red(`${rule.firing} firing`));
  if (rule.pending > 0) parts.push(c.yellow(`${rule.pending} pending`));
  if (parts.length > 0) return parts.join(', ');
  if (rule.lastError !== null) return c.red('error');
  return rule.lastEvaluatedAt === null ? c.dim('not evaluated') : c.green('ok');
}

function shorten(text: string, max: number): string {
  const line = text.replace(/\s+/g, ' ');
  return line.length <= max ? line : `${line.slice(0, max - 1)}…`;
}

export function renderRules(rules: readonly RuleInfo[], c: Colors): string {
  if (rules.length === 0) return 'No alert rules. Add one with: clickup-brain monitoring --add-rule <name> --expr <expression>';
  const rows = rules.map((r) => [
    r.name,
    severityColor(r.severity, r.severity, c),
    formatDuration(r.forMs),
    ruleState(r, c),
    shorten(r.expr, 60),
    r.lastError === null ? '-' : c.red(shorten(r.lastError, 80)),
  ]);
  return renderTable(['NAME', 'SEVERITY', 'FOR', 'STATE', 'EXPR', 'LAST ERROR'], rows);
}

/** The rule, then each label set the expression returned, or the error. */
export function renderExplain(result: ResultOf<'monitoring.rules.explain'>, c: Colors): string {
  const { rule } = result;
  const pairs: Array<[string, string]> = [
    ['rule', rule.name],
    ['expr', rule.expr],
    ['severity', severityColor(rule.severity, rule.severity, c)],
    ['for', formatDuration(rule.forMs)],
    ['keep firing for', formatDuration(rule.keepFiringForMs)],
    ['state', ruleState(rule, c)],
    ['evaluated', shortIso(result.evaluatedAt)],
  ];
  if (rule.description !== '') pairs.push(['description', rule.description]);
  const summary = renderPairs(pairs);
  if (result.error !== null) return `${summary}\n\n${c.red(`Evaluation failed: ${result.error}`)}`;
  if (result.rows.length === 0) return `${summary}\n\nThe expression returns no series, so the rule has no alerts.`;
  const paint = (state: string): string => (state === 'firing' ? c.red(state) : state === 'pending' ? c.yellow(state) : c.dim(state));
  const rows = result.rows.map((r) => [labelsCell(r.labels), r.value === null ? '-' : formatNumber(r.value), paint(r.state), r.reason]);
  return `${summary}\n\n${renderTable(['LABELS', 'VALUE', 'STATE', 'REASON'], rows)}`;
}

/** `--rules`. */
export async function runRules(ctx: CliContext): Promise<void> {
  const result = await (await ctx.client()).request('monitoring.rules.list', {});
  ctx.out.data(result, () => renderRules(result.rules, ctx.out.color));
}

/** `--add-rule <name> --expr <expression> ...`. */
export async function runAddRule(ctx: CliContext, o: MonitoringOptions): Promise<void> {
  const params = {
    name: o.addRule as string,
    expr: o.expr as string,
    ...(o.severity === undefined ? {} : { severity: o.severity as (typeof SEVERITIES)[number] }),
    ...(o.for === undefined ? {} : { forMs: o.for }),
    ...(o.keepFiringFor === undefined ? {} : { keepFiringForMs: o.keepFiringFor }),
    ...(o.label === undefined ? {} : { labels: o.label }),
    ...(o.annotation === undefined ? {} : { annotations: o.annotation }),
    ...(o.description === undefined ? {} : { description: o.description }),
  };
  const result = await (await ctx.client()).request('monitoring.rules.add', params);
  ctx.out.data(result, () => `${result.created ? 'Added' : 'Updated'} rule ${result.rule.name}`);
}

/** `--remove-rule <name>`. */
export async function runRemoveRule(ctx: CliContext, o: MonitoringOptions): Promise<void> {
  const result = await (await ctx.client()).request('monitoring.rules.remove', { name: o.removeRule as string });
  ctx.out.data(result, () => `Removed rule ${result.rule.name}`);
}

/** `--explain <rule>`. */
export async function runExplain(ctx: CliContext, o: MonitoringOptions): Promise<void> {
  const result = await (await ctx.client()).request('monitoring.rules.explain', { name: o.explain as string });
  ctx.out.data(result, () => renderExplain(result, ctx.out.color));
}

/** Reads a file the user named, with a message that says which and why when it cannot. */
export async function readUserFile(file: string, what: string): Promise<string> {
  try {
    return await readFile(file, 'utf8');
  } catch (error) {
    throw new InvalidInputError(`cannot read the ${what} ${file}: ${(error as NodeJS.ErrnoException).code ?? (error as Error).message}`, 'file');
  }
}

/** Sends a rules file's text; the daemon parses and validates it as a whole. */
export async function runLoadRules(ctx: CliContext, options: MonitoringOptions): Promise<void> {
  const file = options.loadRules as string;
  const text = await readUserFile(file, 'rules file');
  const result = await (await ctx.client()).request('monitoring.rules.load', { text });
  ctx.out.data(result, () => `Loaded ${file}: ${result.added} rule(s) added, ${result.updated} updated`);
}
