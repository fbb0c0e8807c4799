import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { EventEmitter } from 'node:events';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { repoRoot } from '../../../helpers/home.js';
import {
  daemonEnv,
  daemonMain,
  failure,
  stopDaemon,
  whenListening,
  // @ts-expect-error -- a plain .mjs bench helper without type declarations
} from '../../../../bench/lib/daemon.mjs';

/** A stand-in for a daemon's ChildProcess: only the exit fields whenListening reads. */
function fakeDaemon(exitCode: number | null = null): { exitCode: number | null; signalCode: null } {
  return Object.assign(new EventEmitter(), { exitCode, signalCode: null });
}

const unreachable = () =>
  Object.assign(new Error('daemon not running'), { code: 'DAEMON_UNREACHABLE' });

describe('daemonEnv', () => {
  it('is the home (as HOME too), plain output and PATH, with extra variables over them', () => {
    assert.deepEqual(daemonEnv('/tmp/h', { CLICKUP_BRAIN_HTTP_PORT: '8081', LANG: 'C' }), {
      PATH: process.env['PATH'],
      HOME: '/tmp/h',
      CLICKUP_BRAIN_HOME: '/tmp/h',
      NO_COLOR: '1',
      LANG: 'C',
      CLICKUP_BRAIN_HTTP_PORT: '8081',
    });
    assert.equal(daemonMain, join(repoRoot, 'dist', 'daemon', 'main.js'));
  });
});

describe('whenListening', () => {
  it('retries while the daemon is unreachable, then answers the connection', async () => {
    let tries = 0;
    const client = await whenListening(async () => {
      tries++;
      if (tries < 3) throw unreachable();
      return 'client';
    }, fakeDaemon());
    assert.equal(client, 'client');
    assert.equal(tries, 3);
  });

  it('fails at once on another error, or when the daemon has exited', async () => {
    await assert.rejects(
      whenListening(async () => {
        throw new Error('refused: bad hello');
      }, fakeDaemon()),
      { message: 'refused: bad hello' },
    );
    await assert.rejects(
      whenListening(async () => {
        throw unreachable();
      }, fakeDaemon(1)),
      { message: 'the daemon exited (1) before listening' },
    );
  });

  it('gives up after the timeout with the last error', async () => {
    await assert.rejects(
      whenListening(
        async () => {
          throw unreachable();
        },
        fakeDaemon(),
        0,
      ),
      { code: 'DAEMON_UNREACHABLE' },
    );
  });
});

describe('stopDaemon', () => {
  it('without a client, kills the process at once and waits for its exit', async () => {
    const child = spawn(process.execPath, ['-e', 'setInterval(() => {}, 1000)'], {
      stdio: 'ignore',
    });
    await stopDaemon(child, undefined);
    assert.equal(child.signalCode, 'SIGKILL');
  });

  it('with a client, asks for daemon.shutdown and waits for the exit', async () => {
    const child = spawn(process.execPath, ['-e', 'setInterval(() => {}, 1000)'], {
      stdio: 'ignore',
    });
    const asked: string[] = [];
    const client = {
      request: async (method: string) => {
        asked.push(method);
        child.kill('SIGTERM');
        return {};
      },
    };
    await stopDaemon(child, client);
    assert.deepEqual(asked, ['daemon.shutdown']);
    assert.equal(child.signalCode, 'SIGTERM');
    await stopDaemon(child, client); // already gone: nothing asked
    assert.deepEqual(asked, ['daemon.shutdown']);
  });
});

describe('failure', () => {
  it("names the bench and the cause, with the daemon's output when there is some", () => {
    const cause = new Error('timed out');
    const withOutput = failure('web-load', cause, '  listening\nboom\n');
    assert.equal(
      withOutput.message,
      'web-load bench failed: timed out\ndaemon output:\nlistening\nboom',
    );
    assert.equal(withOutput.cause, cause);
    assert.equal(failure('web-load', cause, ' \n').message, 'web-load bench failed: timed out');
  });
});
