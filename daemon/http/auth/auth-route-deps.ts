/**
 * @module What the login, logout and session routes need besides the request.
 */
import type { Clock } from '../../clock.js';
import type { CookieSessions } from './cookie-sessions.js';

export interface AuthRouteDeps {
  clock: Clock;
  /** Served over TLS: cookies get Secure. */
  tls: boolean;
  cookieSessions: CookieSessions;
  /** The address actually listened on. */
  listen: () => { host: string; port: number };
}
