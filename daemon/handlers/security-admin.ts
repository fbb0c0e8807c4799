/**
 * @module Security status, the audit log (query and verify), the allowlist, threat scans and the
 * posture assessment.
 */
import { InvalidInputError } from '../../src/protocol/errors.js';
import { parseEventFilter, scanEvents } from '../security/audit-query.js';
import { verifyAuditLog, verifyEvents } from '../security/audit-verify.js';
import { runPosture } from '../security/engine/posture-run.js';
import { securityStatus } from '../security/engine/security-status.js';
import type { HandlerTable } from '../router.js';
import type { HandlerDeps } from './context.js';

type Names =
  | 'security.status'
  | 'security.events'
  | 'security.verifyLog'
  | 'security.allowlist.add'
  | 'security.allowlist.remove'
  | 'security.allowlist.list'
  | 'security.scan'
  | 'security.posture';

export function securityAdminHandlers(deps: HandlerDeps): Pick<HandlerTable, Names> {
  const { core, facts, now } = deps;
  const { security } = core;
  return {
    'security.status': (_params, ctx) =>
      securityStatus(core, security.settings, facts.secrets.backend, ctx.connection.principal),
    'security.events': async ({ type, user, ip, sinceMs, limit }) => {
      const filter = parseEventFilter({
        ...(type === undefined ? {} : { type }),
        ...(user === undefined ? {} : { user }),
        ...(ip === undefined ? {} : { ip }),
        ...(sinceMs === undefined ? {} : { since: now() - sinceMs }),
        ...(limit === undefined ? {} : { limit }),
      });
      const files = await core.audit.files();
      return scanEvents(files.length > 0 ? { files } : { events: core.audit.recent() }, filter);
    },
    'security.verifyLog': async () => {
      const files = await core.audit.files();
      const result =
        files.length > 0 ? await verifyAuditLog(files) : verifyEvents(core.audit.recent());
      return {
        ok: result.ok,
        lines: result.lines,
        files: result.files,
        firstBroken: result.firstBroken,
      };
    },
    'security.allowlist.add': ({ target }, ctx) => security.allowlist.add(target, ctx.actor),
    'security.allowlist.remove': async ({ target }, ctx) => ({
      entry: await security.allowlist.remove(target, ctx.actor),
    }),
    'security.allowlist.list': () => security.allowlist.list(),
    'security.scan': ({ request }) => {
      if (request === undefined)
        throw new InvalidInputError('request is required: a JSON value to screen', 'request');
      return { threat: security.detectThreat(request) };
    },
    'security.posture': () =>
      runPosture(core, facts.paths, facts.secrets.backend, now, facts.web?.()),
  };
}
