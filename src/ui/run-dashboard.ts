/**
 * @module Runs the monitoring dashboard full screen over a daemon connection until the user
 * quits: the socket-backed source (reconnecting on its own) feeds the root view.
 */
import { createElement } from 'react';
import { createDaemonSource, type SourceClient } from './monitoring/daemon-source.js';
import { DashboardApp } from './monitoring/DashboardApp.js';
import { runInk, type InkIo } from './run-ink.js';

export interface RunDashboardOptions {
  io: InkIo;
  /** False for NO_COLOR, --no-color or a dumb terminal. */
  color: boolean;
  /** The socket, shown on the status line until the daemon says where it listens. */
  socketPath: string;
  /** The current time in ms (the CLI's clock). */
  now: () => number;
  /** Opens a connection: attempt 0 is the first (already open), then each reconnection. */
  open(attempt: number): Promise<SourceClient>;
}

/** Renders the dashboard and resolves once it has quit and the terminal is restored. */
export async function runDashboard(options: RunDashboardOptions): Promise<void> {
  if (typeof options.color !== 'boolean') throw new TypeError('"color" option must be a boolean');
  const source = createDaemonSource({
    open: options.open,
    socketPath: options.socketPath,
    clock: { now: options.now },
  });
  try {
    await runInk(
      createElement(DashboardApp, { source, color: options.color, clock: { now: options.now } }),
      options.io,
    );
  } finally {
    source.close();
  }
}
