/**
 * @module monitoring.* handlers: thin — validate (done by the router), call one engine, return data.
 */
import { ALERT_HISTORY_LIMIT } from '../monitoring/alerts/alert-engine.js';
import { alertViews, explainRule } from '../monitoring/alerts/alert-views.js';
import { fullHealth } from '../monitoring/full-health.js';
import { parseRulesFile } from '../monitoring/alerts/rules-file.js';
import type { InhibitionOptions } from '../monitoring/alerts/inhibition.js';
import { inhibitionFrom } from '../config/inhibition-settings.js';
import type { HandlerTable } from '../router.js';
import { InvalidInputError } from '../../src/protocol/errors.js';
import type { HandlerDeps } from './context.js';

type Names = Exclude<Extract<keyof HandlerTable, `monitoring.${string}`>, `monitoring.${'channels' | 'routes' | 'notifications'}.${string}`>;

export function monitoringHandlers({ core, now, settings }: HandlerDeps): Pick<HandlerTable, Names> {
  const m = core.monitoring;
  const inhibition = (): InhibitionOptions => inhibitionFrom(settings);
  return {
    'monitoring.health': () => fullHealth(core.health, m),
    'monitoring.subscribe': ({ topics }, ctx) => {
      for (const topic of topics ?? ['health', 'alerts', 'checks', 'metrics']) ctx.connection.subscriptions.add(topic);
      return { topics: [...ctx.connection.subscriptions] };
    },
    'monitoring.metrics.list': () => ({ metrics: m.metrics() }),
    'monitoring.metrics.get': ({ name, rangeMs }) => m.metric(name, rangeMs ?? 3_600_000),
    'monitoring.metrics.exposition': () => ({ text: m.registry.exposition() }),
    'monitoring.push': ({ samples }) => ({ accepted: m.push(samples) }),
    'monitoring.rules.list': () => ({ rules: m.alerts.rules() }),
    'monitoring.rules.add': (params, ctx) => m.alerts.addRule(params, ctx.actor),
    'monitoring.rules.load': ({ text }, ctx) => m.alerts.loadRules(parseRulesFile(text), ctx.actor),
    'monitoring.rules.remove': async ({ name }, ctx) => ({ rule: await m.alerts.removeRule(name, ctx.actor) }),
    'monitoring.rules.explain': ({ name }) => {
      const rule = m.alerts.info(m.alerts.rule(name));
      const at = now();
      const { rows, error } = explainRule(m.alerts, name, core.history, at);
      return { rule, evaluatedAt: new Date(at).toISOString(), rows, error };
    },
    'monitoring.alerts.list': ({ history, limit, rule, since }) => {
      const alerts = alertViews(m.alerts, m.mutes, m.maintenance.list(), inhibition(), now()).filter((a) => rule === undefined || a.rule === rule);
      if (history !== true) return { alerts, history: [] };
      // The filters run over the whole kept history (newest first); then the newest `limit` pass.
      const from = since === undefined ? -Infinity : Date.parse(since);
      const transitions = m.alerts.history(ALERT_HISTORY_LIMIT).filter((t) => (rule === undefined || t.rule === rule) && Date.parse(t.at) >= from);
      return { alerts, history: transitions.slice(0, limit ?? 100) };
    },
    'monitoring.alerts.ack': async ({ id, comment, durationMs }, ctx) => {
      const resolve = (text: string): string | null => {
        const matches = m.alerts.alerts().filter((a) => a.id === text || a.id.startsWith(text));
        return matches.length === 1 ? (matches[0]?.id ?? null) : null;
      };
      return { ack: await m.mutes.ack(id, comment, durationMs, ctx.actor, resolve) };
    },
    'monitoring.silences.add': async ({ matchers, durationMs, comment }, ctx) => ({ silence: await m.mutes.addSilence(matchers, durationMs, comment, ctx.actor) }),
    'monitoring.silences.list': () => ({ silences: m.mutes.silences() }),
    'monitoring.silences.remove': async ({ id }, ctx) => ({ silence: await m.mutes.removeSilence(id, ctx.actor) }),
    'monitoring.maintenance.add': async (params, ctx) => ({ window: await m.maintenance.add(params, ctx.actor) }),
    'monitoring.maintenance.list': () => ({ windows: m.maintenance.list() }),
    'monitoring.maintenance.remove': async ({ id }, ctx) => ({ window: await m.maintenance.remove(id, ctx.actor) }),
    'monitoring.checks.list': () => ({ checks: m.checks.list().map((s) => m.checkInfo(s.name)) }),
    'monitoring.checks.add': async ({ definition }, ctx) => ({ check: await m.addCheck(definition, ctx.actor) }),
    'monitoring.checks.load': ({ text }, ctx) => m.loadChecks(text, ctx.actor),
    'monitoring.checks.remove': async ({ name }, ctx) => ({ check: await m.removeCheck(name, ctx.actor) }),
    'monitoring.heartbeat': async ({ name }) => ({ check: await m.heartbeat(name) }),
    'monitoring.forecast': ({ metric, threshold, rangeMs }) => {
      const range = rangeMs ?? 6 * 3_600_000;
      const rows = m.forecast(metric, range, threshold ?? null);
      // The same refusal as monitoring.metrics.get: a name neither the registry nor the history
      // knows is a typo, not a metric with too few samples.
      if (rows.length === 0 && !m.registry.metrics().some((info) => info.name === metric) && core.history.seriesOf(metric).length === 0) {
        throw new InvalidInputError(`no metric named '${metric}'`, 'metric');
      }
      return { metric, threshold: threshold ?? null, rangeMs: range, rows };
    },
  };
}
