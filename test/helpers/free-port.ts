/**
 * @module Test helper: a loopback TCP port that nothing listens on now — taken, then released —
 * to start a server on later, or to point a client at and see its connection refused.
 */
import { createServer, type AddressInfo } from 'node:net';

/** A free TCP port on 127.0.0.1 (closed again before it is returned). */
export async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}
