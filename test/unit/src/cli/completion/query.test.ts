import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { COMPLETION_DEADLINE_MS, queryDaemon } from '../../../../../src/cli/completion/query.js';
import { VERSION } from '../../../../../src/protocol/version.js';
import { fakeDaemon, type Behaviour } from './fake-daemon.js';

async function ask(behaviour: Behaviour, result?: unknown) {
  const daemon = await fakeDaemon(behaviour, result);
  try {
    const answer = await queryDaemon({
      socketPath: daemon.socketPath,
      method: 'monitoring.rules.list',
      params: {},
      deadlineMs: 100,
    });
    return { answer, frames: daemon.frames };
  } finally {
    await daemon.close();
  }
}

describe('queryDaemon', () => {
  it('sends the hello and the request together and resolves with the result', async () => {
    const { answer, frames } = await ask('answer', { rules: [{ name: 'A' }] });
    assert.deepEqual(answer, { rules: [{ name: 'A' }] });
    assert.deepEqual(frames, [
      {
        jsonrpc: '2.0',
        id: 1,
        method: 'daemon.hello',
        params: { client: 'completion', version: VERSION, protocol: 1 },
      },
      { jsonrpc: '2.0', id: 2, method: 'monitoring.rules.list', params: {} },
    ]);
  });

  it('gives undefined for a refusal, silence, garbage or a closed connection', async () => {
    for (const behaviour of ['refuse', 'silent', 'garbage', 'close'] as const) {
      assert.equal((await ask(behaviour)).answer, undefined, behaviour);
    }
  });

  it('gives undefined when nothing listens', async () => {
    assert.equal(
      await queryDaemon({ socketPath: '/nonexistent/cb.sock', method: 'x', params: {} }),
      undefined,
    );
  });

  it('keeps within a budget that leaves room for starting Node in 300 ms', () => {
    assert.equal(COMPLETION_DEADLINE_MS, 200);
  });

  it('refuses a deadline that is not a positive number (TypeError)', () => {
    for (const deadlineMs of [0, -1, Number.NaN]) {
      assert.throws(() => queryDaemon({ socketPath: '/x', method: 'x', params: {}, deadlineMs }), {
        name: 'TypeError',
        message: '"deadlineMs" option must be a positive number',
      });
    }
  });
});
