/**
 * @module What a posture assessment reports: findings with a severity and a fix, and the report
 * that totals them. The exit code of `security --posture` is derived here, so the CLI and the
 * daemon's daily run agree on what "failing" means.
 */

/** How bad a finding is, from merely worth knowing to exploitable now. */
export type Severity = 'info' | 'low' | 'medium' | 'high' | 'critical';

/** Every severity, least severe first. */
export const severities: readonly Severity[] = ['info', 'low', 'medium', 'high', 'critical'];

/** One thing found wrong (or worth knowing) about the installation. */
export interface Finding {
  /** Stable kind of finding, e.g. `file-mode`; scripts and suppressions key on it. */
  id: string;
  severity: Severity;
  /** One line, for a table. */
  title: string;
  /** Why it matters and what was seen; never a secret. */
  detail: string;
  /** What it is about: a path, a username, a key name or a config key; null for the whole install. */
  subject: string | null;
  /** An exact shell command that fixes it, or null when no single command can. */
  fix: string | null;
}

/** The result of one assessment. */
export interface PostureReport {
  /** ms since the epoch. */
  assessedAt: number;
  /** Worst first, then by id, then by subject. */
  findings: Finding[];
  /** The most severe finding, or `ok` when there is none. */
  worst: Severity | 'ok';
  /** Findings per severity; every severity is present. */
  counts: Record<Severity, number>;
  /** How many things were examined (paths, users, keys, settings). */
  checks: number;
}

/** What one group of checks returns: its findings and how many things it examined. */
export interface CheckResult {
  findings: Finding[];
  checks: number;
}

/** 0 for `info`, 4 for `critical`. */
export function severityRank(severity: Severity): number {
  return severities.indexOf(severity);
}

function compareText(a: string | null, b: string | null): number {
  // Code-unit order, not locale order: the same report must sort the same on every machine.
  if (a === b) return 0;
  if (a === null) return -1;
  if (b === null) return 1;
  return a < b ? -1 : 1;
}

/** Orders findings worst first, then by id, then by subject (null first). */
export function compareFindings(a: Finding, b: Finding): number {
  return (
    severityRank(b.severity) - severityRank(a.severity) ||
    compareText(a.id, b.id) ||
    compareText(a.subject, b.subject)
  );
}

/** Sorts `findings` (a copy) and totals them into a report. */
export function buildPostureReport(
  findings: readonly Finding[],
  assessedAt: number,
  checks: number,
): PostureReport {
  const sorted = [...findings].sort(compareFindings);
  const counts: Record<Severity, number> = { info: 0, low: 0, medium: 0, high: 0, critical: 0 };
  for (const finding of sorted) counts[finding.severity] += 1;
  const first = sorted[0];
  return {
    assessedAt,
    findings: sorted,
    worst: first === undefined ? 'ok' : first.severity,
    checks,
    counts,
  };
}

/**
 * The exit code of `security --posture` for a report.
 *
 * - `0` when nothing worse than `low` was found (`ok`, `info`, `low`): the installation is
 *   acceptable and a cron job or CI step should pass.
 * - `1` when the worst finding is `medium`, `high` or `critical`: something needs fixing.
 *
 * Only 0 and 1 are used because the CLI's other codes already mean something else for every
 * command (2 bad usage, 3 daemon unreachable, 4 not authorised); a script that must tell `medium`
 * from `critical` reads `worst` from `--json`.
 *
 * @example
 * ```ts
 * process.exitCode = exitCodeForPosture(await assessPosture(facts, clock.now()));
 * ```
 */
export function exitCodeForPosture(report: Pick<PostureReport, 'worst'>): 0 | 1 {
  switch (report.worst) {
    case 'ok':
    case 'info':
    case 'low':
      return 0;
    case 'medium':
    case 'high':
    case 'critical':
      return 1;
    default:
      throw new TypeError(
        `"worst" must be 'ok' or a severity, got ${JSON.stringify(report.worst)}`,
      );
  }
}
