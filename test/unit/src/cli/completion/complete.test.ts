import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { parseCompleteCall, runComplete } from '../../../../../src/cli/completion/complete.js';
import { VERSION } from '../../../../../src/protocol/version.js';
import { fakeDaemon } from './fake-daemon.js';

describe('parseCompleteCall', () => {
  it('reads the kind, the prefix and --socket', () => {
    assert.deepEqual(parseCompleteCall(['__complete', 'rule']), { kind: 'rule', prefix: '' });
    assert.deepEqual(parseCompleteCall(['__complete', 'rule', 'Hi']), {
      kind: 'rule',
      prefix: 'Hi',
    });
    assert.deepEqual(parseCompleteCall(['--socket', '/s', '__complete', 'user', 'a']), {
      kind: 'user',
      prefix: 'a',
      socket: '/s',
    });
    assert.deepEqual(parseCompleteCall(['__complete', 'user', '--socket=/t', '--json']), {
      kind: 'user',
      prefix: '',
      socket: '/t',
    });
  });

  it('takes a prefix that starts with a dash as the prefix', () => {
    assert.deepEqual(parseCompleteCall(['__complete', 'rule', '-x']), {
      kind: 'rule',
      prefix: '-x',
    });
  });

  it('is null for anything else', () => {
    for (const argv of [
      [],
      ['__complete'],
      ['monitoring', '--health'],
      ['rule', '__complete'],
      ['__complete', 'rule', 'a', 'b'],
      ['__complete', 'rule', '--socket'],
    ]) {
      assert.equal(parseCompleteCall(argv), null, argv.join(' '));
    }
  });
});

describe('runComplete', () => {
  async function run(
    kind: string,
    prefix: string,
    result: unknown,
    behaviour: 'answer' | 'refuse' = 'answer',
  ) {
    const daemon = await fakeDaemon(behaviour, result);
    let out = '';
    try {
      const code = await runComplete(
        { kind, prefix, socket: daemon.socketPath },
        { env: {}, write: (text) => (out += text) },
      );
      return { code, out, frames: daemon.frames };
    } finally {
      await daemon.close();
    }
  }

  it('prints the names with the prefix, one per line', async () => {
    const result = { rules: [{ name: 'HighQueue' }, { name: 'DiskFull' }, { name: 'HighCpu' }] };
    assert.deepEqual((await run('rule', 'High', result)).out, 'HighCpu\nHighQueue\n');
    assert.deepEqual((await run('rule', '', result)).out, 'DiskFull\nHighCpu\nHighQueue\n');
  });

  it('prints nothing and exits 0 when nothing matches, the kind is refused or unknown', async () => {
    assert.deepEqual(await run('rule', 'Z', { rules: [{ name: 'A' }] }), {
      code: 0,
      out: '',
      frames: [
        {
          jsonrpc: '2.0',
          id: 1,
          method: 'daemon.hello',
          params: { client: 'completion', version: VERSION, protocol: 1 },
        },
        { jsonrpc: '2.0', id: 2, method: 'monitoring.rules.list', params: {} },
      ],
    });
    const refused = await run('secret', '', {}, 'refuse');
    assert.deepEqual([refused.code, refused.out], [0, '']);
    const unknown = await run('constructor', '', {});
    assert.deepEqual([unknown.code, unknown.out, unknown.frames], [0, '', []]);
  });

  it('prints nothing and exits 0 without a daemon, or with a socket path too long', async () => {
    let out = '';
    const write = (text: string) => (out += text);
    assert.equal(
      await runComplete(
        { kind: 'rule', prefix: '' },
        { env: { CLICKUP_BRAIN_SOCKET: '/nonexistent/d.sock' }, write },
      ),
      0,
    );
    assert.equal(
      await runComplete(
        { kind: 'rule', prefix: '', socket: `/${'x'.repeat(200)}` },
        { env: {}, write },
      ),
      0,
    );
    assert.equal(out, '');
  });
});
