import assert from 'node:assert/strict';
import type { IncomingMessage } from 'node:http';
import { Readable } from 'node:stream';
import { describe, it } from 'node:test';
import {
  declaresNoBody,
  mediaType,
  parseForm,
  readBody,
} from '../../../../../daemon/http/server/body.js';

function message(body: string | Buffer, headers: Record<string, string>): IncomingMessage {
  return Object.assign(Readable.from([Buffer.from(body)]), {
    headers,
  }) as unknown as IncomingMessage;
}

describe('request bodies', () => {
  it('parses JSON and forms; an empty body is none', async () => {
    assert.deepEqual(
      await readBody(message('{"a":[1]}', { 'content-type': 'application/json; charset=utf-8' })),
      { value: { a: [1] }, kind: 'json' },
    );
    assert.deepEqual(
      await readBody(
        message('a=1&a=2&b=%20x', { 'content-type': 'application/x-www-form-urlencoded' }),
      ),
      {
        value: { a: '1', b: ' x' },
        kind: 'form',
      },
    );
    assert.deepEqual(await readBody(message('', {})), { value: undefined, kind: 'none' });
  });

  it('a message already complete: empty when nothing is buffered, else read as usual', async () => {
    const empty = Object.assign(Readable.from([]), {
      headers: {},
      complete: true,
    }) as unknown as IncomingMessage;
    assert.deepEqual(await readBody(empty), { value: undefined, kind: 'none' });
    const buffered = new Readable({ read: () => undefined });
    buffered.push(Buffer.from('{"b":2}'));
    buffered.push(null);
    const full = Object.assign(buffered, {
      headers: { 'content-type': 'application/json' },
      complete: true,
    }) as unknown as IncomingMessage;
    assert.deepEqual(await readBody(full), { value: { b: 2 }, kind: 'json' });
  });

  it('refuses by declared and by actual size, media type, bad JSON and bad UTF-8', async () => {
    await assert.rejects(readBody(message('{}', { 'content-length': '11' }), 10), {
      code: 'PAYLOAD_TOO_LARGE',
      status: 413,
      message: 'request body is larger than 10 bytes',
    });
    await assert.rejects(
      readBody(message('x'.repeat(11), { 'content-type': 'application/json' }), 10),
      { code: 'PAYLOAD_TOO_LARGE' },
    );
    await assert.rejects(readBody(message('x', { 'content-type': 'text/xml' })), {
      code: 'UNSUPPORTED_MEDIA_TYPE',
      status: 415,
      message:
        'request body must be application/json or application/x-www-form-urlencoded (got text/xml)',
    });
    await assert.rejects(readBody(message('x', {})), { message: /got no Content-Type/ });
    await assert.rejects(readBody(message('{', { 'content-type': 'application/json' })), {
      code: 'INVALID_INPUT',
      message: 'request body is not valid JSON',
    });
    await assert.rejects(
      readBody(message(Buffer.from([0xff, 0xfe]), { 'content-type': 'application/json' })),
      {
        code: 'INVALID_INPUT',
        message: 'request body is not valid UTF-8',
      },
    );
  });

  it('mediaType and parseForm', () => {
    assert.equal(mediaType(' Application/JSON ; charset=utf-8'), 'application/json');
    assert.equal(mediaType(undefined), '');
    assert.deepEqual(parseForm('__proto__=x&y=1'), { ['__proto__']: 'x', y: '1' });
    assert.equal(Object.getPrototypeOf(parseForm('a=1')), Object.prototype);
  });
});

describe('declaresNoBody', () => {
  const req = (headers: Record<string, string>): IncomingMessage =>
    ({ headers }) as unknown as IncomingMessage;

  it('no Content-Length and no Transfer-Encoding, or a zero length: no body', () => {
    assert.equal(declaresNoBody(req({})), true);
    assert.equal(declaresNoBody(req({ 'content-length': '0' })), true);
  });

  it('a length or a transfer coding announces one', () => {
    assert.equal(declaresNoBody(req({ 'content-length': '12' })), false);
    assert.equal(declaresNoBody(req({ 'transfer-encoding': 'chunked' })), false);
    assert.equal(
      declaresNoBody(req({ 'transfer-encoding': 'chunked', 'content-length': '0' })),
      false,
    );
  });
});
