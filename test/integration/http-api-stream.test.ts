/**
 * GET /api/v1/stream over real HTTP: each stream opens with `retry: 5000` (once); a pushed metric
 * arrives as a `metrics` event, check runs as `checks` events; security events reach only users
 * with security.read; a fifth stream of one user is refused with 429 and Retry-After.
 */
import assert from 'node:assert/strict';
import { request, type IncomingMessage } from 'node:http';
import { after, before, describe, test } from 'node:test';
import { waitFor } from '../helpers/integration.js';
import { apiFixture, type ApiFixture } from './http-api-fixture.js';

/** One open event stream, parsed into events as they come. */
interface Stream {
  response: IncomingMessage;
  events: Array<{ event: string; data: unknown }>;
  /** Everything read so far, comments included. */
  raw(): string;
  close(): void;
}

function openStream(url: string, token: string): Promise<Stream> {
  return new Promise((resolve, reject) => {
    const req = request(`${url}/api/v1/stream`, {
      headers: { authorization: `Bearer ${token}`, accept: 'text/event-stream' },
    });
    req.on('error', reject);
    req.on('response', (response) => {
      let text = '';
      let pending = '';
      const events: Stream['events'] = [];
      response.setEncoding('utf8');
      response.on('data', (chunk: string) => {
        text += chunk;
        pending += chunk;
        let end = pending.indexOf('\n\n');
        while (end !== -1) {
          const block = pending.slice(0, end);
          pending = pending.slice(end + 2);
          const lines = block.split('\n');
          const event = lines.find((l) => l.startsWith('event: '))?.slice(7);
          const data = lines.find((l) => l.startsWith('data: '))?.slice(6);
          if (event !== undefined && data !== undefined)
            events.push({ event, data: JSON.parse(data) as unknown });
          end = pending.indexOf('\n\n');
        }
      });
      response.on('error', () => undefined);
      resolve({ response, events, raw: () => text, close: () => req.destroy() });
    });
    req.end();
  });
}

let f: ApiFixture;
const streams: Stream[] = [];
async function open(token: string): Promise<Stream> {
  const stream = await openStream(f.url, token);
  streams.push(stream);
  return stream;
}

before(async () => {
  f = await apiFixture();
});
after(async () => {
  for (const s of streams) s.close();
  await f?.cleanup();
});

describe('GET /api/v1/stream', () => {
  test('an event stream: a pushed metric arrives as a metrics event, check runs as checks events', async () => {
    const stream = await open(f.tokens.uma);
    assert.equal(stream.response.statusCode, 200);
    assert.match(String(stream.response.headers['content-type']), /^text\/event-stream/);
    assert.equal(stream.response.headers['cache-control'], 'no-store');
    // The first bytes are the reconnect delay, sent once, before any event.
    await waitFor('the retry line', () => stream.raw().length >= 'retry: 5000\n\n'.length);
    assert.ok(stream.raw().startsWith('retry: 5000\n\n'), JSON.stringify(stream.raw()));
    const push = async (): Promise<void> => {
      const pushed = await f.api(
        'POST',
        '/api/v1/metrics',
        { token: f.tokens.sam },
        {
          samples: [{ name: 'stream_test_total', value: 1, type: 'counter' }],
        },
      );
      assert.equal(pushed.status, 200);
    };
    await push();
    const metrics = await waitFor('a metrics event', () =>
      stream.events.find((e) => e.event === 'metrics'),
    );
    assert.deepEqual(Object.keys(metrics.data as object).sort(), ['at', 'cause']);
    // One metrics event per 200 ms carries the last cause: a scrape (every second here) landing
    // within 200 ms after the push takes its place, so push again until a push cause arrives.
    let pushedAt = Date.now();
    await waitFor('a push cause', async () => {
      const seen = stream.events.some(
        (e) => e.event === 'metrics' && (e.data as { cause: string }).cause === 'push',
      );
      if (!seen && Date.now() - pushedAt > 1_000) {
        pushedAt = Date.now();
        await push();
      }
      return seen;
    });
    const check = await waitFor('a checks event', () =>
      stream.events.find((e) => e.event === 'checks'),
    );
    assert.ok(['web', 'private-db'].includes((check.data as { name: string }).name));
    assert.ok(
      stream.events.every((e) => ['health', 'alerts', 'checks', 'metrics'].includes(e.event)),
    );
    assert.equal(stream.raw().split('retry: ').length, 2, 'retry is sent once per stream');
  });

  test('security events reach a user with security.read, not one without', async () => {
    const reader = await open(f.tokens.mona);
    const other = await open(f.tokens.uma);
    // A failed login is a security event.
    const refused = await fetch(`${f.url}/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', origin: f.url },
      body: JSON.stringify({ username: 'lou', password: 'not-the-password-at-all-17' }),
    });
    assert.equal(refused.status, 401);
    const event = await waitFor('a security event', () =>
      reader.events.find((e) => e.event === 'security'),
    );
    assert.equal(typeof (event.data as { type: unknown }).type, 'string');
    // The other stream is live (it gets check runs) but was sent no security event.
    await waitFor('a later checks event on the other stream', () =>
      other.events.some((e) => e.event === 'checks'),
    );
    assert.ok(!other.raw().includes('event: security'));
  });

  test('a fifth stream of one user is 429 RATE_LIMITED with Retry-After; closing one frees it', async () => {
    const mine: Stream[] = [];
    const token = f.tokens.sam;
    for (let i = 0; i < 4; i++) mine.push(await open(token));
    const refused = await f.api('GET', '/api/v1/stream', { token });
    assert.equal(refused.status, 429, JSON.stringify(refused.json));
    assert.equal(refused.headers.get('retry-after'), '10');
    assert.deepEqual(refused.json, {
      error: {
        code: 'RATE_LIMITED',
        message: 'too many open event streams for sam (at most 4); close one, such as another tab',
      },
    });
    mine[0]?.close();
    const again = await waitFor('a slot again', async () => {
      const stream = await openStream(f.url, token);
      if (stream.response.statusCode === 200) return stream;
      stream.close();
      return undefined;
    });
    streams.push(again);
    assert.equal(again.response.statusCode, 200);
  });
});
