/**
 * @module The threat-screen step: the path, the query, the headers that carry user data, and the
 * body are given to the security engine's screen.
 *
 * A finding is a `threat.detected` event and a failure of the address at the decision point (so
 * repeats ban it), and the request is refused with 400 THREAT_DETECTED naming the kind and the
 * field, never the payload. Headers a browser or the server itself controls (Host, Accept,
 * Content-Type, …) and those that carry credentials (Cookie, Authorization, X-CSRF-Token) are not
 * screened: the first are not user data and the second are checked as credentials.
 */
import { AppError } from '../../../src/protocol/errors.js';
import type { ScreenResult, ThreatScreen } from '../../security/engine/threat-screen.js';
import type { CleanScreens } from './clean-screens.js';

/** Headers never screened: protocol plumbing and credentials. */
const NOT_USER_DATA = new Set([
  'host',
  'connection',
  'keep-alive',
  'content-length',
  'content-type',
  'transfer-encoding',
  'te',
  'upgrade',
  'accept',
  'accept-encoding',
  'accept-language',
  'cache-control',
  'pragma',
  'cookie',
  'authorization',
  'x-csrf-token',
  'origin',
  'if-none-match',
  'if-modified-since',
  'range',
  'priority',
  'dnt',
  'upgrade-insecure-requests',
  'last-event-id',
]);

/** Whether a request header carries user data (User-Agent, Referer, X-…): the screen reads it. */
export function isUserData(name: string): boolean {
  return !NOT_USER_DATA.has(name) && !name.startsWith('sec-');
}

/** The request headers that carry user data, for the screen. */
export function userDataHeaders(
  headers: Readonly<Record<string, string | undefined>>,
): Record<string, string> {
  const picked: Record<string, string> = {};
  for (const name in headers) {
    const value = headers[name];
    if (value !== undefined && isUserData(name)) picked[name] = value;
  }
  return picked;
}

/** What the screen looks at. */
export interface ScreenInput {
  path?: string;
  query?: Record<string, string[]>;
  headers?: Record<string, string>;
  body?: unknown;
}

/** The query as name → values (every value screened, repeated names too). */
export function queryValues(query: URLSearchParams): Record<string, string[]> {
  const values: Record<string, string[]> = {};
  for (const [name, value] of query) (values[name] ??= []).push(value);
  return values;
}

/** The parts of a request target the screen looks at (request-path.ts's SplitTarget). */
export interface ScreenedTarget {
  rawPath: string;
  rawQuery: string;
  query: URLSearchParams;
}

/**
 * Screens a request's path, query and user-data headers — unless exactly these parts were found
 * clean before (see clean-screens.ts); a clean result is remembered. Undefined at once when
 * clean, else what {@link screenRequest} returns.
 */
export function screenTarget(
  screen: ThreatScreen,
  clean: CleanScreens,
  target: ScreenedTarget,
  headers: Readonly<Record<string, string | undefined>>,
  ip: string,
): Promise<void> | undefined {
  const key = clean.keyOf(target.rawPath, target.rawQuery, headers, isUserData);
  if (key !== null && clean.has(key)) return undefined;
  const screening = screenRequest(
    screen,
    { path: target.rawPath, query: queryValues(target.query), headers: userDataHeaders(headers) },
    ip,
    'anonymous',
  );
  if (screening === undefined && key !== null) clean.add(key);
  return screening;
}

/**
 * Screens `input`: undefined at once when nothing is found (the hot path of every request, kept
 * free of promises), else a promise that rejects with the refusal (or resolves when the engine
 * only simulates).
 * @throws AppError THREAT_DETECTED (details: threat, field, rule) unless the engine simulates.
 */
export function screenRequest(
  screen: ThreatScreen,
  input: ScreenInput,
  ip: string,
  actor: string,
): Promise<void> | undefined {
  return screen.screenNow(input, { ip, actor, source: 'http' })?.then(refuseFound);
}

function refuseFound(result: ScreenResult): void {
  if (!result.refused || result.threat === null) return;
  const { type, field, rule } = result.threat;
  throw new AppError('THREAT_DETECTED', `request refused: possible ${type} in ${field}`, {
    details: {
      threat: type,
      field,
      rule,
      ...(result.incident === null ? {} : { incident: result.incident }),
    },
  });
}
