/**
 * @module Notification routes: which alerts go to which channels, and how they are grouped and
 * timed on the way (Alertmanager's route, flattened into an ordered list under a default route).
 */
import { z } from 'zod';
import { InvalidInputError } from '../../../src/protocol/errors.js';
import { severity as severitySchema } from '../../../src/protocol/schemas.js';
import { parseMatcher } from '../alerts/silences.js';
import { severityRank, type Severity } from '../alerts/severity.js';
import { compileMatchers, type SeriesPredicate } from '../history/matchers.js';

/** A route: alerts it matches go to its channels, grouped by `groupBy` and timed by it. */
export interface RouteSpec {
  id: string;
  channels: string[];
  /** Label matchers, all of which must hold: `service=api`, `team=~"ops|infra"`. */
  matchers: string[];
  /** Alerts less severe than this do not match. */
  minSeverity?: Severity;
  /** Keep looking for further matching routes after this one matches. */
  continue: boolean;
  /** Labels an aggregation group is keyed by; `['...']` means every label. */
  groupBy: string[];
  /** Wait before the first notification of a new group, to batch alerts that arrive together. */
  groupWaitMs: number;
  /** Wait between notifications of a group about changes. */
  groupIntervalMs: number;
  /** Wait before sending an unchanged group again. */
  repeatIntervalMs: number;
}

/** The alert fields routing looks at. */
export interface RoutableAlert {
  labels: Readonly<Record<string, string>>;
  severity: Severity;
}

const SECOND = 1000;
const MINUTE = 60 * SECOND;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;

/** Defaults and limits of the three timings (Alertmanager's defaults). */
export const ROUTE_TIMING = {
  groupWaitMs: { default: 30 * SECOND, min: 0, max: HOUR, text: '0 to 1h' },
  groupIntervalMs: { default: 5 * MINUTE, min: SECOND, max: DAY, text: '1s to 24h' },
  repeatIntervalMs: { default: 4 * HOUR, min: MINUTE, max: 30 * DAY, text: '1m to 30d' },
} as const;

export const ROUTE_LIMITS = { idLength: 64, channels: 20, matchers: 20, groupBy: 20 } as const;

/** The id of the route that catches alerts no other route matches. */
export const DEFAULT_ROUTE_ID = 'default';

const LABEL_NAME = /^[a-zA-Z_][a-zA-Z0-9_]*$/;
const ALL_LABELS = '...';
const FIELDS = [
  'id',
  'channels',
  'matchers',
  'minSeverity',
  'continue',
  'groupBy',
  'groupWaitMs',
  'groupIntervalMs',
  'repeatIntervalMs',
];

const name = z.string().min(1).max(ROUTE_LIMITS.idLength);
const timing = (key: keyof typeof ROUTE_TIMING) =>
  z.number().int().min(ROUTE_TIMING[key].min).max(ROUTE_TIMING[key].max);

/** The shape of a parsed route, as the store keeps it (matcher syntax is checked by {@link parseRoute}). */
export const routeSpecSchema = z.strictObject({
  id: name,
  channels: z.array(name).min(1).max(ROUTE_LIMITS.channels),
  matchers: z.array(z.string().min(1)).max(ROUTE_LIMITS.matchers),
  minSeverity: severitySchema.optional(),
  continue: z.boolean(),
  groupBy: z.array(z.string().min(1)).min(1).max(ROUTE_LIMITS.groupBy),
  groupWaitMs: timing('groupWaitMs'),
  groupIntervalMs: timing('groupIntervalMs'),
  repeatIntervalMs: timing('repeatIntervalMs'),
});

function names(value: unknown, field: string, max: number, min: number): string[] {
  const what = `${field} must be a list of ${min === 1 ? '1' : '0'} to ${max} names of 1 to ${ROUTE_LIMITS.idLength} characters`;
  if (!Array.isArray(value) || value.length < min || value.length > max)
    throw new InvalidInputError(what, field);
  for (const item of value) {
    if (typeof item !== 'string' || item.length < 1 || item.length > ROUTE_LIMITS.idLength)
      throw new InvalidInputError(what, field);
  }
  return [...new Set(value as string[])];
}

function groupByOf(value: unknown): string[] {
  if (value === undefined) return ['alertname'];
  if (!Array.isArray(value) || value.length < 1 || value.length > ROUTE_LIMITS.groupBy) {
    throw new InvalidInputError(
      `groupBy must be a list of 1 to ${ROUTE_LIMITS.groupBy} label names, or ['...'] for all labels`,
      'groupBy',
    );
  }
  for (const item of value) {
    if (typeof item !== 'string' || (item !== ALL_LABELS && !LABEL_NAME.test(item))) {
      throw new InvalidInputError(
        `groupBy: ${JSON.stringify(item)} is not a label name`,
        'groupBy',
      );
    }
  }
  if (value.includes(ALL_LABELS) && value.length > 1)
    throw new InvalidInputError("groupBy: '...' (all labels) stands alone", 'groupBy');
  return [...new Set(value as string[])];
}

function timingOf(input: Record<string, unknown>, key: keyof typeof ROUTE_TIMING): number {
  const value = input[key];
  const limits = ROUTE_TIMING[key];
  if (value === undefined) return limits.default;
  if (
    typeof value !== 'number' ||
    !Number.isInteger(value) ||
    value < limits.min ||
    value > limits.max
  ) {
    throw new InvalidInputError(
      `${key} must be a whole number of milliseconds from ${limits.min} to ${limits.max} (${limits.text})`,
      key,
    );
  }
  return value;
}

/**
 * Checks a route from outside (a request, the store) and applies the defaults: no matchers,
 * `continue: false`, `groupBy: ['alertname']`, 30 s / 5 m / 4 h.
 *
 * @throws InvalidInputError naming the field that is wrong.
 */
export function parseRoute(input: unknown): RouteSpec {
  if (typeof input !== 'object' || input === null || Array.isArray(input))
    throw new InvalidInputError('a route must be an object');
  const record = input as Record<string, unknown>;
  for (const key of Object.keys(record)) {
    if (!FIELDS.includes(key)) throw new InvalidInputError(`unknown route field '${key}'`, key);
  }
  const { id } = record;
  if (typeof id !== 'string' || id.length < 1 || id.length > ROUTE_LIMITS.idLength) {
    throw new InvalidInputError(
      `id must be a string of 1 to ${ROUTE_LIMITS.idLength} characters`,
      'id',
    );
  }
  const channels = names(record['channels'], 'channels', ROUTE_LIMITS.channels, 1);
  const matchersInput = record['matchers'] ?? [];
  if (
    !Array.isArray(matchersInput) ||
    matchersInput.length > ROUTE_LIMITS.matchers ||
    matchersInput.some((m) => typeof m !== 'string')
  ) {
    throw new InvalidInputError(
      `matchers must be a list of at most ${ROUTE_LIMITS.matchers} label matchers`,
      'matchers',
    );
  }
  const matchers = matchersInput as string[];
  for (const matcher of matchers) parseMatcher(matcher);
  const minSeverity = record['minSeverity'];
  if (minSeverity !== undefined && !severitySchema.safeParse(minSeverity).success) {
    throw new InvalidInputError(
      'minSeverity must be one of info, warning, critical, emergency',
      'minSeverity',
    );
  }
  const cont = record['continue'] ?? false;
  if (typeof cont !== 'boolean')
    throw new InvalidInputError('continue must be true or false', 'continue');
  const route: RouteSpec = {
    id,
    channels,
    matchers: [...matchers],
    continue: cont,
    groupBy: groupByOf(record['groupBy']),
    groupWaitMs: timingOf(record, 'groupWaitMs'),
    groupIntervalMs: timingOf(record, 'groupIntervalMs'),
    repeatIntervalMs: timingOf(record, 'repeatIntervalMs'),
  };
  if (minSeverity !== undefined) route.minSeverity = minSeverity as Severity;
  return route;
}

/** Compiled matchers, once per route object (routes are replaced, never edited in place). */
const compiled = new WeakMap<RouteSpec, SeriesPredicate>();

/** True when `route` matches `alert` (its matchers and its minimum severity). */
export function routeMatches(route: RouteSpec, alert: RoutableAlert): boolean {
  if (
    route.minSeverity !== undefined &&
    severityRank(alert.severity) < severityRank(route.minSeverity)
  )
    return false;
  let predicate = compiled.get(route);
  if (predicate === undefined) {
    predicate = compileMatchers(route.matchers.map(parseMatcher));
    compiled.set(route, predicate);
  }
  return predicate('', alert.labels);
}

/**
 * The routes an alert goes to, in order: the first that matches, and the ones after it while
 * each matching route says `continue`; the default route when none matches.
 */
export function matchRoutes(
  routes: readonly RouteSpec[],
  defaultRoute: RouteSpec,
  alert: RoutableAlert,
): RouteSpec[] {
  const matched: RouteSpec[] = [];
  for (const route of routes) {
    if (!routeMatches(route, alert)) continue;
    matched.push(route);
    if (!route.continue) break;
  }
  return matched.length > 0 ? matched : [defaultRoute];
}
