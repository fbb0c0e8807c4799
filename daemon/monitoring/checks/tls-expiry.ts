/**
 * @module When a server's TLS certificate expires, read from a handshake of our own.
 *
 * fetch does not expose the peer certificate, so the http check opens a second, short TLS
 * connection. It never verifies: the request itself already did (unless `insecure`), and an
 * expired or self-signed certificate must still be readable to report its dates.
 */
import { isIP } from 'node:net';
import { connect as tlsConnect, type ConnectionOptions, type TLSSocket } from 'node:tls';
import { abortDetail } from './probe.js';

/** Opens a TLS connection (injectable for tests). */
export type TlsConnect = (options: ConnectionOptions) => TLSSocket;

const DAY_MS = 86_400_000;

/** Whole days from `nowMs` until `validTo`; negative once expired. */
export function daysLeft(validTo: Date, nowMs: number): number {
  return Math.floor((validTo.getTime() - nowMs) / DAY_MS);
}

/**
 * The `valid_to` date of the certificate `host:port` presents.
 *
 * @param host - a name or an address; IPv6 without brackets.
 */
export function readCertificateExpiry(host: string, port: number, signal: AbortSignal, connect: TlsConnect = tlsConnect): Promise<Date> {
  return new Promise((resolve, reject) => {
    if (signal.aborted) {
      reject(new Error(abortDetail(signal)));
      return;
    }
    // SNI carries names only: Node refuses (and servers ignore) an address as the server name.
    const socket = connect({ host, port, rejectUnauthorized: false, ...(isIP(host) === 0 ? { servername: host } : {}) });
    const finish = (error: Error | null, date?: Date): void => {
      signal.removeEventListener('abort', onAbort);
      socket.destroy();
      if (error === null) resolve(date as Date);
      else reject(error);
    };
    const onAbort = (): void => finish(new Error(abortDetail(signal)));
    signal.addEventListener('abort', onAbort, { once: true });
    socket.once('error', (error) => finish(error));
    socket.once('secureConnect', () => {
      const validTo = socket.getPeerCertificate().valid_to;
      const time = typeof validTo === 'string' ? Date.parse(validTo) : NaN;
      if (Number.isNaN(time)) finish(new Error('the server presented no certificate with an expiry date'));
      else finish(null, new Date(time));
    });
  });
}
