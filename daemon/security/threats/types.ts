/** The kinds of threat the detector reports. */
export type ThreatType = 'sqli' | 'xss' | 'path_traversal' | 'command_injection';

/** What one detector found in one string: no field yet, the walker adds it. */
export interface Finding {
  type: ThreatType;
  confidence: number;
  /** A fingerprint or the offending token, at most 64 characters. */
  evidence: string;
  /** Stable rule id, e.g. `sqli.tautology`, so a verdict can be explained. */
  rule: string;
}

/** A verdict for a request: the finding plus the field path it came from (`a.b[2]`, `$` for the root). */
export interface Threat extends Finding {
  field: string;
}

/** Longest evidence string ever returned: enough to explain, never the whole input. */
export const MAX_EVIDENCE = 64;

/** Cuts evidence to {@link MAX_EVIDENCE} characters. */
export function clip(text: string): string {
  return text.length <= MAX_EVIDENCE ? text : `${text.slice(0, MAX_EVIDENCE - 1)}…`;
}
