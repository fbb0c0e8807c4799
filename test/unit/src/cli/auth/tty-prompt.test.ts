import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import type { AppError } from '../../../../../src/protocol/errors.js';
import { InvalidInputError } from '../../../../../src/protocol/errors.js';
import {
  MAX_PASSWORD_BYTES,
  PromptCancelledError,
  promptPassword,
  type PromptOptions,
} from '../../../../../src/cli/auth/tty-prompt.js';
import { FakeOutput, FakeTty, promptListeners } from './fake-tty.js';

function setup(extra: Partial<PromptOptions> = {}): {
  tty: FakeTty;
  out: FakeOutput;
  answer: Promise<string>;
} {
  const tty = new FakeTty();
  const out = new FakeOutput();
  const answer = promptPassword({ input: tty, output: out, prompt: 'Password: ', ...extra });
  return { tty, out, answer };
}

/** The terminal is as it was: cooked again, paused, and no listener left behind. */
function assertRestored(tty: FakeTty, modes: boolean[] = [true, false]): void {
  assert.deepEqual(tty.modes, modes);
  assert.equal(tty.isRaw, modes.at(-1));
  assert.equal(tty.readableFlowing, false);
  assert.equal(promptListeners(tty), 0);
}

async function refused(
  answer: Promise<string>,
  type: new (...args: never[]) => AppError,
  message: string,
): Promise<void> {
  await assert.rejects(answer, (error: unknown) => {
    assert.ok(error instanceof type, String(error));
    assert.equal(error.code, 'INVALID_INPUT');
    assert.equal(error.message, message);
    assert.equal(error.details['field'], 'password');
    return true;
  });
}

describe('promptPassword', () => {
  test('reads a line in raw mode and prints nothing per key', async () => {
    const { tty, out, answer } = setup();
    assert.deepEqual(tty.modes, [true]);
    tty.type('s3cret pass');
    tty.type('\r');
    assert.equal(await answer, 's3cret pass');
    assert.equal(out.text, 'Password: \n');
    assertRestored(tty);
  });

  test('backspace edits the line; Ctrl-D ends it', async () => {
    const { tty, out, answer } = setup();
    tty.type('hunter3\u007f2');
    tty.type('\u0004');
    assert.equal(await answer, 'hunter2');
    assert.equal(out.text, 'Password: \n');
    assertRestored(tty);
  });

  test('a UTF-8 character split between chunks is read whole', async () => {
    const { tty, answer } = setup();
    const bytes = Buffer.from('pé\r');
    tty.type(bytes.subarray(0, 2));
    tty.type(bytes.subarray(2));
    assert.equal(await answer, 'pé');
  });

  test('with confirm: asks twice and returns the password when both match', async () => {
    const { tty, out, answer } = setup({ confirm: 'Repeat: ' });
    tty.type('correct horse\r');
    tty.type('correct horse\r');
    assert.equal(await answer, 'correct horse');
    assert.equal(out.text, 'Password: \nRepeat: \n');
    assertRestored(tty);
  });

  test('with confirm: both answers in one chunk (typed ahead or pasted with \\r\\n)', async () => {
    const { tty, out, answer } = setup({ confirm: 'Repeat: ' });
    tty.type('abc\r\nabc\r\n');
    assert.equal(await answer, 'abc');
    assert.equal(out.text, 'Password: \nRepeat: \n');
    assertRestored(tty);
  });

  test('with confirm: a mismatch is refused, and the terminal restored', async () => {
    const { tty, out, answer } = setup({ confirm: 'Repeat: ' });
    tty.type('first\r');
    tty.type('second\r');
    await refused(answer, InvalidInputError, 'passwords do not match');
    assert.equal(out.text, 'Password: \nRepeat: \n');
    assertRestored(tty);
  });

  test('Ctrl-C cancels with PromptCancelledError (code INVALID_INPUT), the terminal restored', async () => {
    const { tty, out, answer } = setup();
    tty.type('half\u0003');
    await refused(answer, PromptCancelledError, 'password entry cancelled');
    await answer.catch((error: AppError) => assert.equal(error.details['reason'], 'cancelled'));
    assert.equal(out.text, 'Password: \n');
    assertRestored(tty);
  });

  test('Ctrl-C at the confirmation cancels too', async () => {
    const { tty, out, answer } = setup({ confirm: 'Repeat: ' });
    tty.type('abc\r\u0003');
    await refused(answer, PromptCancelledError, 'password entry cancelled');
    assert.equal(out.text, 'Password: \nRepeat: \n');
    assertRestored(tty);
  });

  test('an empty password is refused, at either prompt', async () => {
    const first = setup();
    first.tty.type('\r');
    await refused(first.answer, InvalidInputError, 'the password is empty');
    assertRestored(first.tty);
    const second = setup({ confirm: 'Repeat: ' });
    second.tty.type('abc\r\r');
    await refused(second.answer, InvalidInputError, 'the password is empty');
    assertRestored(second.tty);
  });

  test('a password over maxBytes is refused as soon as it grows past it; the default is 4096', async () => {
    const { tty, answer } = setup({ maxBytes: 4 });
    tty.type('abcde');
    await refused(answer, InvalidInputError, 'the password is longer than 4 bytes');
    assertRestored(tty);
    assert.equal(MAX_PASSWORD_BYTES, 4096);
    const long = setup();
    long.tty.type(`${'x'.repeat(4097)}\r`);
    await refused(long.answer, InvalidInputError, 'the password is longer than 4096 bytes');
    const fits = setup();
    fits.tty.type(`${'x'.repeat(4096)}\r`);
    assert.equal(await fits.answer, 'x'.repeat(4096));
  });

  test('the input ending or failing cancels', async () => {
    const ended = setup();
    ended.tty.type('abc');
    ended.tty.end();
    await refused(
      ended.answer,
      PromptCancelledError,
      'the terminal closed before the password was entered',
    );
    assertRestored(ended.tty);
    const failed = setup();
    failed.tty.destroy(Object.assign(new Error('read EIO'), { code: 'EIO' }));
    await refused(
      failed.answer,
      PromptCancelledError,
      'the terminal failed while reading the password (EIO)',
    );
    assert.deepEqual(failed.tty.modes, [true, false]);
    assert.equal(promptListeners(failed.tty), 0);
  });

  test('a terminal already in raw mode stays raw; a flowing one keeps flowing', async () => {
    const tty = new FakeTty();
    tty.setRawMode(true);
    tty.resume();
    const answer = promptPassword({ input: tty, output: new FakeOutput(), prompt: 'P: ' });
    tty.type('abc\r');
    assert.equal(await answer, 'abc');
    assert.deepEqual(tty.modes, [true, true, true]);
    assert.equal(tty.readableFlowing, true);
  });

  test('a terminal that refuses its mode back does not hide the outcome', async () => {
    const { tty, answer } = setup();
    tty.failRestore = new Error('setRawMode EIO');
    tty.type('abc\r');
    assert.equal(await answer, 'abc');
    assert.deepEqual(tty.modes, [true, false]);
  });

  test('wrong use is a TypeError naming the option', async () => {
    const out = new FakeOutput();
    const notTty = Object.assign(new FakeTty(), { isTTY: false });
    const cases: [unknown, string][] = [
      [null, 'promptPassword: options must be an object'],
      [
        { input: notTty, output: out, prompt: 'P: ' },
        'promptPassword: options.input must be a TTY stream (isTTY and setRawMode)',
      ],
      [
        { input: { isTTY: true }, output: out, prompt: 'P: ' },
        'promptPassword: options.input must be a TTY stream (isTTY and setRawMode)',
      ],
      [
        { input: new FakeTty(), output: {}, prompt: 'P: ' },
        'promptPassword: options.output must be a writable stream',
      ],
      [
        { input: new FakeTty(), output: out, prompt: 1 },
        'promptPassword: options.prompt must be a string',
      ],
      [
        { input: new FakeTty(), output: out, prompt: 'P: ', confirm: true },
        'promptPassword: options.confirm must be a string',
      ],
      [
        { input: new FakeTty(), output: out, prompt: 'P: ', maxBytes: 0 },
        'promptPassword: options.maxBytes must be a positive integer',
      ],
    ];
    for (const [options, message] of cases) {
      await assert.rejects(promptPassword(options as PromptOptions), {
        name: 'TypeError',
        message,
      });
    }
  });
});
