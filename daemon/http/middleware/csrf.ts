/**
 * @module The CSRF step: a state-changing request authenticated by the session cookie must come
 * from the dashboard's own origin and carry the session's CSRF token (the `X-CSRF-Token` header,
 * or a `_csrf` form field for a plain HTML form).
 *
 * Bearer-token requests are exempt: a browser never attaches a bearer token by itself, so another
 * site cannot make it send one. Requests without a principal are exempt too: there is nothing to
 * forge. A refusal is a `csrf.refused` event and a failure of the address (the engine's screen).
 */
import type { ThreatScreen } from '../../security/engine/threat-screen.js';
import { csrfTokenFor } from '../auth/csrf-token.js';
import { HttpError } from '../server/http-error.js';
import type { HttpPrincipal } from '../types.js';

const SAFE = new Set(['GET', 'HEAD', 'OPTIONS']);

export interface CsrfInput {
  method: string;
  principal: HttpPrincipal | null;
  sessionSecret: string | null;
  origin: string | undefined;
  referer: string | undefined;
  headerToken: string | undefined;
  body: unknown;
  allowedOrigins: readonly string[];
  ip: string;
}

/** The token a request carries: the header, else a `_csrf` form field. */
export function tokenOf(headerToken: string | undefined, body: unknown): string | null {
  if (headerToken !== undefined && headerToken !== '') return headerToken;
  if (
    typeof body === 'object' &&
    body !== null &&
    typeof (body as Record<string, unknown>)['_csrf'] === 'string'
  )
    return (body as Record<string, string>)['_csrf'] ?? null;
  return null;
}

/**
 * Whether a request needs the check: a state-changing method authenticated by the session cookie.
 * The pipeline asks first, so that a GET does not work out origins it will never compare.
 */
export function csrfApplies(method: string, principal: HttpPrincipal | null): boolean {
  return !SAFE.has(method) && principal !== null && principal.via === 'cookie';
}

/** @throws HttpError CSRF_REJECTED */
export async function checkCsrfStep(screen: ThreatScreen, input: CsrfInput): Promise<void> {
  if (!csrfApplies(input.method, input.principal) || input.principal === null) return;
  const expected =
    input.sessionSecret === null
      ? null
      : csrfTokenFor(input.sessionSecret, input.principal.sessionId);
  const { verdict } = await screen.csrf(
    {
      method: input.method,
      origin: input.origin ?? null,
      referer: input.referer ?? null,
      token: tokenOf(input.headerToken, input.body),
    },
    { allowedOrigins: input.allowedOrigins, expectedToken: expected },
    { ip: input.ip, actor: input.principal.username, source: 'http' },
  );
  if (verdict !== null) throw new HttpError('CSRF_REJECTED', `request refused: ${verdict.message}`);
}
