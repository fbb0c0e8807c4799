/**
 * @module Method → handler dispatch, derived from the method table.
 *
 * Every frame is guarded before a handler runs: not a request → -32600; unknown method → -32601;
 * params that fail the method's schema → -32602 naming the field. Handlers throw AppErrors, which
 * go on the wire as `{code, message, data}`; anything else is logged and answered as an internal
 * error without its stack.
 */
import type { z } from 'zod';
import { AppError, type WireError } from '../src/protocol/errors.js';
import { idOf, isRequest, type ResponseMessage } from '../src/protocol/jsonrpc.js';
import {
  methods,
  type MethodName,
  type ResultOf,
  type ValidParamsOf,
} from '../src/protocol/methods.js';
import type { Logger } from './log.js';

/** What a handler knows about the connection it serves. */
export interface Connection {
  readonly id: number;
  /** Set by the hello handler. */
  hello: { client: string; version: string } | null;
  readonly subscriptions: Set<string>;
  /** The account this connection logged in as (`security.authenticate`), if any. */
  principal: { username: string; sessionId: string } | null;
}

export interface RequestContext {
  connection: Connection;
  /** Who is acting, for the audit log: the local user, since the socket is owner-only. */
  actor: string;
}

export type Handler<M extends MethodName> = (
  params: ValidParamsOf<M>,
  ctx: RequestContext,
) => Promise<ResultOf<M>> | ResultOf<M>;

/** One handler for every method; the compiler refuses a table with one missing. */
export type HandlerTable = { [M in MethodName]: Handler<M> };

function isMethod(name: string): name is MethodName {
  return Object.hasOwn(methods, name);
}

/** Builds the -32602 message from the first schema issue, naming the field. */
export function describeParamsIssue(error: z.ZodError): { message: string; field: string } {
  const issue = error.issues[0];
  if (issue === undefined) return { message: 'invalid params', field: '' };
  if (issue.code === 'unrecognized_keys') {
    const field = [...issue.path, issue.keys[0] ?? ''].join('.');
    return { message: `invalid params: unknown field '${field}'`, field };
  }
  const field = issue.path.join('.');
  return {
    message:
      field === ''
        ? `invalid params: ${issue.message}`
        : `invalid params: '${field}': ${issue.message}`,
    field,
  };
}

/** Decides whether a request may run; throws UNAUTHORISED or FORBIDDEN when not. */
export type Authorize = (
  method: MethodName,
  params: unknown,
  ctx: RequestContext,
) => Promise<void> | void;

/** Told when a request that changes state begins and when it has settled (either way). */
export type MutationObserver = (phase: 'begin' | 'end', method: MethodName) => void;

export class Router {
  constructor(
    private readonly handlers: HandlerTable,
    private readonly logger: Logger,
    private readonly authorize: Authorize = () => undefined,
    private readonly onMutation: MutationObserver = () => undefined,
  ) {}

  private fail(id: ResponseMessage['id'], error: WireError): ResponseMessage {
    return { jsonrpc: '2.0', id, error };
  }

  /** Answers one decoded frame. Never throws. */
  async dispatch(message: unknown, ctx: RequestContext): Promise<ResponseMessage> {
    const id = idOf(message);
    if (!isRequest(message)) {
      return this.fail(
        id,
        new AppError(
          'INVALID_REQUEST',
          'invalid request: expected a JSON-RPC 2.0 request object with jsonrpc, id and method',
        ).toWire(),
      );
    }
    const name = message.method;
    if (!isMethod(name))
      return this.fail(
        id,
        new AppError('METHOD_NOT_FOUND', `method not found: '${name.slice(0, 100)}'`).toWire(),
      );
    if (ctx.connection.hello === null && name !== 'daemon.hello') {
      return this.fail(
        id,
        new AppError(
          'HANDSHAKE_REQUIRED',
          'the first request on a connection must be daemon.hello',
        ).toWire(),
      );
    }
    const parsed = methods[name].params.safeParse(message.params ?? {});
    if (!parsed.success) {
      const { message: text, field } = describeParamsIssue(parsed.error);
      return this.fail(id, new AppError('INVALID_PARAMS', text, { details: { field } }).toWire());
    }
    try {
      // Awaited only when asynchronous: a pipelined request after daemon.hello must find the
      // hello handled, so nothing may yield before a synchronous handler runs.
      const gate = this.authorize(name, parsed.data, ctx);
      if (gate instanceof Promise) await gate;
      const handler = this.handlers[name] as Handler<MethodName>;
      const mutates = methods[name].mutates;
      if (mutates) this.onMutation('begin', name);
      try {
        const result = await handler(parsed.data as ValidParamsOf<MethodName>, ctx);
        return { jsonrpc: '2.0', id: message.id, result };
      } finally {
        if (mutates) this.onMutation('end', name);
      }
    } catch (error) {
      if (error instanceof AppError) {
        if (error.code === 'INTERNAL' || error.code === 'STORE_WRITE_FAILED')
          this.logger.error({ err: error, method: name }, 'request failed');
        return this.fail(message.id, error.toWire());
      }
      this.logger.error({ err: error, method: name }, 'handler crashed');
      return this.fail(
        message.id,
        new AppError('INTERNAL', `internal error in ${name} (see the daemon log)`).toWire(),
      );
    }
  }
}
