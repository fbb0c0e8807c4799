import assert from 'node:assert/strict';
import { PassThrough } from 'node:stream';
import { describe, test } from 'node:test';
import {
  PromptCancelledError,
  promptPassword,
  readNewPassword,
  readPassword,
  readPasswordFromStdin,
  type ReadPasswordOptions,
} from '../../../../../src/cli/auth/password-prompt.js';
import { InvalidInputError } from '../../../../../src/protocol/errors.js';
import { FakeOutput, FakeTty } from './fake-tty.js';

const NO_TERMINAL = 'no terminal to ask for the password; pipe it with --password-stdin';

function piped(text: string): PassThrough {
  const stream = new PassThrough();
  stream.end(text);
  return stream;
}

describe('readNewPassword', () => {
  test('--password-stdin reads stdin, without a prompt', async () => {
    const out = new FakeOutput();
    assert.equal(
      await readNewPassword({ stdin: piped('from-pipe\n'), stdout: out, passwordStdin: true }),
      'from-pipe',
    );
    assert.equal(out.text, '');
  });

  test('--password-stdin wins over a terminal (the person asked for it)', async () => {
    const tty = new FakeTty();
    const answer = readNewPassword({ stdin: tty, stdout: new FakeOutput(), passwordStdin: true });
    tty.end('typed\n');
    assert.equal(await answer, 'typed');
    assert.deepEqual(tty.modes, []);
  });

  test('on a terminal: asks twice with the default prompts', async () => {
    const tty = new FakeTty();
    const out = new FakeOutput();
    const answer = readNewPassword({ stdin: tty, stdout: out, passwordStdin: false });
    tty.type('n3w-pass\r');
    tty.type('n3w-pass\r');
    assert.equal(await answer, 'n3w-pass');
    assert.equal(out.text, 'Password: \nRepeat the password: \n');
    assert.deepEqual(tty.modes, [true, false]);
  });

  test('on a terminal: the prompts and maxBytes can be given', async () => {
    const tty = new FakeTty();
    const out = new FakeOutput();
    const answer = readNewPassword({
      stdin: tty,
      stdout: out,
      passwordStdin: false,
      prompt: 'New password for ada: ',
      confirm: 'Again: ',
      maxBytes: 3,
    });
    tty.type('abc\rabc\r');
    assert.equal(await answer, 'abc');
    assert.equal(out.text, 'New password for ada: \nAgain: \n');
    const long = new FakeTty();
    const refused = readNewPassword({
      stdin: long,
      stdout: out,
      passwordStdin: false,
      maxBytes: 3,
    });
    long.type('abcd');
    await assert.rejects(refused, {
      code: 'INVALID_INPUT',
      message: 'the password is longer than 3 bytes',
    });
  });

  test('on a terminal: a mismatch is refused', async () => {
    const tty = new FakeTty();
    const answer = readNewPassword({ stdin: tty, stdout: new FakeOutput(), passwordStdin: false });
    tty.type('one\rtwo\r');
    await assert.rejects(answer, { code: 'INVALID_INPUT', message: 'passwords do not match' });
  });

  test('neither a terminal nor --password-stdin: refused, and stdin is not read', async () => {
    const stdin = piped('would-be-password\n');
    await assert.rejects(
      readNewPassword({ stdin, stdout: new FakeOutput(), passwordStdin: false }),
      (error: unknown) => {
        assert.ok(error instanceof InvalidInputError);
        assert.equal(error.code, 'INVALID_INPUT');
        assert.equal(error.message, NO_TERMINAL);
        assert.deepEqual(error.details, { field: 'password' });
        return true;
      },
    );
    assert.equal(stdin.readableLength, 'would-be-password\n'.length);
  });

  test('a TTY-looking stdin without setRawMode counts as no terminal', async () => {
    const stdin = Object.assign(piped('x\n'), { isTTY: true });
    await assert.rejects(
      readNewPassword({ stdin, stdout: new FakeOutput(), passwordStdin: false }),
      { message: NO_TERMINAL },
    );
  });

  test('wrong use is a TypeError naming the option', async () => {
    const cases: [unknown, string][] = [
      [undefined, 'readNewPassword: options must be an object'],
      [
        { stdin: piped(''), stdout: new FakeOutput(), passwordStdin: 'yes' },
        'readNewPassword: options.passwordStdin must be a boolean',
      ],
      [
        { stdin: null, stdout: new FakeOutput(), passwordStdin: true },
        'readNewPassword: options.stdin must be a readable stream',
      ],
    ];
    for (const [options, message] of cases) {
      await assert.rejects(readNewPassword(options as ReadPasswordOptions), {
        name: 'TypeError',
        message,
      });
    }
  });
});

describe('readPassword', () => {
  test('on a terminal: asks once', async () => {
    const tty = new FakeTty();
    const out = new FakeOutput();
    const answer = readPassword({ stdin: tty, stdout: out, passwordStdin: false });
    tty.type('login-pass\r');
    assert.equal(await answer, 'login-pass');
    assert.equal(out.text, 'Password: \n');
  });

  test('Ctrl-C cancels with PromptCancelledError', async () => {
    const tty = new FakeTty();
    const answer = readPassword({
      stdin: tty,
      stdout: new FakeOutput(),
      passwordStdin: false,
      prompt: 'Password for ada: ',
    });
    tty.type('\u0003');
    await assert.rejects(
      answer,
      (error: unknown) =>
        error instanceof PromptCancelledError && error.message === 'password entry cancelled',
    );
  });

  test('--password-stdin and the no-terminal refusal as for a new password', async () => {
    assert.equal(
      await readPassword({ stdin: piped('pw\r\n'), stdout: new FakeOutput(), passwordStdin: true }),
      'pw',
    );
    await assert.rejects(
      readPassword({ stdin: piped('pw'), stdout: new FakeOutput(), passwordStdin: false }),
      { code: 'INVALID_INPUT', message: NO_TERMINAL },
    );
    await assert.rejects(
      readPassword({ stdin: piped('\n'), stdout: new FakeOutput(), passwordStdin: true }),
      { code: 'INVALID_INPUT', message: 'the password on stdin is empty' },
    );
  });

  test('wrong use is a TypeError naming the function', async () => {
    await assert.rejects(
      readPassword({
        stdin: piped(''),
        stdout: new FakeOutput(),
      } as unknown as ReadPasswordOptions),
      {
        name: 'TypeError',
        message: 'readPassword: options.passwordStdin must be a boolean',
      },
    );
  });

  test('the module re-exports the lower-level readers', () => {
    assert.equal(typeof promptPassword, 'function');
    assert.equal(typeof readPasswordFromStdin, 'function');
  });
});
