import assert from 'node:assert/strict';
import { EventEmitter } from 'node:events';
import { describe, it } from 'node:test';
import { runSecurityView } from '../../../../../src/ui/security/run-security-view.js';
import { FakeClient, sampleAnswers } from './fixtures.js';

// Ink draws only the last frame, at exit, when CI or CONTINUOUS_INTEGRATION is set. The CLI's
// bundle replaces that detection with false (scripts/build.mjs); this test runs the source, which
// imports Ink on demand after this line, so it clears the variables Ink reads instead.
delete process.env.CI;
delete process.env.CONTINUOUS_INTEGRATION;

/** A terminal-like stdout that keeps what was written. */
class FakeStdout extends EventEmitter {
  readonly columns = 100;
  readonly rows = 30;
  readonly isTTY = true;
  readonly writes: string[] = [];
  write(text: string): boolean {
    this.writes.push(text);
    return true;
  }
}

/** A raw-mode stdin the test types into (the shape Ink reads: `readable` then `read()`). */
class FakeStdin extends EventEmitter {
  readonly isTTY = true;
  private queued: string | null = null;
  type(text: string): void {
    this.queued = text;
    this.emit('readable');
  }
  read(): string | null {
    const text = this.queued;
    this.queued = null;
    return text;
  }
  setEncoding(): void {}
  setRawMode(): void {}
  resume(): void {}
  pause(): void {}
  ref(): void {}
  unref(): void {}
}

/** Waits (bounded) until `check` holds: Ink and React load on demand, which takes a moment. */
async function until(check: () => boolean): Promise<void> {
  for (let i = 0; i < 500 && !check(); i++) await new Promise((resolve) => setTimeout(resolve, 10));
}

function start(mode: 'status' | 'events') {
  const client = new FakeClient(sampleAnswers());
  const stdout = new FakeStdout();
  const stdin = new FakeStdin();
  const done = runSecurityView({
    client,
    mode,
    color: false,
    stdout: stdout as unknown as NodeJS.WriteStream,
    stdin: stdin as unknown as NodeJS.ReadStream,
  });
  return { client, stdout, stdin, done };
}

describe('runSecurityView', () => {
  it('draws the view from the client and resolves when q is pressed', async () => {
    const { client, stdout, stdin, done } = start('status');
    await until(() => stdout.writes.join('').includes('Locked accounts (1)'));
    assert.equal(client.calls[0]?.method, 'security.subscribe');
    assert.match(stdout.writes.join(''), /Locked accounts \(1\)/);
    stdin.type('q');
    await done;
  });

  it('resolves on Ctrl-C in events mode', async () => {
    const { stdout, stdin, done } = start('events');
    await until(() => stdout.writes.join('').includes('Events (4)'));
    assert.match(stdout.writes.join(''), /Events \(4\)/);
    stdin.type('\u0003');
    await done;
  });

  it('refuses a wrong mode or colour with a TypeError naming the option', async () => {
    const client = new FakeClient();
    const streams = { stdout: process.stdout, stdin: process.stdin };
    await assert.rejects(
      runSecurityView({ client, mode: 'live' as 'status', color: false, ...streams }),
      {
        name: 'TypeError',
        message: '"mode" option must be one of status, events',
      },
    );
    await assert.rejects(
      runSecurityView({ client, mode: 'status', color: 'yes' as unknown as boolean, ...streams }),
      {
        name: 'TypeError',
        message: '"color" option must be a boolean',
      },
    );
    assert.deepEqual(client.calls, []);
  });
});
