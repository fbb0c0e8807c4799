/**
 * @module `security --start | --status | --posture | --scan [<request-json>]`.
 */
import type { Command } from 'commander';
import { InvalidInputError } from '../../../protocol/errors.js';
import type { ResultOf } from '../../../protocol/methods.js';
import type { PostureReportWire, SecurityStatusWire } from '../../../protocol/security-schemas.js';
import { loggedInClient } from '../../auth/login-session.js';
import type { CliContext } from '../../context.js';
import type { Colors } from '../../output.js';
import { readStdin } from '../../read-stdin.js';
import { renderPairs, renderTable } from '../../table.js';
import type { SecurityOptions } from './modes.js';
import { ago } from './time-text.js';

const MAX_SCAN_BYTES = 256 * 1024;

export function addStatusOptions(command: Command): Command {
  return command
    .option('--start', 'make sure the daemon and its security engine run (starting it if needed), then print the status')
    .option('--status', 'users, sessions, locked accounts, bans, threats and failed logins in the last 24 h, keys, secret backend')
    .option('--posture', 'assess this installation (permissions, bcrypt cost, passwords, admins, keys, simulate modes); exit 1 when the worst finding is medium or worse')
    .option('--scan [request-json]', 'run the threat detector on a request (JSON from the argument or stdin); exit 1 when a threat is found');
}

export function renderSecurityStatus(s: SecurityStatusWire, now: number): string {
  const simulate = Object.entries(s.simulate).filter(([, on]) => on).map(([k]) => k);
  const pairs: Array<[string, string]> = [
    ['Users', `${s.users.total} (${s.users.active} active, ${s.users.disabled} disabled, ${s.users.locked} locked; ${s.users.admins} admin)`],
    ['Locked', s.lockedUsers.length === 0 ? 'none' : s.lockedUsers.map((u) => `${u.username}${u.until === null ? ' (until unlocked)' : ` (${ago(u.until, now)})`}`).join(', ')],
    ['Sessions', `${s.sessions.active} active`],
    ['Bans', `${s.bans.manual} manual, ${s.bans.auto} automatic`],
    ['Last 24 h', `${s.threats24h} threat(s), ${s.failedLogins24h} failed login(s)`],
    ['Keys', s.keys.length === 0 ? 'none yet' : s.keys.map((k) => `${k.name} v${k.version} (${ago(k.createdAt, now)})`).join(', ')],
    ['Secrets', `${s.secrets} kept; backend: ${s.secretBackend}`],
    ['Simulate', simulate.length === 0 ? 'off (enforcing)' : `on for ${simulate.join(', ')}: decisions are logged, not enforced`],
    ['Allowlist', s.allowlist.join(', ')],
    ['Posture', s.lastPosture === null ? 'not assessed yet (clickup-brain security --posture)' : `${s.lastPosture.worst} (${ago(s.lastPosture.assessedAt, now)})`],
    ['You', s.principal === null ? 'local operator (not logged in)' : `${s.principal.username} (session ${s.principal.sessionId})`],
  ];
  return renderPairs(pairs);
}

function severityColour(severity: string, c: Colors): string {
  if (severity === 'critical' || severity === 'high') return c.red(severity);
  if (severity === 'medium') return c.yellow(severity);
  return c.dim(severity);
}

export function renderPosture(report: PostureReportWire, c: Colors): string {
  if (report.findings.length === 0) return `No findings: ${report.checks} things examined.`;
  const rows = report.findings.map((f) => [severityColour(f.severity, c), f.title, f.subject ?? '-', f.fix ?? f.detail]);
  return `Worst: ${severityColour(report.worst, c)} (${report.checks} things examined)\n${renderTable(['SEVERITY', 'FINDING', 'SUBJECT', 'FIX'], rows)}`;
}

/** 0 when the worst finding is info or low (or none), 1 for medium and worse. */
export function postureExitCode(report: Pick<PostureReportWire, 'worst'>): number {
  return ['medium', 'high', 'critical'].includes(report.worst) ? 1 : 0;
}

export async function runStatus(ctx: CliContext): Promise<void> {
  const { client } = await loggedInClient(ctx);
  const status = await client.request('security.status', {});
  ctx.out.data(status, () => renderSecurityStatus(status, ctx.deps.now()));
}

export async function runPosture(ctx: CliContext): Promise<number> {
  const report = await (await ctx.client()).request('security.posture', {});
  ctx.out.data(report, () => renderPosture(report, ctx.out.color));
  return postureExitCode(report);
}

export function renderScan(result: ResultOf<'security.scan'>): string {
  const t = result.threat;
  return t === null ? 'No threat found.' : `THREAT ${t.type} in ${t.field} (confidence ${t.confidence}, rule ${t.rule}): ${t.evidence}`;
}

export async function runScan(ctx: CliContext, options: SecurityOptions): Promise<number> {
  const text = typeof options.scan === 'string' ? options.scan : (await readStdin(ctx.deps.stdin, 'the request JSON', MAX_SCAN_BYTES)).toString('utf8');
  let request: unknown;
  try {
    request = JSON.parse(text);
  } catch (error) {
    throw new InvalidInputError(`the request is not valid JSON: ${(error as Error).message}`, 'request');
  }
  const result = await (await ctx.client()).request('security.scan', { request });
  ctx.out.data(result, () => renderScan(result));
  return result.threat === null ? 0 : 1;
}
