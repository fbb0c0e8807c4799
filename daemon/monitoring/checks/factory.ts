/**
 * @module Turns a check definition into something the scheduler can run.
 */
import type { Clock } from '../../clock.js';
import { commandProbe, type CommandProbeDeps } from './command.js';
import type { CheckDefinition } from './definition.js';
import type { HeartbeatRegistry } from './heartbeat.js';
import { heartbeatProbe } from './heartbeat.js';
import { httpProbe, type HttpProbeDeps } from './http.js';
import { processProbe, type ProcessProbeDeps } from './process.js';
import type { Probe, ScheduledCheck } from './probe.js';
import { diskProbe, memoryProbe } from './resource.js';
import { tcpProbe, type TcpProbeDeps } from './tcp.js';

/** The I/O the probes use; only `clock` and `heartbeats` are required, the rest default to the real thing. */
export interface ProbeDeps {
  clock: Clock;
  heartbeats: HeartbeatRegistry;
  http?: HttpProbeDeps;
  tcp?: TcpProbeDeps;
  command?: CommandProbeDeps;
  process?: ProcessProbeDeps;
}

function probeFor(def: CheckDefinition, deps: ProbeDeps): Probe {
  switch (def.type) {
    case 'http':
      return httpProbe(def, { clock: deps.clock, ...deps.http });
    case 'tcp':
      return tcpProbe(def, deps.tcp);
    case 'command':
      return commandProbe(def, deps.command);
    case 'disk':
      return diskProbe(def);
    case 'memory':
      return memoryProbe(def);
    case 'process':
      return processProbe(def, deps.process);
    case 'heartbeat':
      return heartbeatProbe(def, deps.heartbeats, deps.clock);
  }
}

/** Builds the runnable check for a validated definition. */
export function createCheck(def: CheckDefinition, deps: ProbeDeps): ScheduledCheck {
  const probe = probeFor(def, deps);
  return {
    name: def.name,
    type: def.type,
    intervalMs: def.intervalMs,
    timeoutMs: def.timeoutMs,
    failureThreshold: def.failureThreshold,
    successThreshold: def.successThreshold,
    public: def.public,
    run: (signal) => probe.run(signal),
  };
}
