/**
 * @module The tcp check: can a connection be opened to host:port?
 */
import { connect as netConnect, type NetConnectOpts, type Socket } from 'node:net';
import { InvalidInputError } from '../../../src/protocol/errors.js';
import { parseHostPort } from './address.js';
import type { TcpCheckDefinition } from './definition.js';
import { abortDetail, errorText, monotonic, ms, since, type Probe, type ProbeResult, type Timer } from './probe.js';

/** Opens a TCP connection (injectable for tests). */
export type Connect = (options: NetConnectOpts) => Socket;

export interface TcpProbeDeps {
  connect?: Connect;
  timer?: Timer;
}

/** Builds the tcp check for `def`. */
export function tcpProbe(def: TcpCheckDefinition, deps: TcpProbeDeps = {}): Probe {
  const target = parseHostPort(def.target);
  if (typeof target === 'string') throw new InvalidInputError(`check '${def.name}': target is invalid: ${target}`, 'target');
  const connect = deps.connect ?? netConnect;
  const timer = deps.timer ?? monotonic;
  return {
    run(signal: AbortSignal): Promise<ProbeResult> {
      const started = timer();
      return new Promise((resolve) => {
        if (signal.aborted) {
          resolve({ ok: false, detail: abortDetail(signal), latencyMs: 0 });
          return;
        }
        const socket = connect({ host: target.host, port: target.port });
        const finish = (ok: boolean, detail: string): void => {
          signal.removeEventListener('abort', onAbort);
          // destroy, not end: the check only wanted the handshake, and a half-closed socket lingers.
          socket.destroy();
          resolve({ ok, detail, latencyMs: since(timer, started) });
        };
        const onAbort = (): void => finish(false, abortDetail(signal));
        signal.addEventListener('abort', onAbort, { once: true });
        socket.once('connect', () => finish(true, `connected to ${def.target} in ${ms(since(timer, started))}`));
        socket.once('error', (error) => finish(false, `cannot connect to ${def.target}: ${errorText(error)}`));
      });
    },
  };
}
