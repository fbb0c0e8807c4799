/**
 * @module Runs the live security view full screen until the user quits.
 *
 * Ink, React and the components are imported here, on demand, so the plain CLI path never loads
 * them.
 */
import type { SecurityMode } from './panels.js';
import { MODES } from './panels.js';
import { createSecuritySource, type SecurityClient } from './source.js';

export interface RunSecurityViewOptions {
  /** A connected client (its connection stays open; the caller closes it). */
  client: SecurityClient;
  mode: SecurityMode;
  /** False when NO_COLOR is set or colours are off. */
  color: boolean;
  stdout: NodeJS.WriteStream;
  stdin: NodeJS.ReadStream;
}

/**
 * Renders the security view and resolves once the user quits (`q` or Ctrl-C).
 *
 * @example
 * await runSecurityView({ client, mode: 'status', color: true, stdout: process.stdout, stdin: process.stdin });
 */
export async function runSecurityView(options: RunSecurityViewOptions): Promise<void> {
  if (!MODES.includes(options.mode))
    throw new TypeError(`"mode" option must be one of ${MODES.join(', ')}`);
  if (typeof options.color !== 'boolean') throw new TypeError('"color" option must be a boolean');
  const source = createSecuritySource(options.client);
  const [{ render }, { createElement }, { SecurityApp }] = await Promise.all([
    import('ink'),
    import('react'),
    import('./SecurityApp.js'),
  ]);
  const instance = render(
    createElement(SecurityApp, { source, mode: options.mode, color: options.color }),
    {
      stdout: options.stdout,
      stdin: options.stdin,
      // The view handles Ctrl-C itself so quitting always goes one way.
      exitOnCtrlC: false,
      patchConsole: false,
    },
  );
  await instance.waitUntilExit();
}
