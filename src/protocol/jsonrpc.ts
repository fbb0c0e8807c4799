/**
 * @module JSON-RPC 2.0 message shapes and the guards that every incoming frame passes through.
 */
import type { WireError } from './errors.js';

export type RequestId = number | string;

export interface RequestMessage {
  jsonrpc: '2.0';
  id: RequestId;
  method: string;
  params?: unknown;
}

export interface NotificationMessage {
  jsonrpc: '2.0';
  method: string;
  params?: unknown;
}

export interface SuccessResponse {
  jsonrpc: '2.0';
  id: RequestId;
  result: unknown;
}

export interface ErrorResponse {
  jsonrpc: '2.0';
  id: RequestId | null;
  error: WireError;
}

export type ResponseMessage = SuccessResponse | ErrorResponse;

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function isId(value: unknown): value is RequestId {
  return (typeof value === 'number' && Number.isFinite(value)) || (typeof value === 'string' && value.length <= 128);
}

/** A request: has an id and a method. */
export function isRequest(value: unknown): value is RequestMessage {
  return isObject(value) && value['jsonrpc'] === '2.0' && typeof value['method'] === 'string' && isId(value['id']);
}

/** A notification: a method and no id. */
export function isNotification(value: unknown): value is NotificationMessage {
  return isObject(value) && value['jsonrpc'] === '2.0' && typeof value['method'] === 'string' && !('id' in value);
}

/** A response to one of our requests. */
export function isResponse(value: unknown): value is ResponseMessage {
  return (
    isObject(value) &&
    value['jsonrpc'] === '2.0' &&
    ('result' in value || isObject(value['error'])) &&
    (isId(value['id']) || value['id'] === null)
  );
}

/** The id of a frame that looked like a request, for error replies; `null` when none is usable. */
export function idOf(value: unknown): RequestId | null {
  return isObject(value) && isId(value['id']) ? value['id'] : null;
}
