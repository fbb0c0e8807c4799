/**
 * @module The web server's settings from the daemon's config keys (`http.*`), with the
 * `CLICKUP_BRAIN_HTTP_PORT` environment variable overriding `http.port` (tests run many daemons
 * at once and give each port 0: any free port).
 */
import type { Settings } from '../../config/settings.js';
import { splitList, type HttpSettings } from './http-settings.js';

/** The environment variable that overrides http.port. */
export const HTTP_PORT_ENV = 'CLICKUP_BRAIN_HTTP_PORT';

/** The port from the environment, or null when unset. @throws TypeError when it is not a port. */
export function portFromEnv(env: NodeJS.ProcessEnv): number | null {
  const text = env[HTTP_PORT_ENV];
  if (text === undefined || text === '') return null;
  const port = Number(text);
  if (!/^\d{1,5}$/.test(text) || port > 65_535)
    throw new TypeError(`${HTTP_PORT_ENV} must be a port number from 0 to 65535 (got '${text}')`);
  return port;
}

/** Getters over `settings`; each reads the current value. */
export function httpSettingsFrom(
  settings: Settings,
  env: NodeJS.ProcessEnv = process.env,
): HttpSettings {
  const envPort = portFromEnv(env);
  const path = (key: 'http.tlsCert' | 'http.tlsKey'): string | null => {
    const value = settings.get(key);
    return value === '' ? null : value;
  };
  return {
    enabled: () => settings.get('http.enabled') === 'on',
    host: () => settings.get('http.host'),
    port: () => envPort ?? settings.get('http.port'),
    tlsCert: () => path('http.tlsCert'),
    tlsKey: () => path('http.tlsKey'),
    allowInsecurePublic: () => (settings.get('http.allowInsecurePublic') as string) === 'on',
    statusPage: () => (settings.get('http.statusPage') as string) === 'on',
    metricsAllow: () => splitList(settings.get('http.metricsAllow')),
    rateLimitPerSecond: () => settings.get('http.rateLimit'),
    loginPerMinute: () => settings.get('http.loginRateLimit'),
  };
}
