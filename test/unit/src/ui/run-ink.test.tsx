import assert from 'node:assert/strict';
import { EventEmitter } from 'node:events';
import { PassThrough } from 'node:stream';
import { describe, it } from 'node:test';
import { Text, useApp } from 'ink';
import { useEffect, type ReactNode } from 'react';
import { fullScreen, runInk } from '../../../../src/ui/run-ink.js';

/** A terminal that records what is written to it. */
function terminal() {
  const stdout = Object.assign(new EventEmitter(), {
    columns: 80,
    rows: 24,
    isTTY: true,
    written: '',
    write(chunk: string): boolean {
      stdout.written += chunk;
      return true;
    },
  });
  const stdin = Object.assign(new PassThrough(), { isTTY: false });
  return {
    stdout: stdout as unknown as NodeJS.WriteStream & { written: string },
    stdin: stdin as unknown as NodeJS.ReadStream,
  };
}

const ENTER = '\u001B[?1049h\u001B[H\u001B[?25l';
const LEAVE = '\u001B[?25h\u001B[?1049l';

function QuitsAtOnce(): ReactNode {
  const { exit } = useApp();
  useEffect(() => {
    setImmediate(() => exit());
  }, [exit]);
  return <Text>hello dashboard</Text>;
}

describe('fullScreen', () => {
  it('draws on the alternate screen and restores it after the view', async () => {
    const io = terminal();
    await fullScreen(io, async () => {
      assert.equal(io.stdout.written, ENTER);
    });
    assert.equal(io.stdout.written, ENTER + LEAVE);
  });

  it('restores the terminal when the view fails, and passes the error on', async () => {
    const io = terminal();
    await assert.rejects(
      fullScreen(io, () => Promise.reject(new Error('boom'))),
      { message: 'boom' },
    );
    assert.ok(io.stdout.written.endsWith(LEAVE));
  });
});

describe('runInk', () => {
  it('renders the view between entering and leaving the alternate screen, and resolves when it quits', async () => {
    const io = terminal();
    await runInk(<QuitsAtOnce />, { ...io, stderr: io.stdout });
    const text = io.stdout.written;
    assert.ok(text.startsWith(ENTER));
    assert.ok(text.includes('hello dashboard'));
    assert.ok(text.endsWith(LEAVE));
    // Its SIGTERM, SIGHUP and exit handlers go with it (Ink's own, installed once, stay): a second
    // run leaves the same number behind.
    const counts = (): number[] =>
      ['SIGTERM', 'SIGHUP', 'exit'].map((s) => process.listenerCount(s));
    const after = counts();
    await runInk(<QuitsAtOnce />, { ...terminal(), stderr: io.stdout });
    assert.deepEqual(counts(), after);
  });
});
