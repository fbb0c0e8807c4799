import assert from 'node:assert/strict';
import { PassThrough, Readable } from 'node:stream';
import { describe, test } from 'node:test';
import { readPasswordFromStdin } from '../../../../../src/cli/auth/stdin-password.js';
import { InvalidInputError } from '../../../../../src/protocol/errors.js';

const from = (...chunks: (string | Buffer)[]): Readable =>
  Readable.from(chunks, { objectMode: false });

async function refused(
  stdin: NodeJS.ReadableStream,
  message: string,
  options?: { maxBytes?: number },
): Promise<void> {
  await assert.rejects(readPasswordFromStdin(stdin, options), (error: unknown) => {
    assert.ok(error instanceof InvalidInputError, String(error));
    assert.equal(error.code, 'INVALID_INPUT');
    assert.equal(error.message, message);
    assert.deepEqual(error.details, { field: 'password' });
    return true;
  });
}

describe('readPasswordFromStdin', () => {
  test('strips exactly one trailing "\\n" or "\\r\\n"', async () => {
    assert.equal(await readPasswordFromStdin(from('pw\n')), 'pw');
    assert.equal(await readPasswordFromStdin(from('pw\r\n')), 'pw');
    assert.equal(await readPasswordFromStdin(from('pw')), 'pw');
    assert.equal(await readPasswordFromStdin(from('pw\n\n')), 'pw\n');
    assert.equal(await readPasswordFromStdin(from('pw\r')), 'pw\r');
    assert.equal(await readPasswordFromStdin(from('pw\n\r\n')), 'pw\n');
  });

  test('keeps spaces, inner newlines and any Unicode', async () => {
    assert.equal(await readPasswordFromStdin(from('  two words  \n')), '  two words  ');
    assert.equal(await readPasswordFromStdin(from('line1\nline2\n')), 'line1\nline2');
    assert.equal(await readPasswordFromStdin(from('\ufeffpässwörd密码\n')), '\ufeffpässwörd密码');
  });

  test('joins chunks, also a UTF-8 character split between them', async () => {
    const bytes = Buffer.from('pé\n');
    assert.equal(await readPasswordFromStdin(from(bytes.subarray(0, 2), bytes.subarray(2))), 'pé');
    assert.equal(await readPasswordFromStdin(from('ab', 'cd', '\n')), 'abcd');
  });

  test('reads string chunks (a stream with an encoding set)', async () => {
    const stream = new PassThrough();
    stream.setEncoding('utf8');
    stream.end('pw\n');
    assert.equal(await readPasswordFromStdin(stream), 'pw');
  });

  test('refuses empty input, also when it is only a newline', async () => {
    await refused(from(), 'the password on stdin is empty');
    await refused(from('\n'), 'the password on stdin is empty');
    await refused(from('\r\n'), 'the password on stdin is empty');
  });

  test('refuses input over maxBytes (UTF-8, the trailing newline not counted); the default is 4096', async () => {
    assert.equal(await readPasswordFromStdin(from('abcd\r\n'), { maxBytes: 4 }), 'abcd');
    await refused(from('abcde'), 'the password on stdin is longer than 4 bytes', { maxBytes: 4 });
    await refused(from('abcde\n'), 'the password on stdin is longer than 4 bytes', { maxBytes: 4 });
    await refused(from('ééé'), 'the password on stdin is longer than 4 bytes', { maxBytes: 4 });
    assert.equal(await readPasswordFromStdin(from(`${'x'.repeat(4096)}\n`)), 'x'.repeat(4096));
    await refused(from('x'.repeat(4097)), 'the password on stdin is longer than 4096 bytes');
  });

  test('stops reading a huge input early and leaves the stream paused, not destroyed', async () => {
    const stream = new PassThrough();
    const answer = readPasswordFromStdin(stream, { maxBytes: 8 });
    stream.write('0123456789ab');
    await assert.rejects(answer, { message: 'the password on stdin is longer than 8 bytes' });
    assert.equal(stream.destroyed, false);
    assert.equal(stream.readableFlowing, false);
    assert.equal(
      stream.listenerCount('data') + stream.listenerCount('end') + stream.listenerCount('error'),
      0,
    );
  });

  test('refuses bytes that are not UTF-8', async () => {
    await refused(
      from(Buffer.from([0x70, 0xff, 0x77])),
      'the password on stdin is not valid UTF-8',
    );
  });

  test('a read error is refused with its code only', async () => {
    const stream = new PassThrough();
    const answer = readPasswordFromStdin(stream);
    stream.write('secret-start');
    stream.destroy(Object.assign(new Error('read EIO'), { code: 'EIO' }));
    await assert.rejects(answer, {
      code: 'INVALID_INPUT',
      message: 'could not read the password from stdin (EIO)',
    });
  });

  test('a stream already read to its end counts as empty rather than waiting forever', async () => {
    const stream = from('x');
    for await (const _chunk of stream) {
      // drain it
    }
    await refused(stream, 'the password on stdin is empty');
  });

  test('no message quotes the input', async () => {
    const secret = 'Sup3r-Secret-Value';
    for (const [input, maxBytes] of [
      [secret.repeat(10), 20],
      ['\n', 20],
    ] as const) {
      await assert.rejects(
        readPasswordFromStdin(from(input), { maxBytes }),
        (error: Error) => !error.message.includes(secret),
      );
    }
  });

  test('wrong use is a TypeError naming the option', async () => {
    await assert.rejects(readPasswordFromStdin(null as unknown as NodeJS.ReadableStream), {
      name: 'TypeError',
      message: 'readPasswordFromStdin: stdin must be a readable stream',
    });
    for (const maxBytes of [0, -1, 2.5, Number.POSITIVE_INFINITY]) {
      await assert.rejects(readPasswordFromStdin(from('x'), { maxBytes }), {
        name: 'TypeError',
        message: 'readPasswordFromStdin: options.maxBytes must be a positive integer',
      });
    }
  });
});
