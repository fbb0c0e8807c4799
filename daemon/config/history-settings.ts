/**
 * @module The metric history's layout from the settings (read once, at start).
 *
 * `historyLayout` gives a valid layout for every value `config set` accepts; a hand-edited
 * config.json can still hold one it cannot use, and then the daemon says which key to change
 * instead of naming an internal option.
 */
import { InvalidInputError } from '../../src/protocol/errors.js';
import { historyLayout } from '../monitoring/history/layout.js';
import { resolveHistoryOptions, type HistoryOptions } from '../monitoring/history/options.js';
import type { Settings } from './settings.js';

const INTERVAL = 'monitoring.scrapeInterval';
const RETENTION = 'monitoring.retention';

function usable(ms: number): boolean {
  return Number.isSafeInteger(ms) && ms > 0;
}

/**
 * The history options for `settings.monitoring.scrapeInterval` and `monitoring.retention`.
 * @throws InvalidInputError naming the key(s) to change (field: the key) when they give no usable history.
 */
export function historyFrom(settings: Pick<Settings, 'get' | 'ms' | 'path'>): HistoryOptions {
  const intervalMs = settings.ms(INTERVAL);
  const retentionMs = settings.ms(RETENTION);
  const layout = historyLayout(intervalMs, retentionMs);
  try {
    resolveHistoryOptions(layout);
  } catch (error) {
    const keys = !usable(intervalMs) ? [INTERVAL] : !usable(retentionMs) ? [RETENTION] : [INTERVAL, RETENTION];
    const shown = keys.map((key) => `${key} (${String(settings.get(key as typeof INTERVAL))})`).join(' and ');
    throw new InvalidInputError(
      `${keys.length > 1 ? 'the settings' : 'the setting'} ${shown} ${keys.length > 1 ? 'give' : 'gives'} no usable metric history (${(error as Error).message}); ` +
        `change ${keys.length > 1 ? 'them' : 'it'} in ${settings.path}, or remove the key there to use the default`,
      keys[0],
    );
  }
  return layout;
}
