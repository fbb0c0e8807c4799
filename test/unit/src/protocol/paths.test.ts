import assert from 'node:assert/strict';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, test } from 'node:test';
import {
  MAX_SOCKET_PATH_BYTES,
  resolvePaths,
  socketPathProblem,
} from '../../../../src/protocol/paths.js';

const uid = typeof process.getuid === 'function' ? String(process.getuid()) : 'user';

describe('resolvePaths with CLICKUP_BRAIN_HOME', () => {
  test('puts everything under one folder', () => {
    const paths = resolvePaths({
      CLICKUP_BRAIN_HOME: '/srv/cb',
      HOME: '/home/u',
      XDG_CONFIG_HOME: '/xdg/config',
    });
    assert.deepEqual(paths, {
      mode: 'home',
      configDir: '/srv/cb/config',
      configFile: '/srv/cb/config/config.json',
      dataDir: '/srv/cb/data',
      storeFile: '/srv/cb/data/store.json',
      eventsFile: '/srv/cb/data/events.jsonl',
      secretsDir: '/srv/cb/data/secrets',
      lockDir: '/srv/cb/data/store.lock',
      logDir: '/srv/cb/state/logs',
      logFile: '/srv/cb/state/logs/current.log',
      runtimeDir: '/srv/cb/run',
      socketPath: '/srv/cb/run/daemon.sock',
      pidFile: '/srv/cb/run/daemon.pid',
    });
  });

  test('a relative home is resolved against the working directory', () => {
    const paths = resolvePaths({ CLICKUP_BRAIN_HOME: 'rel/home' });
    assert.equal(paths.configDir, join(process.cwd(), 'rel/home', 'config'));
    assert.equal(paths.socketPath, join(process.cwd(), 'rel/home', 'run', 'daemon.sock'));
  });

  test('an empty CLICKUP_BRAIN_HOME counts as unset', () => {
    const paths = resolvePaths({ CLICKUP_BRAIN_HOME: '', HOME: '/home/u' });
    assert.equal(paths.mode, 'xdg');
    assert.equal(paths.configDir, '/home/u/.config/clickup-brain');
  });
});

describe('resolvePaths with XDG', () => {
  test('without XDG variables, the defaults under HOME and a per-user tmp runtime dir', () => {
    const paths = resolvePaths({ HOME: '/home/u' });
    const runtimeDir = join(tmpdir(), `clickup-brain-${uid}`);
    assert.deepEqual(paths, {
      mode: 'xdg',
      configDir: '/home/u/.config/clickup-brain',
      configFile: '/home/u/.config/clickup-brain/config.json',
      dataDir: '/home/u/.local/share/clickup-brain',
      storeFile: '/home/u/.local/share/clickup-brain/store.json',
      eventsFile: '/home/u/.local/share/clickup-brain/events.jsonl',
      secretsDir: '/home/u/.local/share/clickup-brain/secrets',
      lockDir: '/home/u/.local/share/clickup-brain/store.lock',
      logDir: '/home/u/.local/state/clickup-brain/logs',
      logFile: '/home/u/.local/state/clickup-brain/logs/current.log',
      runtimeDir,
      socketPath: join(runtimeDir, 'daemon.sock'),
      pidFile: join(runtimeDir, 'daemon.pid'),
    });
  });

  test('absolute XDG variables are used', () => {
    const paths = resolvePaths({
      HOME: '/home/u',
      XDG_CONFIG_HOME: '/x/config',
      XDG_DATA_HOME: '/x/data',
      XDG_STATE_HOME: '/x/state',
      XDG_RUNTIME_DIR: '/run/user/1000',
    });
    assert.equal(paths.mode, 'xdg');
    assert.equal(paths.configFile, '/x/config/clickup-brain/config.json');
    assert.equal(paths.storeFile, '/x/data/clickup-brain/store.json');
    assert.equal(paths.logDir, '/x/state/clickup-brain/logs');
    assert.equal(paths.runtimeDir, '/run/user/1000/clickup-brain');
    assert.equal(paths.socketPath, '/run/user/1000/clickup-brain/daemon.sock');
    assert.equal(paths.pidFile, '/run/user/1000/clickup-brain/daemon.pid');
  });

  test('relative XDG values are ignored, as the spec requires', () => {
    const paths = resolvePaths({
      HOME: '/home/u',
      XDG_CONFIG_HOME: 'config',
      XDG_DATA_HOME: './data',
      XDG_STATE_HOME: '',
      XDG_RUNTIME_DIR: 'run',
    });
    assert.equal(paths.configDir, '/home/u/.config/clickup-brain');
    assert.equal(paths.dataDir, '/home/u/.local/share/clickup-brain');
    assert.equal(paths.logDir, '/home/u/.local/state/clickup-brain/logs');
    assert.equal(paths.runtimeDir, join(tmpdir(), `clickup-brain-${uid}`));
  });
});

describe('socket path', () => {
  test('CLICKUP_BRAIN_SOCKET wins over the home layout', () => {
    const paths = resolvePaths({
      CLICKUP_BRAIN_HOME: '/srv/cb',
      CLICKUP_BRAIN_SOCKET: '/tmp/x.sock',
    });
    assert.equal(paths.socketPath, '/tmp/x.sock');
    // The pid file stays in the runtime folder.
    assert.equal(paths.pidFile, '/srv/cb/run/daemon.pid');
  });

  test('an empty CLICKUP_BRAIN_SOCKET is ignored', () => {
    assert.equal(
      resolvePaths({ CLICKUP_BRAIN_HOME: '/srv/cb', CLICKUP_BRAIN_SOCKET: '' }).socketPath,
      '/srv/cb/run/daemon.sock',
    );
  });

  test('the override argument wins over everything and is resolved', () => {
    assert.equal(
      resolvePaths(
        { CLICKUP_BRAIN_HOME: '/srv/cb', CLICKUP_BRAIN_SOCKET: '/tmp/x.sock' },
        '/tmp/y.sock',
      ).socketPath,
      '/tmp/y.sock',
    );
    assert.equal(
      resolvePaths({ CLICKUP_BRAIN_HOME: '/srv/cb' }, 'rel.sock').socketPath,
      join(process.cwd(), 'rel.sock'),
    );
  });
});

describe('socketPathProblem', () => {
  test('the Linux limit is 107 bytes', { skip: process.platform !== 'linux' }, () => {
    assert.equal(MAX_SOCKET_PATH_BYTES, 107);
  });

  test('a path at the limit is fine; one byte more is a problem naming the sizes', () => {
    const atLimit = `/${'a'.repeat(MAX_SOCKET_PATH_BYTES - 1)}`;
    assert.equal(Buffer.byteLength(atLimit), MAX_SOCKET_PATH_BYTES);
    assert.equal(socketPathProblem(atLimit), null);
    const over = `${atLimit}b`;
    assert.equal(
      socketPathProblem(over),
      `socket path ${over} is ${MAX_SOCKET_PATH_BYTES + 1} bytes, but Unix sockets allow at most ${MAX_SOCKET_PATH_BYTES}; ` +
        'set CLICKUP_BRAIN_HOME to a shorter folder or pass --socket <path>',
    );
  });

  test('bytes are counted, not characters', () => {
    // 53 two-byte characters plus '/' = 107 bytes (fits); 54 = 109 bytes (does not).
    assert.equal(socketPathProblem(`/${'é'.repeat((MAX_SOCKET_PATH_BYTES - 1) / 2)}`), null);
    const over = `/${'é'.repeat((MAX_SOCKET_PATH_BYTES + 1) / 2)}`;
    assert.match(
      socketPathProblem(over) ?? '',
      new RegExp(`^socket path /é+ is ${MAX_SOCKET_PATH_BYTES + 2} bytes`),
    );
  });
});
