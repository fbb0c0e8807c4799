/**
 * @module The RBAC step: the route's permission against the principal's effective permissions
 * (roles, grants, revokes, account status — the engine's checkPermission).
 *
 * No principal on a protected route is 401 (with the reason the credentials failed, when some were
 * sent); a principal without the permission is 403 naming the permission.
 */
import { AppError } from '../../../src/protocol/errors.js';
import type { SecurityEngine } from '../../security/engine/security-engine.js';
import type { HttpPrincipal } from '../types.js';

/**
 * @throws AppError UNAUTHORISED (or the credential failure) / FORBIDDEN.
 */
export function authorize(
  security: SecurityEngine,
  permission: string | null,
  principal: HttpPrincipal | null,
  failure: AppError | null,
): void {
  if (permission === null) return;
  if (principal === null) {
    throw (
      failure ??
      new AppError('UNAUTHORISED', `log in first: this needs ${permission}`, {
        details: { permission },
      })
    );
  }
  const decision = security.checkPermission(principal.username, permission);
  if (!decision.allowed)
    throw new AppError(
      'FORBIDDEN',
      `${principal.username} may not do this: it needs ${permission}`,
      {
        details: { permission },
      },
    );
}
