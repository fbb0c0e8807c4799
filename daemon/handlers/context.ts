/**
 * @module What the handlers are given: the engines, settings and the daemon's own facts.
 */
import type { Paths } from '../../src/protocol/paths.js';
import type { Settings } from '../config/settings.js';
import type { Core } from '../core.js';
import type { SecretStore } from '../security/secret-store.js';

export interface DaemonFacts {
  pid: number;
  startedAt: number;
  paths: Paths;
  logPath: string;
  secrets: SecretStore;
  clients: () => number;
  subscribers: () => number;
  /** Begins a graceful stop after the current reply is sent. */
  requestStop: () => void;
}

export interface HandlerDeps {
  core: Core;
  settings: Settings;
  facts: DaemonFacts;
  now: () => number;
}
