/**
 * @module Turns a rule as given (CLI, API, rules file) into a validated record and a compiled
 * rule: the expression parsed, the annotation templates compiled, every name checked — so a bad
 * rule is refused when it is added, never when it fires.
 */
import { InvalidInputError } from '../../../src/protocol/errors.js';
import { parseExpression } from '../rules/parser.js';
import type { Expr } from '../rules/ast.js';
import type { RuleRecord } from '../../store/schema.js';
import { isSeverity, type Severity } from './severity.js';
import type { RuleShape } from './state-machine.js';
import { compileTemplate } from './template.js';

export interface RuleInput {
  name: string;
  expr: string;
  severity?: string;
  forMs?: number;
  keepFiringForMs?: number;
  labels?: Record<string, string>;
  annotations?: Record<string, string>;
  description?: string;
}

export interface CompiledRule extends RuleShape {
  record: RuleRecord;
  expr: Expr;
}

const ruleName = /^[a-zA-Z_][a-zA-Z0-9_]{0,127}$/;
const labelName = /^[a-zA-Z_][a-zA-Z0-9_]*$/;

function checkLabels(field: 'labels' | 'annotations', map: Record<string, string>): void {
  for (const key of Object.keys(map)) {
    if (!labelName.test(key) || key.startsWith('__')) throw new InvalidInputError(`${field}: '${key}' is not a valid name (letters, digits and _, not starting with a digit or __)`, field);
    if (field === 'labels' && key === 'severity') throw new InvalidInputError(`labels: 'severity' is set by the rule's severity`, field);
  }
}

/** Validates and compiles. @throws InvalidInputError naming the field. */
export function compileRule(input: RuleInput, now: number, previous?: RuleRecord): CompiledRule {
  if (!ruleName.test(input.name)) throw new InvalidInputError(`rule name '${input.name}' must be letters, digits and _ (up to 128), not starting with a digit`, 'name');
  const severity = input.severity ?? previous?.severity ?? 'warning';
  if (!isSeverity(severity)) throw new InvalidInputError(`severity '${severity}' must be one of info, warning, critical, emergency`, 'severity');
  const labels = input.labels ?? {};
  const annotations = input.annotations ?? {};
  checkLabels('labels', labels);
  checkLabels('annotations', annotations);
  let expr: Expr;
  try {
    expr = parseExpression(input.expr);
  } catch (error) {
    throw new InvalidInputError(`expr: ${(error as Error).message}`, 'expr');
  }
  if (expr.type !== 'vector') throw new InvalidInputError(`expr: an alert rule must give an instant vector, not a ${expr.type === 'matrix' ? 'range vector' : 'scalar'}`, 'expr');
  const templates = Object.fromEntries(Object.entries(annotations).map(([key, text]) => [key, compileTemplate(text, `annotations.${key}`)]));
  const iso = new Date(now).toISOString();
  const record: RuleRecord = {
    name: input.name,
    expr: input.expr,
    severity: severity as Severity,
    forMs: input.forMs ?? 0,
    keepFiringForMs: input.keepFiringForMs ?? 0,
    labels,
    annotations,
    description: input.description ?? '',
    createdAt: previous?.createdAt ?? iso,
    updatedAt: iso,
  };
  return { ...record, annotations: templates, record, expr };
}
