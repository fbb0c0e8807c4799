/**
 * @module Screening a request: the detector's verdict, the event, and what it leads to.
 *
 * A detected threat (or a CSRF refusal) is a security event and a failure of its address at the
 * decision point, so repeats lead to a ban. Evidence from fields that hold credentials is not
 * recorded, only the rule that matched.
 */
import type { AuditLog } from '../audit-log.js';
import {
  checkCsrf,
  type CsrfOptions,
  type CsrfRequest,
  type CsrfVerdict,
} from '../threats/csrf.js';
import { detectThreat, type Threat } from '../threats/index.js';
import type { DecisionPoint, Enforcement } from './decision-point.js';

export interface ScreenMeta {
  ip: string | null;
  actor: string;
  /** Where the request came from (`http`, `scan`, `library`), recorded with the event. */
  source: string;
}

export interface ScreenResult {
  threat: Threat | null;
  /** True when the caller must refuse the request (a threat, and not in simulate mode). */
  refused: boolean;
  simulated: boolean;
  incident: string | null;
  enforcement: Enforcement | null;
}

const CREDENTIAL_FIELD = /pass|pwd|secret|token|key|auth|cookie|credential/i;

/** The evidence as recorded: never text from a credential field. */
export function recordedEvidence(threat: Threat): string {
  return CREDENTIAL_FIELD.test(threat.field) ? '[redacted: credential field]' : threat.evidence;
}

export class ThreatScreen {
  constructor(
    private readonly audit: AuditLog,
    private readonly decisions: DecisionPoint,
    private readonly simulate: () => boolean,
  ) {}

  /** Looks for attacks in `request`; with `enforce`, a finding is an event and counts to a ban. */
  async screen(request: unknown, meta: ScreenMeta, enforce = true): Promise<ScreenResult> {
    const threat = detectThreat(request);
    if (threat === null)
      return { threat: null, refused: false, simulated: false, incident: null, enforcement: null };
    return this.found(threat, meta, enforce);
  }

  /**
   * {@link screen} with enforcement, for every web request: null at once (no promise, no
   * microtask) when nothing is found, which is nearly always; otherwise what screen resolves to.
   */
  screenNow(request: unknown, meta: ScreenMeta): Promise<ScreenResult> | null {
    const threat = detectThreat(request);
    return threat === null ? null : this.found(threat, meta, true);
  }

  private async found(threat: Threat, meta: ScreenMeta, enforce: boolean): Promise<ScreenResult> {
    const simulated = this.simulate();
    if (!enforce)
      return { threat, refused: false, simulated: false, incident: null, enforcement: null };
    const incident = this.decisions.newIncident();
    await this.audit.append({
      type: 'threat.detected',
      actor: meta.actor,
      subject: threat.field,
      ip: meta.ip,
      outcome: simulated ? 'info' : 'refused',
      details: {
        incident,
        simulated,
        source: meta.source,
        threat: threat.type,
        rule: threat.rule,
        confidence: threat.confidence,
        evidence: recordedEvidence(threat),
      },
    });
    const enforcement = await this.decisions.failure({ kind: 'threat', ip: meta.ip, incident });
    return { threat, refused: !simulated, simulated, incident, enforcement };
  }

  /** The CSRF check, with the same event and counting on refusal. */
  async csrf(
    request: CsrfRequest,
    options: CsrfOptions,
    meta: ScreenMeta,
  ): Promise<{ verdict: CsrfVerdict | null; enforcement: Enforcement | null }> {
    const verdict = checkCsrf(request, options);
    if (verdict === null) return { verdict, enforcement: null };
    const incident = this.decisions.newIncident();
    await this.audit.append({
      type: 'csrf.refused',
      actor: meta.actor,
      subject: request.method,
      ip: meta.ip,
      outcome: 'refused',
      details: { incident, rule: verdict.rule, source: meta.source },
    });
    return {
      verdict,
      enforcement: await this.decisions.failure({ kind: 'csrf', ip: meta.ip, incident }),
    };
  }
}
