/**
 * @module The security posture assessment (`security --posture`).
 */
export { assessPosture, type AssessPostureOptions } from './assess.js';
export {
  buildPostureReport,
  compareFindings,
  exitCodeForPosture,
  severities,
  severityRank,
  type CheckResult,
  type Finding,
  type PostureReport,
  type Severity,
} from './finding.js';
export { inspectPaths, type InspectPathsOptions, type PathSpec } from './file-permissions.js';
export { isLoopbackHost } from './loopback.js';
export {
  validatePostureFacts,
  type PostureFacts,
  type PostureKey,
  type PostureUser,
} from './posture-facts.js';
