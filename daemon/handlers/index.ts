/**
 * @module The full handler table.
 */
import type { HandlerTable } from '../router.js';
import type { HandlerDeps } from './context.js';
import { configHandlers } from './config.js';
import { daemonHandlers } from './daemon.js';
import { monitoringHandlers } from './monitoring.js';
import { securityHandlers } from './security.js';

export function createHandlers(deps: HandlerDeps): HandlerTable {
  return {
    ...daemonHandlers(deps),
    ...configHandlers(deps),
    ...monitoringHandlers(deps),
    ...securityHandlers(deps),
  };
}
