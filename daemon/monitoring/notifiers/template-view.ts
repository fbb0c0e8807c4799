/**
 * @module What a message template sees: the view built from a notification, and its shape (the
 * names a template may use), so that a template naming something that does not exist is refused
 * when the channel is added instead of rendering an empty string when an alert fires.
 */
import { SEVERITIES, severityRank } from '../alerts/severity.js';
import type { Notification, NotifiedAlert } from './notification.js';

/** A label or annotation as a list item: mustache iterates arrays, not objects. */
export interface Pair {
  name: string;
  value: string;
}

/** One alert as a template sees it. */
export interface AlertView {
  status: string;
  labels: Record<string, string>;
  annotations: Record<string, string>;
  labelList: Pair[];
  annotationList: Pair[];
  alertname: string;
  severity: string;
  summary: string;
  value: number;
  startsAt: string;
  /** Empty while firing (instead of Alertmanager's zero time), so `{{#endsAt}}` tests it. */
  endsAt: string;
  generatorURL: string;
  fingerprint: string;
}

/** The whole view of one notification. */
export interface TemplateView {
  status: string;
  receiver: string;
  reason: string;
  groupKey: string;
  groupLabels: Record<string, string>;
  commonLabels: Record<string, string>;
  commonAnnotations: Record<string, string>;
  commonLabelList: Pair[];
  externalURL: string;
  alerts: AlertView[];
  firingAlerts: AlertView[];
  resolvedAlerts: AlertView[];
  firingCount: number;
  resolvedCount: number;
  truncatedAlerts: number;
  /** Convenience: the common (or first alert's) alertname. */
  alertname: string;
  /** Convenience: the highest severity among the alerts. */
  severity: string;
  /** Convenience: commonAnnotations.summary, else .description, else the first alert's. */
  summary: string;
  /** Convenience: the first alert's value and start time. */
  value: number | string;
  startsAt: string;
  /** Convenience: the first alert's link to its rule, else the dashboard. */
  dashboardURL: string;
}

/** The zero time Alertmanager uses for "not resolved". */
const ZERO_TIME = '0001-01-01T00:00:00Z';

function pairs(record: Record<string, string>): Pair[] {
  return Object.keys(record)
    .sort()
    .map((name) => ({ name, value: record[name] ?? '' }));
}

function summaryOf(annotations: Record<string, string>): string {
  return annotations['summary'] ?? annotations['description'] ?? '';
}

function alertView(alert: NotifiedAlert): AlertView {
  return {
    status: alert.status,
    labels: alert.labels,
    annotations: alert.annotations,
    labelList: pairs(alert.labels),
    annotationList: pairs(alert.annotations),
    alertname: alert.labels['alertname'] ?? '',
    severity: alert.severity,
    summary: summaryOf(alert.annotations),
    value: alert.value,
    startsAt: alert.startsAt,
    endsAt: alert.status === 'resolved' && alert.endsAt !== ZERO_TIME ? alert.endsAt : '',
    generatorURL: alert.generatorURL,
    fingerprint: alert.fingerprint,
  };
}

function highestSeverity(alerts: readonly NotifiedAlert[]): string {
  let best = -1;
  for (const alert of alerts) best = Math.max(best, severityRank(alert.severity));
  return SEVERITIES[best] ?? '';
}

/** Builds the view a template renders from a notification. */
export function buildView(n: Notification): TemplateView {
  const alerts = n.alerts.map(alertView);
  const first = alerts[0];
  const summary = summaryOf(n.commonAnnotations) || (first?.summary ?? '');
  return {
    status: n.status,
    receiver: n.receiver,
    reason: n.reason,
    groupKey: n.groupKey,
    groupLabels: n.groupLabels,
    commonLabels: n.commonLabels,
    commonAnnotations: n.commonAnnotations,
    commonLabelList: pairs(n.commonLabels),
    externalURL: n.externalURL,
    alerts,
    firingAlerts: alerts.filter((a) => a.status === 'firing'),
    resolvedAlerts: alerts.filter((a) => a.status === 'resolved'),
    firingCount: n.alerts.filter((a) => a.status === 'firing').length,
    resolvedCount: n.alerts.filter((a) => a.status === 'resolved').length,
    truncatedAlerts: n.truncatedAlerts,
    alertname: n.commonLabels['alertname'] ?? first?.alertname ?? '',
    severity: highestSeverity(n.alerts),
    summary,
    value: first?.value ?? '',
    startsAt: first?.startsAt ?? '',
    dashboardURL: first?.generatorURL || n.externalURL,
  };
}

/** The shape of a view: which names exist where. A record accepts any name (label names). */
export type Shape =
  | { kind: 'scalar' }
  | { kind: 'record' }
  | { kind: 'object'; fields: Readonly<Record<string, Shape>> }
  | { kind: 'list'; item: Shape };

const scalar: Shape = { kind: 'scalar' };
const record: Shape = { kind: 'record' };
const pairList: Shape = {
  kind: 'list',
  item: { kind: 'object', fields: { name: scalar, value: scalar } },
};

const alertFields: Record<keyof AlertView, Shape> = {
  status: scalar,
  labels: record,
  annotations: record,
  labelList: pairList,
  annotationList: pairList,
  alertname: scalar,
  severity: scalar,
  summary: scalar,
  value: scalar,
  startsAt: scalar,
  endsAt: scalar,
  generatorURL: scalar,
  fingerprint: scalar,
};
const alertList: Shape = { kind: 'list', item: { kind: 'object', fields: alertFields } };

// Typed by the view's keys, so the compiler says when a field is added to one and not the other.
const viewFields: Record<keyof TemplateView, Shape> = {
  status: scalar,
  receiver: scalar,
  reason: scalar,
  groupKey: scalar,
  groupLabels: record,
  commonLabels: record,
  commonAnnotations: record,
  commonLabelList: pairList,
  externalURL: scalar,
  alerts: alertList,
  firingAlerts: alertList,
  resolvedAlerts: alertList,
  firingCount: scalar,
  resolvedCount: scalar,
  truncatedAlerts: scalar,
  alertname: scalar,
  severity: scalar,
  summary: scalar,
  value: scalar,
  startsAt: scalar,
  dashboardURL: scalar,
};

/** The shape of {@link TemplateView}. */
export const viewShape: Shape = { kind: 'object', fields: viewFields };
