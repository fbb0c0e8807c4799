import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { coreLogHooks, type HookLogger } from '../../../daemon/core-log-hooks.js';

type Line = [level: 'info' | 'warn' | 'error', fields: object, message: string];

function recorder(): { logger: HookLogger; lines: Line[] } {
  const lines: Line[] = [];
  return {
    lines,
    logger: {
      info: (fields, message) => void lines.push(['info', fields, message]),
      warn: (fields, message) => void lines.push(['warn', fields, message]),
      error: (fields, message) => void lines.push(['error', fields, message]),
    },
  };
}

describe('coreLogHooks', () => {
  test("a failed uptime write is a warning naming the store's reason", () => {
    const { logger, lines } = recorder();
    const error = new Error('EROFS: read-only file system, open /data/store.json.tmp');
    coreLogHooks(logger).onUptimeError(error);
    assert.deepEqual(lines, [
      [
        'warn',
        { err: error },
        "the checks' hourly uptime could not be written (those runs are not counted): EROFS: read-only file system, open /data/store.json.tmp",
      ],
    ]);
  });

  test('the other engine troubles each write one line', () => {
    const { logger, lines } = recorder();
    const hooks = coreLogHooks(logger);
    const error = new Error('bad');
    hooks.onAuditRecovered(17);
    hooks.onHistoryLost(error);
    hooks.onBadDefinition('rule', 'cpu_high', error);
    hooks.onNotificationProblem('the channel ops is unknown');
    hooks.notifierLogger.info({ channel: 'log' }, 'an alert');
    hooks.onPushedSkipped('pushed metric jobs_total', 'series 0: labels must be 1 strings');
    assert.deepEqual(lines, [
      ['warn', { bytes: 17 }, 'cut a torn last line from the audit log (a crash mid-write)'],
      [
        'error',
        { err: error },
        'the metric history snapshot could not be read; history starts empty',
      ],
      [
        'error',
        { kind: 'rule', name: 'cpu_high', err: error },
        'a stored definition no longer validates and is skipped',
      ],
      ['warn', {}, 'the channel ops is unknown'],
      ['info', { channel: 'log' }, 'an alert'],
      [
        'warn',
        { what: 'pushed metric jobs_total', reason: 'series 0: labels must be 1 strings' },
        'pushed metric jobs_total in the history snapshot is skipped: series 0: labels must be 1 strings',
      ],
    ]);
  });
});
