import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { historyFrom } from '../../../../daemon/config/history-settings.js';
import { parseDuration } from '../../../../src/protocol/duration.js';

/** A stand-in for Settings holding raw config values (as a hand edit of config.json could). */
function settings(values: Record<string, string>): Parameters<typeof historyFrom>[0] {
  return {
    path: '/home/u/.config/clickup-brain/config.json',
    get: ((key: string) => values[key]) as never,
    ms: (key: string) => {
      const ms = parseDuration(values[key] ?? '');
      return typeof ms === 'number' ? ms : NaN;
    },
  };
}

describe('historyFrom', () => {
  test('retention 8d with a 2m interval gives the 1h level only (the daemon starts)', () => {
    assert.deepEqual(historyFrom(settings({ 'monitoring.scrapeInterval': '2m', 'monitoring.retention': '8d' })), {
      intervalMs: 120_000,
      retentionMs: 8 * 86_400_000,
      rollups: [{ stepMs: 3_600_000, retentionMs: 90 * 86_400_000 }],
    });
  });

  test('a value that gives no usable history names the key to change', () => {
    assert.throws(
      () => historyFrom(settings({ 'monitoring.scrapeInterval': 'soon', 'monitoring.retention': '24h' })),
      (error: Error & { code?: string; data?: unknown }) => {
        assert.equal(error.code, 'INVALID_INPUT');
        assert.match(
          error.message,
          /^the setting monitoring\.scrapeInterval \(soon\) gives no usable metric history \(history option intervalMs must be a positive integer, got NaN\); change it in \/home\/u\/\.config\/clickup-brain\/config\.json, or remove the key there to use the default$/,
        );
        return true;
      },
    );
    assert.throws(
      () => historyFrom(settings({ 'monitoring.scrapeInterval': '10s', 'monitoring.retention': 'forever' })),
      /^InvalidInputError: the setting monitoring\.retention \(forever\) gives no usable metric history/,
    );
  });
});
