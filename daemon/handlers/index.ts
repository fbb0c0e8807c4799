/**
 * @module The full handler table.
 */
import type { HandlerTable } from '../router.js';
import type { HandlerDeps } from './context.js';
import { configHandlers } from './config.js';
import { daemonHandlers } from './daemon.js';
import { monitoringHandlers } from './monitoring.js';
import { notificationHandlers } from './notifications.js';
import { securityHandlers } from './security.js';
import { securityAdminHandlers } from './security-admin.js';
import { securityAuthHandlers } from './security-auth.js';
import { securityCryptoHandlers } from './security-crypto.js';
import { securityUserHandlers } from './security-users.js';

export function createHandlers(deps: HandlerDeps): HandlerTable {
  return {
    ...daemonHandlers(deps),
    ...configHandlers(deps),
    ...monitoringHandlers(deps),
    ...notificationHandlers(deps),
    ...securityHandlers(deps),
    ...securityUserHandlers(deps),
    ...securityAuthHandlers(deps),
    ...securityCryptoHandlers(deps),
    ...securityAdminHandlers(deps),
  };
}
