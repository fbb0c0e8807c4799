/**
 * @module The inhibition settings as the alert views want them (read at each use).
 */
import type { InhibitionOptions } from '../monitoring/alerts/inhibition.js';
import type { Settings } from './settings.js';

export function inhibitionFrom(settings: Settings): InhibitionOptions {
  return {
    enabled: settings.get('monitoring.inhibition') === 'on',
    equal: settings.get('monitoring.inhibitionLabels').split(',').filter((l) => l !== ''),
  };
}
