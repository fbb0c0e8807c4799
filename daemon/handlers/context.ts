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
  /** The web dashboard's state (off, listening with its URL, or failed with the reason). */
  web?: () => WebFacts;
}

/** The web dashboard as `daemon.status` and the posture check see it. */
export interface WebFacts {
  state: 'off' | 'listening' | 'failed';
  url: string | null;
  reason: string | null;
  host: string;
  port: number;
  tls: boolean;
}

export interface HandlerDeps {
  core: Core;
  settings: Settings;
  facts: DaemonFacts;
  now: () => number;
}
