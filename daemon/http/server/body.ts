/**
 * @module Reading and parsing a request body: JSON or an HTML form, at most `limitBytes`.
 *
 * A declared Content-Length over the limit is refused before reading; a body that grows past it
 * while streaming is refused at that point. Any other media type with a non-empty body is a 415:
 * the API takes JSON and the login form posts urlencoded, nothing else.
 */
import type { IncomingMessage } from 'node:http';
import { InvalidInputError } from '../../../src/protocol/errors.js';
import { HttpError } from './http-error.js';

/** The default largest body, 1 MiB. */
export const DEFAULT_BODY_LIMIT = 1_048_576;

/** What the body held. */
export interface ParsedBody {
  /** Parsed JSON, or a form as a plain object of strings (first value of a repeated name). */
  value: unknown;
  kind: 'json' | 'form' | 'none';
}

const EMPTY = Buffer.alloc(0);

function tooLarge(limitBytes: number): HttpError {
  return new HttpError('PAYLOAD_TOO_LARGE', `request body is larger than ${limitBytes} bytes`, {
    connection: 'close',
  });
}

/** What a request without a body reads as. */
export const NO_BODY: ParsedBody = Object.freeze({ value: undefined, kind: 'none' });

/**
 * True when the request says it has no body: HTTP/1.1 signals a request body only with
 * Content-Length or Transfer-Encoding (RFC 9112 section 6.3), so every plain GET has none and its
 * body need not be waited for. (node's parser reads exactly what those headers announce.)
 */
export function declaresNoBody(req: IncomingMessage): boolean {
  const { headers } = req;
  if (headers['transfer-encoding'] !== undefined) return false;
  const length = headers['content-length'];
  return length === undefined || length === '0';
}

/** Reads the raw bytes. @throws HttpError PAYLOAD_TOO_LARGE */
export async function readRaw(req: IncomingMessage, limitBytes: number): Promise<Buffer> {
  // Already complete with nothing buffered (every GET by the time the pipeline gets here): an
  // empty body, without the async iteration that would only find the end.
  if (req.complete && req.readableLength === 0) return EMPTY;
  const declared = Number(req.headers['content-length']);
  if (Number.isFinite(declared) && declared > limitBytes) throw tooLarge(limitBytes);
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req as AsyncIterable<Buffer>) {
    size += chunk.length;
    if (size > limitBytes) throw tooLarge(limitBytes);
    chunks.push(chunk);
  }
  return Buffer.concat(chunks);
}

/** The media type without parameters, lower case (`application/json`). */
export function mediaType(header: string | undefined): string {
  return (header ?? '').split(';')[0]?.trim().toLowerCase() ?? '';
}

/** A form body as a plain object; the first value of a repeated name wins. */
export function parseForm(text: string): Record<string, string> {
  const form: Record<string, string> = Object.create(null) as Record<string, string>;
  for (const [name, value] of new URLSearchParams(text)) {
    if (!(name in form)) form[name] = value;
  }
  return { ...form };
}

/**
 * Reads and parses the body.
 * @throws HttpError PAYLOAD_TOO_LARGE or UNSUPPORTED_MEDIA_TYPE; InvalidInputError (field `body`)
 *   for JSON that does not parse or text that is not UTF-8.
 */
export async function readBody(
  req: IncomingMessage,
  limitBytes = DEFAULT_BODY_LIMIT,
): Promise<ParsedBody> {
  const raw = await readRaw(req, limitBytes);
  if (raw.length === 0) return NO_BODY;
  const type = mediaType(req.headers['content-type']);
  if (type !== 'application/json' && type !== 'application/x-www-form-urlencoded') {
    throw new HttpError(
      'UNSUPPORTED_MEDIA_TYPE',
      `request body must be application/json or application/x-www-form-urlencoded (got ${type === '' ? 'no Content-Type' : type.slice(0, 80)})`,
    );
  }
  let text: string;
  try {
    text = new TextDecoder('utf-8', { fatal: true }).decode(raw);
  } catch {
    throw new InvalidInputError('request body is not valid UTF-8', 'body');
  }
  if (type === 'application/x-www-form-urlencoded') return { value: parseForm(text), kind: 'form' };
  try {
    return { value: JSON.parse(text) as unknown, kind: 'json' };
  } catch {
    throw new InvalidInputError('request body is not valid JSON', 'body');
  }
}
