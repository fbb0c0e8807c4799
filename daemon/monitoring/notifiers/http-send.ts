/**
 * @module One JSON request to a receiver over HTTP (global fetch), and what its outcome means for
 * a delivery: 2xx is sent; 408, 429, 5xx, a network error or a timeout may pass if tried again
 * (retryable); any other answer says the request itself is wrong (not retryable).
 *
 * Messages name the target only as the caller shows it (redacted), and anything the receiver
 * answers is scrubbed of the request's secrets before it is quoted.
 */
import { DeliveryError } from './notification.js';
import { excerpt, scrub } from './redact.js';

/** At most this much of an answer is read; the rest is dropped (a receiver may answer a lot). */
export const ANSWER_LIMIT_BYTES = 64 * 1024;

export interface JsonRequest {
  method: 'POST' | 'PUT';
  url: string;
  /** How the target is named in messages, already redacted (`https://hooks.slack.com/***`). */
  shownAs: string;
  body: unknown;
  headers?: Record<string, string>;
  signal: AbortSignal;
  /** Values never to quote back (a token); the URL itself is always among them. */
  secrets?: readonly string[];
}

export interface JsonAnswer {
  status: number;
  /** The answer's body, at most {@link ANSWER_LIMIT_BYTES}. */
  text: string;
}

/** A receiver's non-2xx answer; `status` lets a channel react to one (ClickUp's 404). */
export class HttpStatusError extends DeliveryError {
  constructor(
    message: string,
    readonly status: number,
  ) {
    super(message, isRetryableStatus(status));
    this.name = 'HttpStatusError';
  }
}

/** Whether trying again may help after this HTTP status. */
export function isRetryableStatus(status: number): boolean {
  return status === 408 || status === 429 || status >= 500;
}

/** Why a signal stopped a request, in words. */
export function abortText(signal: AbortSignal): string {
  const reason: unknown = signal.reason;
  return reason instanceof Error && reason.name === 'TimeoutError' ? 'timed out' : 'was aborted';
}

/** fetch refuses a URL with credentials in it: they go as basic auth instead. */
function splitCredentials(url: string): { url: string; authorization?: string; password?: string } {
  const parsed = new URL(url);
  if (parsed.username === '' && parsed.password === '') return { url };
  const user = decodeURIComponent(parsed.username);
  const password = decodeURIComponent(parsed.password);
  parsed.username = '';
  parsed.password = '';
  const basic = Buffer.from(`${user}:${password}`).toString('base64');
  return { url: parsed.toString(), authorization: `Basic ${basic}`, password };
}

async function readBounded(response: Response): Promise<string> {
  if (response.body === null) return '';
  const reader = response.body.getReader();
  const chunks: Uint8Array[] = [];
  let size = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    chunks.push(value);
    size += value.length;
    if (size >= ANSWER_LIMIT_BYTES) {
      await reader.cancel();
      break;
    }
  }
  return Buffer.concat(chunks).subarray(0, ANSWER_LIMIT_BYTES).toString('utf8');
}

/**
 * Sends `body` as JSON and reads the answer.
 * @throws DeliveryError on a non-2xx answer, a network failure or an abort.
 */
export async function sendJson(request: JsonRequest): Promise<JsonAnswer> {
  const { method, shownAs, signal } = request;
  const what = `${method} ${shownAs}`;
  let target: ReturnType<typeof splitCredentials>;
  try {
    target = splitCredentials(request.url);
  } catch {
    throw new DeliveryError(`${what} failed: the URL is not valid`, false);
  }
  // The basic-auth value too: base64 of `user:password` does not contain base64 of the password.
  const basic = target.authorization?.slice('Basic '.length);
  const secrets = [request.url, target.password, basic, ...(request.secrets ?? [])];
  let status: number;
  let text: string;
  try {
    const response = await fetch(target.url, {
      method,
      headers: {
        'content-type': 'application/json',
        'user-agent': 'clickup-brain',
        ...(target.authorization === undefined ? {} : { authorization: target.authorization }),
        ...request.headers,
      },
      body: JSON.stringify(request.body),
      // A redirected POST turns into a GET elsewhere; a receiver that moved must be reconfigured.
      redirect: 'manual',
      signal,
    });
    status = response.status;
    text = await readBounded(response);
  } catch (error) {
    if (signal.aborted) throw new DeliveryError(`${what} ${abortText(signal)}`, true);
    // fetch says only "fetch failed"; the reason (ECONNREFUSED…) is in its cause.
    const cause: unknown = (error as { cause?: unknown }).cause;
    const reason = cause instanceof Error ? cause.message : (error as Error).message;
    throw new DeliveryError(`${what} failed: ${scrub(reason, secrets)}`, true);
  }
  if (status >= 200 && status < 300) return { status, text };
  const said = excerpt(scrub(text, secrets));
  const redirect = status >= 300 && status < 400 ? ' (redirects are not followed)' : '';
  throw new HttpStatusError(
    `${what} answered HTTP ${status}${redirect}${said === '' ? '' : `: ${said}`}`,
    status,
  );
}
