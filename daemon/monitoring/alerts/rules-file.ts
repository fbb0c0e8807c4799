/**
 * @module Rules files in Prometheus's format, so existing rule files load unchanged:
 *
 * ```yaml
 * groups:
 *   - name: host
 *     rules:
 *       - alert: HighCPU
 *         expr: cpu_usage > 80
 *         for: 5m
 *         keep_firing_for: 2m
 *         labels: { severity: critical }
 *         annotations: { summary: "CPU is {{ $value }}%" }
 * ```
 *
 * `labels.severity` becomes the rule's severity (default warning). Recording rules (`record:`)
 * are refused with a message rather than silently skipped.
 */
import { parse } from 'yaml';
import { parseDuration } from '../../../src/protocol/duration.js';
import { InvalidInputError } from '../../../src/protocol/errors.js';
import type { RuleInput } from './rule-compiler.js';

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function stringMap(value: unknown, where: string): Record<string, string> {
  if (value === undefined) return {};
  if (!isObject(value)) throw new InvalidInputError(`${where} must be a map of strings`, 'rules');
  return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, String(v)]));
}

function duration(value: unknown, where: string): number {
  if (value === undefined) return 0;
  const ms = parseDuration(String(value));
  if (typeof ms === 'string') throw new InvalidInputError(`${where}: ${ms}`, 'rules');
  return ms;
}

/**
 * Parses a rules file's text.
 *
 * @throws InvalidInputError naming the group and rule at fault; nothing is returned partially.
 */
export function parseRulesFile(text: string): RuleInput[] {
  let doc: unknown;
  try {
    doc = parse(text);
  } catch (error) {
    throw new InvalidInputError(`the rules file is not valid YAML: ${(error as Error).message.split('\n')[0]}`, 'rules');
  }
  if (!isObject(doc) || !Array.isArray(doc['groups'])) throw new InvalidInputError("the rules file needs a top-level 'groups' list", 'rules');
  const rules: RuleInput[] = [];
  doc['groups'].forEach((group: unknown, g) => {
    if (!isObject(group) || !Array.isArray(group['rules'])) throw new InvalidInputError(`groups[${g}] needs a 'rules' list`, 'rules');
    const groupName = typeof group['name'] === 'string' ? group['name'] : `#${g}`;
    group['rules'].forEach((rule: unknown, r) => {
      const where = `group '${groupName}', rule ${r + 1}`;
      if (!isObject(rule)) throw new InvalidInputError(`${where} is not a map`, 'rules');
      if (rule['record'] !== undefined) throw new InvalidInputError(`${where}: recording rules are not supported; only alerting rules (alert:)`, 'rules');
      if (typeof rule['alert'] !== 'string' || typeof rule['expr'] !== 'string') throw new InvalidInputError(`${where} needs 'alert' and 'expr' strings`, 'rules');
      const labels = stringMap(rule['labels'], `${where}: labels`);
      const { severity, ...rest } = labels;
      rules.push({
        name: rule['alert'],
        expr: rule['expr'],
        severity: severity ?? 'warning',
        forMs: duration(rule['for'], `${where}: for`),
        keepFiringForMs: duration(rule['keep_firing_for'], `${where}: keep_firing_for`),
        labels: rest,
        annotations: stringMap(rule['annotations'], `${where}: annotations`),
        description: stringMap(rule['annotations'], where)['description'] ?? '',
      });
    });
  });
  // Prometheus files often give one alert several rules, one per severity (DiskFull at 80% warning,
  // at 95% critical). Rule names here are unique, so such rules are named <alert>_<severity> and
  // keep the shared alertname label, which severity inhibition compares.
  const count = new Map<string, number>();
  for (const rule of rules) count.set(rule.name, (count.get(rule.name) ?? 0) + 1);
  const seen = new Set<string>();
  for (const rule of rules) {
    if ((count.get(rule.name) ?? 0) > 1) {
      rule.labels = { ...rule.labels, alertname: rule.name };
      rule.name = `${rule.name}_${rule.severity ?? 'warning'}`;
    }
    if (seen.has(rule.name)) throw new InvalidInputError(`rule '${rule.name}' appears twice in the rules file (same alert and severity)`, 'rules');
    seen.add(rule.name);
  }
  return rules;
}
