/**
 * @module Where the engines' own troubles go in the daemon: the daemon log.
 *
 * The engines take callbacks rather than a logger (the library runs them with none); the daemon
 * passes these, so nothing an engine reports is dropped silently.
 */
import type { CoreOptions } from './core.js';

/** The part of the daemon's (pino) logger the hooks use. */
export interface HookLogger {
  info(fields: object, message: string): void;
  warn(fields: object, message: string): void;
  error(fields: object, message: string): void;
}

/** The CoreOptions callbacks that write to `logger`. */
export type CoreLogHooks = Required<
  Pick<
    CoreOptions,
    | 'notifierLogger'
    | 'onNotificationProblem'
    | 'onAuditRecovered'
    | 'onHistoryLost'
    | 'onPushedSkipped'
    | 'onBadDefinition'
    | 'onUptimeError'
  >
>;

/** The engines' callbacks for `openCore`, each writing one line to `logger`. */
export function coreLogHooks(logger: HookLogger): CoreLogHooks {
  return {
    notifierLogger: logger,
    onNotificationProblem: (message) => logger.warn({}, message),
    onAuditRecovered: (bytes) =>
      logger.warn({ bytes }, 'cut a torn last line from the audit log (a crash mid-write)'),
    onHistoryLost: (error) =>
      logger.error(
        { err: error },
        'the metric history snapshot could not be read; history starts empty',
      ),
    onPushedSkipped: (what, reason) =>
      logger.warn({ what, reason }, `${what} in the history snapshot is skipped: ${reason}`),
    onBadDefinition: (kind, name, error) =>
      logger.error(
        { kind, name, err: error },
        'a stored definition no longer validates and is skipped',
      ),
    // The recorder drops that batch of counts and goes on; the status page's uptime is short by
    // those runs, so say so, with the store's reason (EROFS, ENOSPC, …).
    onUptimeError: (error) =>
      logger.warn(
        { err: error },
        `the checks' hourly uptime could not be written (those runs are not counted): ${error.message}`,
      ),
  };
}
