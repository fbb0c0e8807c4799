/**
 * @module The security posture assessment behind `security --posture` and the daemon's daily run:
 * every check over one set of facts, totalled into one report.
 */
import { checkAccounts } from './account-checks.js';
import { inspectPaths, type InspectPathsOptions } from './file-permissions.js';
import { buildPostureReport, type PostureReport } from './finding.js';
import { checkKeys } from './key-checks.js';
import { validatePostureFacts, type PostureFacts } from './posture-facts.js';
import { checkSettings } from './settings-checks.js';

/** Options of {@link assessPosture}. */
export interface AssessPostureOptions {
  /** Passed to inspectPaths: the uid that should own every path (default: this process's). */
  uid?: InspectPathsOptions['uid'];
}

/**
 * Assesses the installation described by `facts` at time `now` (ms since the epoch). The only I/O
 * is an `lstat` of each path. Findings are sorted worst first, then by id, then by subject.
 *
 * @throws TypeError naming the field when `facts` or `now` is malformed.
 *
 * @example
 * ```ts
 * const report = await assessPosture(await gatherPostureFacts(), clock.now());
 * process.exitCode = exitCodeForPosture(report);
 * ```
 */
export async function assessPosture(
  facts: PostureFacts,
  now: number,
  options: AssessPostureOptions = {},
): Promise<PostureReport> {
  validatePostureFacts(facts);
  if (typeof now !== 'number' || !Number.isFinite(now) || now < 0)
    throw new TypeError('"now" must be a non-negative number of ms since the epoch');
  const pathFindings = await inspectPaths(facts.paths, options);
  const groups = [checkSettings(facts), checkAccounts(facts, now), checkKeys(facts, now)];
  return buildPostureReport(
    [...pathFindings, ...groups.flatMap((group) => group.findings)],
    now,
    facts.paths.length + groups.reduce((sum, group) => sum + group.checks, 0),
  );
}
