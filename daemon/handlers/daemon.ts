/**
 * @module daemon.* handlers: handshake, liveness, status, stop.
 */
import { PROTOCOL_VERSION, VERSION } from '../../src/protocol/version.js';
import type { HandlerTable } from '../router.js';
import type { HandlerDeps } from './context.js';

export function daemonHandlers({ facts, now }: HandlerDeps): Pick<HandlerTable, 'daemon.hello' | 'daemon.ping' | 'daemon.status' | 'daemon.shutdown'> {
  return {
    'daemon.hello': (params, ctx) => {
      ctx.connection.hello = { client: params.client, version: params.version };
      return { version: VERSION, protocol: PROTOCOL_VERSION, pid: facts.pid };
    },
    'daemon.ping': () => ({ time: new Date(now()).toISOString() }),
    'daemon.status': () => ({
      pid: facts.pid,
      version: VERSION,
      protocol: PROTOCOL_VERSION,
      startedAt: new Date(facts.startedAt).toISOString(),
      uptimeSeconds: Math.round((now() - facts.startedAt) / 1000),
      socketPath: facts.paths.socketPath,
      storePath: facts.paths.storeFile,
      eventsPath: facts.paths.eventsFile,
      configPath: facts.paths.configFile,
      logPath: facts.logPath,
      secretBackend: facts.secrets.backend,
      secretBackendDetail: facts.secrets.detail,
      clients: facts.clients(),
      subscribers: facts.subscribers(),
      ...(facts.web === undefined
        ? {}
        : (({ state, url, reason }) => ({ web: { state, url, reason } }))(facts.web())),
    }),
    'daemon.shutdown': () => {
      facts.requestStop();
      return { stopping: true };
    },
  };
}
