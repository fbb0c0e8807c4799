/**
 * @module The dashboard's colours by meaning. Every component asks here, passing the `color`
 * flag the root received, so NO_COLOR turns all of them off in one place.
 */
import type { AlertView, CheckInfo, HealthReport } from '../../protocol/schemas.js';

/** An Ink colour name, or undefined for the terminal's default. */
export type Tone = 'red' | 'magenta' | 'yellow' | 'green' | 'cyan' | 'gray' | undefined;

const SEVERITY: Record<AlertView['severity'], Tone> = {
  emergency: 'magenta',
  critical: 'red',
  warning: 'yellow',
  info: 'cyan',
};
const CHECK: Record<CheckInfo['state'], Tone> = { down: 'red', unknown: 'gray', up: 'green' };
const HEALTH: Record<HealthReport['status'], Tone> = {
  unhealthy: 'red',
  degraded: 'yellow',
  healthy: 'green',
};

/** The colour of an alert: muted alerts are grey whatever their severity. */
export function alertTone(alert: AlertView, color: boolean): Tone {
  if (!color) return undefined;
  return alert.muted === null ? SEVERITY[alert.severity] : 'gray';
}

/** The colour of a check's state. */
export function checkTone(state: CheckInfo['state'], color: boolean): Tone {
  return color ? CHECK[state] : undefined;
}

/** The colour of an overall health status. */
export function healthTone(status: HealthReport['status'], color: boolean): Tone {
  return color ? HEALTH[status] : undefined;
}

/** A colour only when colours are on. */
export function tone(name: Tone, color: boolean): Tone {
  return color ? name : undefined;
}
