import assert from 'node:assert/strict';
import { chmod, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { before, after, describe, test } from 'node:test';
import { ManualClock } from '../../../../../daemon/clock.js';
import {
  commandKind,
  type CommandOptions,
} from '../../../../../daemon/monitoring/notifiers/command.js';
import { notification, sendContext } from './fixtures.js';

let dir = '';
const script = async (name: string, body: string): Promise<string> => {
  const path = join(dir, name);
  await writeFile(path, `#!/bin/sh\n${body}\n`);
  await chmod(path, 0o755);
  return path;
};
const command = (options: CommandOptions) =>
  commandKind.create(options, {}, { clock: new ManualClock() });

before(async () => {
  dir = await mkdtemp(join(tmpdir(), 'cb-command-'));
});
after(() => rm(dir, { recursive: true, force: true }));

describe('command channel', () => {
  test('runs the program with its args and the notification JSON on stdin; exit 0 is sent', async () => {
    const path = await script('save.sh', 'cat > "$1"; printf %s "$2" > "$1.arg"');
    const out = join(dir, 'saved.json');
    const result = await command({ path, args: [out, 'two words; $(not run)'] }).send(
      notification(),
      sendContext(),
    );
    assert.deepEqual(result, { detail: 'exit 0' });
    assert.deepEqual(JSON.parse(await readFile(out, 'utf8')), notification());
    assert.equal(
      await readFile(`${out}.arg`, 'utf8'),
      'two words; $(not run)',
      'no shell between us and the program',
    );
  });

  test('a non-zero exit is a retryable failure with the code and the start of stderr', async () => {
    const path = await script('fail.sh', 'echo "no route to pager" >&2; exit 3');
    await assert.rejects(command({ path }).send(notification(), sendContext()), {
      name: 'DeliveryError',
      message: `command '${path}' exited with code 3: no route to pager`,
      retryable: true,
    });
  });

  test('quotes at most 200 bytes of stderr', async () => {
    const path = await script('noisy.sh', `printf '%0300d' 0 >&2; exit 1`);
    await assert.rejects(command({ path }).send(notification(), sendContext()), {
      message: `command '${path}' exited with code 1: ${'0'.repeat(200)}`,
    });
  });

  test('a program that does not read stdin still succeeds', async () => {
    const path = await script('ignore.sh', 'exit 0');
    const big = notification({ commonAnnotations: { summary: 'x'.repeat(256 * 1024) } });
    assert.deepEqual(await command({ path }).send(big, sendContext()), { detail: 'exit 0' });
  });

  test('a program that outlives the timeout is killed (SIGTERM)', async () => {
    const path = await script('sleep.sh', 'echo started >&2; sleep 30');
    await assert.rejects(command({ path, timeoutMs: 200 }).send(notification(), sendContext()), {
      message: `command '${path}' timed out after 200 ms (killed): started`,
      retryable: true,
    });
  });

  test('one that ignores SIGTERM gets SIGKILL after the grace period', async () => {
    const path = await script('stubborn.sh', "trap '' TERM; sleep 30");
    await assert.rejects(command({ path, timeoutMs: 150 }).send(notification(), sendContext()), {
      message: `command '${path}' timed out after 150 ms (killed)`,
    });
  });

  test('the delivery’s own timeout wins when shorter, and an abort stops it', async () => {
    const path = await script('slow.sh', 'sleep 30');
    await assert.rejects(
      command({ path, timeoutMs: 60_000 }).send(notification(), sendContext({ timeoutMs: 120 })),
      {
        message: `command '${path}' timed out after 120 ms (killed)`,
      },
    );
    const controller = new AbortController();
    const sending = command({ path }).send(
      notification(),
      sendContext({ signal: controller.signal }),
    );
    controller.abort();
    await assert.rejects(sending, {
      message: `command '${path}' was aborted (killed)`,
      retryable: true,
    });
    await assert.rejects(
      command({ path }).send(notification(), sendContext({ signal: AbortSignal.abort() })),
      {
        message: `command '${path}' was not started: the delivery was aborted`,
      },
    );
  });

  test('a program killed by a signal says so', async () => {
    const path = await script('segv.sh', 'kill -KILL $$');
    await assert.rejects(command({ path }).send(notification(), sendContext()), {
      message: `command '${path}' was killed by SIGKILL`,
      retryable: true,
    });
  });

  test('a missing or non-executable program is not retryable', async () => {
    const missing = join(dir, 'missing.sh');
    await assert.rejects(command({ path: missing }).send(notification(), sendContext()), {
      message: `cannot run command '${missing}': ENOENT`,
      retryable: false,
    });
    const plain = join(dir, 'plain.txt');
    await writeFile(plain, 'echo hi\n');
    await assert.rejects(command({ path: plain }).send(notification(), sendContext()), {
      message: `cannot run command '${plain}': EACCES`,
      retryable: false,
    });
  });
});
