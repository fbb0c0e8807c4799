import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import {
  DEFAULT_MAX_FRAME_BYTES,
  encodeFrame,
  FrameDecoder,
  FrameTooLargeError,
} from '../../../../src/protocol/framing.js';

const b = (text: string): Buffer => Buffer.from(text, 'utf8');

describe('FrameDecoder', () => {
  test('a single complete frame comes out without its newline', () => {
    const decoder = new FrameDecoder();
    assert.deepEqual(decoder.push(b('{"a":1}\n')), ['{"a":1}']);
    assert.equal(decoder.pendingBytes, 0);
  });

  test('a frame split across three chunks comes out once, when the newline arrives', () => {
    const decoder = new FrameDecoder();
    assert.deepEqual(decoder.push(b('{"meth')), []);
    assert.equal(decoder.pendingBytes, 6);
    assert.deepEqual(decoder.push(b('od":"x"')), []);
    assert.equal(decoder.pendingBytes, 13);
    assert.deepEqual(decoder.push(b('}\n')), ['{"method":"x"}']);
    assert.equal(decoder.pendingBytes, 0);
  });

  test('a frame fed byte by byte', () => {
    const decoder = new FrameDecoder();
    const text = '{"jsonrpc":"2.0","id":1}\n';
    const frames: string[] = [];
    for (const byte of b(text)) frames.push(...decoder.push(Buffer.from([byte])));
    assert.deepEqual(frames, ['{"jsonrpc":"2.0","id":1}']);
    assert.equal(decoder.pendingBytes, 0);
  });

  test('several frames in one chunk come out in order, the partial tail is kept', () => {
    const decoder = new FrameDecoder();
    assert.deepEqual(decoder.push(b('{"n":1}\n{"n":2}\n{"n":3}\n{"n":')), [
      '{"n":1}',
      '{"n":2}',
      '{"n":3}',
    ]);
    assert.equal(decoder.pendingBytes, 5);
    assert.deepEqual(decoder.push(b('4}\n{"n":5}\n')), ['{"n":4}', '{"n":5}']);
    assert.equal(decoder.pendingBytes, 0);
  });

  test('an empty line yields an empty frame', () => {
    const decoder = new FrameDecoder();
    assert.deepEqual(decoder.push(b('\n\n')), ['', '']);
  });

  test('a multi-byte UTF-8 character split across chunks is decoded whole', () => {
    const decoder = new FrameDecoder();
    const whole = b('{"s":"h€llo 😀"}\n');
    // '€' is 3 bytes starting at offset 7; cut inside it, and inside the 4-byte emoji.
    const euro = whole.indexOf(Buffer.from('€'));
    const emoji = whole.indexOf(Buffer.from('😀'));
    const chunks = [
      whole.subarray(0, euro + 1),
      whole.subarray(euro + 1, emoji + 2),
      whole.subarray(emoji + 2),
    ];
    const frames = chunks.flatMap((chunk) => decoder.push(chunk));
    assert.deepEqual(frames, ['{"s":"h€llo 😀"}']);
    assert.deepEqual(JSON.parse(frames[0] as string), { s: 'h€llo 😀' });
  });

  test('pendingBytes counts bytes, not characters', () => {
    const decoder = new FrameDecoder();
    decoder.push(b('€€'));
    assert.equal(decoder.pendingBytes, 6);
  });

  test('a frame of exactly the limit is accepted, whole or in pieces', () => {
    const whole = new FrameDecoder(10);
    assert.deepEqual(whole.push(b('0123456789\n')), ['0123456789']);
    const pieces = new FrameDecoder(10);
    assert.deepEqual(pieces.push(b('01234')), []);
    assert.deepEqual(pieces.push(b('56789')), []);
    assert.equal(pieces.pendingBytes, 10);
    assert.deepEqual(pieces.push(b('\n')), ['0123456789']);
  });

  test('a frame over the limit inside one chunk (with its newline) throws FrameTooLargeError', () => {
    const decoder = new FrameDecoder(10);
    assert.throws(
      () => decoder.push(b('01234567890\n')),
      (error: unknown) => {
        assert.ok(error instanceof FrameTooLargeError);
        assert.equal(error.message, 'frame exceeds the limit of 10 bytes');
        assert.equal(error.name, 'FrameTooLargeError');
        assert.equal(error.limit, 10);
        return true;
      },
    );
  });

  test('a frame over the limit without a newline throws as soon as it is buffered', () => {
    const decoder = new FrameDecoder(10);
    assert.throws(() => decoder.push(b('01234567890')), {
      name: 'FrameTooLargeError',
      message: 'frame exceeds the limit of 10 bytes',
    });
  });

  test('a frame growing past the limit across chunks throws', () => {
    const decoder = new FrameDecoder(10);
    assert.deepEqual(decoder.push(b('012345')), []);
    assert.throws(() => decoder.push(b('67890')), {
      name: 'FrameTooLargeError',
      message: 'frame exceeds the limit of 10 bytes',
    });
  });

  test('a buffered head plus a completing piece over the limit throws', () => {
    const decoder = new FrameDecoder(10);
    decoder.push(b('012345'));
    assert.throws(() => decoder.push(b('67890\n')), {
      name: 'FrameTooLargeError',
      message: 'frame exceeds the limit of 10 bytes',
    });
  });

  test('small frames before an oversize one in the same chunk do not count toward it', () => {
    const decoder = new FrameDecoder(10);
    assert.deepEqual(decoder.push(b('0123456789\n0123456789\n01234')), [
      '0123456789',
      '0123456789',
    ]);
    assert.equal(decoder.pendingBytes, 5);
  });

  test('the default limit is 1 MiB', () => {
    assert.equal(DEFAULT_MAX_FRAME_BYTES, 1_048_576);
    const decoder = new FrameDecoder();
    const big = 'x'.repeat(DEFAULT_MAX_FRAME_BYTES);
    assert.deepEqual(decoder.push(b(`${big}\n`)), [big]);
    assert.throws(() => new FrameDecoder().push(b(`${big}x`)), {
      message: 'frame exceeds the limit of 1048576 bytes',
    });
  });
});

describe('encodeFrame', () => {
  test('is JSON plus one newline, and decodes back', () => {
    const message = { jsonrpc: '2.0', id: 1, params: { text: 'line1\nline2' } };
    const frame = encodeFrame(message);
    assert.equal(frame, '{"jsonrpc":"2.0","id":1,"params":{"text":"line1\\nline2"}}\n');
    assert.equal(frame.indexOf('\n'), frame.length - 1);
    const frames = new FrameDecoder().push(Buffer.from(frame));
    assert.deepEqual(
      frames.map((f) => JSON.parse(f) as unknown),
      [message],
    );
  });
});
