import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import {
  ANSWER_LIMIT_BYTES,
  HttpStatusError,
  abortText,
  isRetryableStatus,
  sendJson,
} from '../../../../../daemon/monitoring/notifiers/http-send.js';
import { DeliveryError } from '../../../../../daemon/monitoring/notifiers/notification.js';
import { closedPort, receiver, timedOut } from './fixtures.js';

const post = (url: string, extra: Partial<Parameters<typeof sendJson>[0]> = {}) =>
  sendJson({
    method: 'POST',
    url,
    shownAs: 'the receiver',
    body: { a: 1 },
    signal: new AbortController().signal,
    ...extra,
  });

describe('sendJson', () => {
  test('POSTs JSON and returns the answer on 2xx', async (t) => {
    const r = await receiver(t, () => ({ status: 202, body: 'queued' }));
    const answer = await post(`${r.url}/hook?x=1`, { headers: { 'x-extra': 'yes' } });
    assert.deepEqual(answer, { status: 202, text: 'queued' });
    const [req] = r.requests;
    assert.equal(req?.method, 'POST');
    assert.equal(req?.url, '/hook?x=1');
    assert.equal(req?.headers['content-type'], 'application/json');
    assert.equal(req?.headers['user-agent'], 'clickup-brain');
    assert.equal(req?.headers['x-extra'], 'yes');
    assert.deepEqual(req?.json, { a: 1 });
  });

  test('PUT too', async (t) => {
    const r = await receiver(t);
    await sendJson({
      method: 'PUT',
      url: r.url,
      shownAs: 'x',
      body: [],
      signal: AbortSignal.timeout(10_000),
    });
    assert.equal(r.requests[0]?.method, 'PUT');
  });

  test('4xx is not retryable; the answer is quoted with the secrets scrubbed', async (t) => {
    const r = await receiver(t, (req) => ({
      status: 403,
      body: `bad token tok_123456 for ${req.url}`,
    }));
    const error = await post(`${r.url}/secret-path-abc`, { secrets: ['tok_123456'] }).catch(
      (e: unknown) => e,
    );
    assert.ok(error instanceof HttpStatusError);
    assert.ok(error instanceof DeliveryError);
    assert.equal(
      error.message,
      'POST the receiver answered HTTP 403: bad token *** for /secret-path-abc',
    );
    assert.equal(error.retryable, false);
    assert.equal(error.status, 403);
  });

  test('the whole URL is never quoted back', async (t) => {
    let url = '';
    const r = await receiver(t, () => ({ status: 400, body: `you sent ${url}` }));
    url = `${r.url}/services/T0/B0/XXXX`;
    await assert.rejects(post(url), {
      message: 'POST the receiver answered HTTP 400: you sent ***',
      retryable: false,
    });
  });

  for (const status of [408, 429, 500, 503]) {
    test(`HTTP ${status} is retryable`, async (t) => {
      const r = await receiver(t, () => ({ status }));
      await assert.rejects(post(r.url), {
        name: 'HttpStatusError',
        message: `POST the receiver answered HTTP ${status}`,
        retryable: true,
      });
    });
  }

  test('a redirect is not followed and not retried', async (t) => {
    const r = await receiver(t, () => ({
      status: 301,
      headers: { location: 'http://127.0.0.1:1/' },
    }));
    await assert.rejects(post(r.url), {
      message: 'POST the receiver answered HTTP 301 (redirects are not followed)',
      retryable: false,
    });
    assert.equal(r.requests.length, 1);
  });

  test('a refused connection is retryable and says why', async () => {
    const port = await closedPort();
    await assert.rejects(post(`http://127.0.0.1:${port}/x`), {
      name: 'DeliveryError',
      message: `POST the receiver failed: connect ECONNREFUSED 127.0.0.1:${port}`,
      retryable: true,
    });
  });

  test('a receiver that does not answer is cut off by the timeout signal (retryable)', async (t) => {
    const r = await receiver(t, () => 'hang');
    const controller = new AbortController();
    const sending = post(r.url, { signal: controller.signal });
    await r.next();
    timedOut(controller);
    await assert.rejects(sending, {
      name: 'DeliveryError',
      message: 'POST the receiver timed out',
      retryable: true,
    });
  });

  test('an abort for another reason says so', async (t) => {
    const r = await receiver(t, () => 'hang');
    const controller = new AbortController();
    const sending = post(r.url, { signal: controller.signal });
    await r.next();
    controller.abort();
    await assert.rejects(sending, { message: 'POST the receiver was aborted', retryable: true });
  });

  test('credentials in the URL go as basic auth, never into a message', async (t) => {
    const r = await receiver(t, (req) => ({
      status: 401,
      body: `denied ${String(req.headers.authorization)}`,
    }));
    const url = r.url.replace('http://', 'http://alice:s3cr%21et@');
    const error = await post(url).catch((e: unknown) => e);
    assert.equal(
      r.requests[0]?.headers.authorization,
      `Basic ${Buffer.from('alice:s3cr!et').toString('base64')}`,
    );
    assert.equal((error as Error).message, 'POST the receiver answered HTTP 401: denied Basic ***');
  });

  test('reads at most the answer limit', async (t) => {
    const r = await receiver(t, () => ({ status: 200, body: 'x'.repeat(ANSWER_LIMIT_BYTES * 3) }));
    const answer = await post(r.url);
    assert.equal(answer.text.length, ANSWER_LIMIT_BYTES);
  });

  test('an invalid URL is refused without quoting it', async () => {
    await assert.rejects(post('http://exa mple.com/tok_123'), {
      message: 'POST the receiver failed: the URL is not valid',
      retryable: false,
    });
  });
});

describe('isRetryableStatus and abortText', () => {
  test('classify', () => {
    assert.deepEqual([200, 400, 401, 404, 408, 409, 429, 500, 502].map(isRetryableStatus), [
      false,
      false,
      false,
      false,
      true,
      false,
      true,
      true,
      true,
    ]);
    const c = new AbortController();
    timedOut(c);
    assert.equal(abortText(c.signal), 'timed out');
    assert.equal(abortText(AbortSignal.abort()), 'was aborted');
  });
});
