/**
 * @module Running protocol methods for HTTP routes through the daemon's Router, as the principal.
 *
 * Each call goes through the same guard (params schema, the access gate) and handler as a socket
 * request, on a connection of its own that is already past the handshake and logged in as the
 * principal. A wire error becomes the AppError it was, so the HTTP error mapping applies.
 */
import { AppError, isErrorCode } from '../../../src/protocol/errors.js';
import type { Router } from '../../router.js';
import type { Dispatch } from './pipeline-deps.js';

let nextId = 1;

/** A Dispatch over `router`; audit events name the account (or `http:anonymous`). */
export function routerDispatch(router: Router): Dispatch {
  return async (method, params, principal) => {
    const id = nextId++;
    const response = await router.dispatch(
      { jsonrpc: '2.0', id, method, params: params ?? {} },
      {
        connection: {
          id: -id,
          hello: { client: 'http', version: '1' },
          subscriptions: new Set<string>(),
          principal:
            principal === null
              ? null
              : { username: principal.username, sessionId: principal.sessionId },
        },
        actor: principal === null ? 'http:anonymous' : principal.username,
      },
    );
    if ('error' in response && response.error !== undefined) {
      const { code, field, ...rest } = response.error.data;
      const known = isErrorCode(code) ? code : 'INTERNAL';
      // INVALID_PARAMS is the socket's name for what HTTP calls invalid input.
      throw new AppError(
        known === 'INVALID_PARAMS' ? 'INVALID_INPUT' : known,
        response.error.message,
        {
          details: { ...rest, ...(typeof field === 'string' && field !== '' ? { field } : {}) },
        },
      );
    }
    return (response as { result: unknown }).result;
  };
}
