/**
 * @module Alert rules and their alerts: rules are kept in the store; each evaluation runs every
 * rule's expression over the metric history and advances its alerts through the state machine.
 *
 * Alert state is written to the store whenever an alert changes state, so it survives a restart;
 * the transitions also go to a bounded history and out as `transition` events.
 */
import { EventEmitter } from 'node:events';
import { InvalidInputError, NotFoundError } from '../../../src/protocol/errors.js';
import type { AlertTransition, RuleInfo } from '../../../src/protocol/schemas.js';
import type { Clock } from '../../clock.js';
import type { AuditLog } from '../../security/audit-log.js';
import type { Store } from '../../store/store.js';
import { evaluate } from '../rules/evaluator.js';
import type { SeriesSource } from '../types.js';
import { compileRule, type CompiledRule, type RuleInput } from './rule-compiler.js';
import { stepRule, type ActiveSample, type AlertInstance, type Transition } from './state-machine.js';

/** Transitions kept in the store's alert history. */
export const ALERT_HISTORY_LIMIT = 1000;

export interface AlertEngineOptions {
  store: Store;
  source: SeriesSource;
  clock: Clock;
  audit: AuditLog;
  /** Receives rules that were stored but no longer compile (a newer build changed the language). */
  onBadRule?: (name: string, error: Error) => void;
}

/** Events: `transition` ({@link AlertTransition}). */
export class AlertEngine extends EventEmitter {
  private readonly compiled = new Map<string, CompiledRule>();
  /** rule → alert id → alert */
  readonly live = new Map<string, Map<string, AlertInstance>>();
  readonly lastEvaluation = new Map<string, { at: number; error: string | null }>();

  constructor(private readonly options: AlertEngineOptions) {
    super();
    for (const record of options.store.data.rules) {
      try {
        // Compiled at its own updatedAt and holding the stored record itself, so a restart
        // changes neither the rule's times nor which store entry it is.
        const compiled = compileRule({ ...record }, Date.parse(record.updatedAt), record);
        this.compiled.set(record.name, { ...compiled, record });
      } catch (error) {
        options.onBadRule?.(record.name, error as Error);
      }
    }
    for (const alert of options.store.data.alerts) {
      let byId = this.live.get(alert.rule);
      if (byId === undefined) this.live.set(alert.rule, (byId = new Map()));
      byId.set(alert.id, { ...alert });
    }
  }

  /** The compiled rule, or NotFoundError. */
  rule(name: string): CompiledRule {
    const rule = this.compiled.get(name);
    if (rule === undefined) throw new NotFoundError(`no rule named '${name}'`);
    return rule;
  }

  /** Every rule with its current alert counts. */
  rules(): RuleInfo[] {
    return [...this.compiled.values()].map((rule) => this.info(rule));
  }

  info(rule: CompiledRule): RuleInfo {
    const alerts = [...(this.live.get(rule.name)?.values() ?? [])];
    const last = this.lastEvaluation.get(rule.name);
    return {
      ...rule.record,
      pending: alerts.filter((a) => a.state === 'pending').length,
      firing: alerts.filter((a) => a.state === 'firing').length,
      lastError: last?.error ?? null,
      lastEvaluatedAt: last === undefined ? null : new Date(last.at).toISOString(),
    };
  }

  /** Adds a rule, or replaces the one with the same name. @throws InvalidInputError */
  async addRule(input: RuleInput, actor: string): Promise<{ rule: RuleInfo; created: boolean }> {
    const { store } = this.options;
    const previous = this.compiled.get(input.name);
    const compiled = compileRule(input, this.options.clock.now(), previous?.record);
    await store.mutate(() => {
      const list = store.data.rules;
      const at = list.findIndex((r) => r.name === input.name);
      const before = at === -1 ? undefined : list[at];
      if (at === -1) list.push(compiled.record);
      else list[at] = compiled.record;
      this.compiled.set(compiled.name, compiled);
      return {
        result: undefined,
        undo: () => {
          if (before === undefined) list.splice(list.indexOf(compiled.record), 1);
          else list[list.indexOf(compiled.record)] = before;
          if (previous === undefined) this.compiled.delete(compiled.name);
          else this.compiled.set(previous.name, previous);
        },
      };
    });
    await this.options.audit.append({ type: previous === undefined ? 'rule.added' : 'rule.updated', actor, subject: compiled.name, outcome: 'success', details: { expr: compiled.record.expr, severity: compiled.severity } });
    return { rule: this.info(compiled), created: previous === undefined };
  }

  /**
   * Adds or replaces several rules at once: every rule is compiled first, so one bad rule leaves
   * all of them out.
   */
  async loadRules(inputs: readonly RuleInput[], actor: string): Promise<{ added: number; updated: number }> {
    const now = this.options.clock.now();
    const compiled = inputs.map((input) => {
      try {
        return compileRule(input, now, this.compiled.get(input.name)?.record);
      } catch (error) {
        if (error instanceof InvalidInputError) throw new InvalidInputError(`rule '${input.name}': ${error.message}`, error.details.field as string | undefined);
        throw error;
      }
    });
    const { store } = this.options;
    let added = 0;
    await store.mutate(() => {
      const rulesBefore = store.data.rules;
      const compiledBefore = new Map(this.compiled);
      const byName = new Map(rulesBefore.map((r) => [r.name, r]));
      for (const rule of compiled) {
        if (!byName.has(rule.name)) added++;
        byName.set(rule.name, rule.record);
        this.compiled.set(rule.name, rule);
      }
      store.data.rules = [...byName.values()];
      return {
        result: undefined,
        undo: () => {
          store.data.rules = rulesBefore;
          this.compiled.clear();
          for (const [k, v] of compiledBefore) this.compiled.set(k, v);
        },
      };
    });
    await this.options.audit.append({ type: 'rules.loaded', actor, subject: null, outcome: 'success', details: { rules: compiled.map((r) => r.name) } });
    return { added, updated: compiled.length - added };
  }

  /** Removes a rule; its alerts end (firing ones are recorded as resolved). */
  async removeRule(name: string, actor: string): Promise<RuleInfo> {
    const rule = this.rule(name);
    const info = this.info(rule);
    const alerts = this.live.get(name) ?? new Map<string, AlertInstance>();
    const now = this.options.clock.now();
    const ended: Transition[] = [...alerts.values()].map((alert) => ({ kind: alert.state === 'firing' ? 'resolved' : 'dropped', at: now, alert }));
    const { store } = this.options;
    await store.mutate(() => {
      const rules = store.data.rules;
      const at = rules.findIndex((r) => r.name === name);
      if (at !== -1) rules.splice(at, 1);
      const before = store.data.alerts;
      store.data.alerts = before.filter((a) => a.rule !== name);
      this.compiled.delete(name);
      this.live.delete(name);
      this.lastEvaluation.delete(name);
      const historyBefore = this.appendHistory(ended);
      return {
        result: undefined,
        undo: () => {
          if (at !== -1) rules.splice(at, 0, rule.record);
          store.data.alerts = before;
          store.data.alertHistory = historyBefore;
          this.compiled.set(name, rule);
          this.live.set(name, alerts);
        },
      };
    });
    for (const t of ended) this.emit('transition', toWire(t));
    await this.options.audit.append({ type: 'rule.removed', actor, subject: name, outcome: 'success' });
    return info;
  }

  /** Runs every rule once at the clock's now. Resolves after any state change is durable. */
  async evaluate(): Promise<Transition[]> {
    const now = this.options.clock.now();
    const all: Transition[] = [];
    for (const rule of this.compiled.values()) {
      let active: ActiveSample[];
      try {
        const result = evaluate(rule.expr, this.options.source, now);
        active = result.kind === 'vector' ? result.samples.map((s) => ({ labels: s.labels, value: s.value })) : [];
        this.lastEvaluation.set(rule.name, { at: now, error: null });
      } catch (error) {
        // A failing rule keeps its alerts as they were, as Prometheus does, and says why.
        this.lastEvaluation.set(rule.name, { at: now, error: (error as Error).message });
        continue;
      }
      const { alerts, transitions } = stepRule(rule, this.live.get(rule.name) ?? new Map(), active, now);
      this.live.set(rule.name, alerts);
      all.push(...transitions);
    }
    if (all.length > 0) await this.persist(all);
    for (const t of all) this.emit('transition', toWire(t));
    return all;
  }

  private appendHistory(transitions: readonly Transition[]): AlertTransition[] {
    const before = this.options.store.data.alertHistory;
    this.options.store.data.alertHistory = [...before, ...transitions.map(toWire)].slice(-ALERT_HISTORY_LIMIT);
    return before;
  }

  private async persist(transitions: readonly Transition[]): Promise<void> {
    const { store } = this.options;
    // An acknowledgement covers one episode of an alert: it ends when the alert does.
    const ended = new Set(transitions.filter((t) => t.kind === 'resolved' || t.kind === 'dropped').map((t) => t.alert.id));
    await store.mutate(() => {
      const alertsBefore = store.data.alerts;
      const acksBefore = store.data.acks;
      store.data.alerts = [...this.live.values()].flatMap((byId) => [...byId.values()].map((a) => ({ ...a, labels: { ...a.labels } })));
      if (ended.size > 0) store.data.acks = acksBefore.filter((a) => !ended.has(a.alertId));
      const historyBefore = this.appendHistory(transitions);
      return {
        result: undefined,
        undo: () => {
          store.data.alerts = alertsBefore;
          store.data.acks = acksBefore;
          store.data.alertHistory = historyBefore;
        },
      };
    });
  }

  /** The most recent transitions, newest first. */
  history(limit: number): AlertTransition[] {
    return this.options.store.data.alertHistory.slice(-limit).reverse();
  }

  /** Every live alert. */
  alerts(): AlertInstance[] {
    return [...this.live.values()].flatMap((byId) => [...byId.values()]);
  }
}

/** A transition as it travels over the socket. */
export function toWire(t: Transition): AlertTransition {
  return { kind: t.kind, at: new Date(t.at).toISOString(), id: t.alert.id, rule: t.alert.rule, severity: t.alert.severity, labels: { ...t.alert.labels }, value: t.alert.value };
}
