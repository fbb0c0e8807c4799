/**
 * @module The http check: status, body, latency and, for https, days until the certificate expires.
 */
import { systemClock, type Clock } from '../../clock.js';
import type { HttpCheckDefinition } from './definition.js';
import { discardBody, insecureFetch, readBody, type FetchLike } from './http-request.js';
import { abortDetail, errorCode, errorText, monotonic, ms, quote, since, type Probe, type ProbeResult, type Timer } from './probe.js';
import { daysLeft, readCertificateExpiry, type TlsConnect } from './tls-expiry.js';

/** Only this much of a body is searched, so a huge response cannot exhaust memory. */
export const BODY_LIMIT_BYTES = 1024 * 1024;

/** What the http check does its I/O with; every field defaults to the real thing. */
export interface HttpProbeDeps {
  /** Used unless the definition is `insecure` (default: the global fetch). */
  fetch?: FetchLike;
  /** Used when the definition is `insecure` (default: {@link insecureFetch}). */
  insecureFetch?: FetchLike;
  tlsConnect?: TlsConnect;
  /** For certificate days left. */
  clock?: Clock;
  /** For latency. */
  timer?: Timer;
}

const UNVERIFIED = new Set([
  'DEPTH_ZERO_SELF_SIGNED_CERT',
  'SELF_SIGNED_CERT_IN_CHAIN',
  'UNABLE_TO_VERIFY_LEAF_SIGNATURE',
  'UNABLE_TO_GET_ISSUER_CERT_LOCALLY',
]);

/** True when `status` is one the definition accepts (any of 200-399 unless it lists some). */
export function statusAccepted(status: number, expected: readonly number[] | undefined): boolean {
  return expected === undefined ? status >= 200 && status <= 399 : expected.includes(status);
}

function expectedText(expected: readonly number[] | undefined): string {
  if (expected === undefined) return '200-399';
  return expected.length === 1 ? String(expected[0]) : `one of ${expected.join(', ')}`;
}

/** Whole days left, or whole days since it expired, or why neither is known. */
type Certificate = { days: number; expired: boolean } | { error: string };

/** Builds the http check for `def`. */
export function httpProbe(def: HttpCheckDefinition, deps: HttpProbeDeps = {}): Probe {
  const url = new URL(def.target);
  // Plain http has no certificate to skip, so it keeps fetch (and its redirects) even when insecure.
  const skipVerify = def.insecure && url.protocol === 'https:';
  const doFetch: FetchLike = skipVerify ? (deps.insecureFetch ?? insecureFetch) : (deps.fetch ?? (fetch as FetchLike));
  const clock = deps.clock ?? systemClock;
  const timer = deps.timer ?? monotonic;
  const regex = def.expectBodyRegex === undefined ? undefined : new RegExp(def.expectBodyRegex);
  const wantsBody = def.expectBody !== undefined || regex !== undefined;

  async function certificate(signal: AbortSignal): Promise<Certificate | null> {
    if (url.protocol !== 'https:') return null;
    const host = url.hostname.replace(/^\[(.*)\]$/, '$1');
    const port = url.port === '' ? 443 : Number(url.port);
    try {
      const validTo = await readCertificateExpiry(host, port, signal, deps.tlsConnect);
      const now = clock.now();
      if (validTo.getTime() >= now) return { days: daysLeft(validTo, now), expired: false };
      return { days: Math.floor((now - validTo.getTime()) / 86_400_000), expired: true };
    } catch (error) {
      return { error: errorText(error) };
    }
  }

  return {
    async run(signal: AbortSignal): Promise<ProbeResult> {
      const started = timer();
      // The certificate is read alongside the request, so it adds nothing to the latency.
      const cert = certificate(signal);
      const failed = async (detail: string): Promise<ProbeResult> => {
        await cert;
        return { ok: false, detail, latencyMs: since(timer, started) };
      };
      let status: number;
      let body = '';
      try {
        const response = await doFetch(def.target, { method: def.method, headers: def.headers ?? {}, signal });
        status = response.status;
        if (wantsBody) body = await readBody(response.body, BODY_LIMIT_BYTES);
        else discardBody(response.body);
      } catch (error) {
        if (signal.aborted) return failed(abortDetail(signal));
        const hint = UNVERIFIED.has(errorCode(error) ?? '') ? '; set insecure: true to accept a self-signed certificate' : '';
        return failed(`request failed: ${errorText(error)}${hint}`);
      }
      const latencyMs = since(timer, started);
      const problems: string[] = [];
      const facts: string[] = [`${status} in ${ms(latencyMs)}`];
      if (!statusAccepted(status, def.expectStatus)) problems.push(`status ${status}, expected ${expectedText(def.expectStatus)}`);
      if (def.expectBody !== undefined) {
        if (body.includes(def.expectBody)) facts.push(`body contains '${quote(def.expectBody, 40)}'`);
        else problems.push(`body does not contain '${quote(def.expectBody, 40)}' (starts: '${quote(body, 60)}')`);
      } else if (regex !== undefined) {
        if (regex.test(body)) facts.push(`body matches /${def.expectBodyRegex}/`);
        else problems.push(`body does not match /${def.expectBodyRegex}/ (starts: '${quote(body, 60)}')`);
      }
      if (def.maxLatencyMs !== undefined && latencyMs > def.maxLatencyMs) {
        problems.push(`took ${ms(latencyMs)}, limit ${ms(def.maxLatencyMs)}`);
      }
      let warning: string | undefined;
      const tls = await cert;
      if (tls !== null && 'error' in tls) warning = `could not read the certificate: ${tls.error}`;
      else if (tls !== null && tls.expired) problems.push(`certificate expired ${tls.days === 0 ? 'today' : `${tls.days} days ago`}`);
      else if (tls !== null) {
        facts.push(`certificate valid for ${tls.days} more days`);
        if (tls.days < def.tlsMinDaysLeft) warning = `certificate expires in ${tls.days} days (warn below ${def.tlsMinDaysLeft})`;
      }
      const ok = problems.length === 0;
      return {
        ok,
        detail: ok ? facts.join(', ') : problems.join('; '),
        latencyMs,
        ...(warning === undefined ? {} : { warning }),
      };
    },
  };
}
