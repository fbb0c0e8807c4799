/**
 * @module Bench helper: a free TCP port on loopback.
 */
import { createServer } from 'node:net';

/** A free TCP port on 127.0.0.1 (closed again: a server binds it a moment later). */
export async function freePort() {
  const server = createServer();
  await new Promise((ok) => server.listen(0, '127.0.0.1', ok));
  const { port } = server.address();
  await new Promise((ok) => server.close(ok));
  return port;
}
