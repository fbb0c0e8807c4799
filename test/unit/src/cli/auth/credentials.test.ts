import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import {
  checkCredentials,
  parseCredentials,
  serializeCredentials,
  type CliCredentials,
} from '../../../../../src/cli/auth/credentials.js';

const LOGIN: CliCredentials = {
  username: 'ada',
  accessToken: 'access.token.value',
  refreshToken: 'refresh-token-value',
  expiresAt: Date.UTC(2026, 0, 1, 0, 15),
  sessionId: 'sess-1',
};

describe('serializeCredentials / parseCredentials', () => {
  test('round-trips, with the version and account stored', () => {
    const text = serializeCredentials(LOGIN, 'socket-a');
    assert.deepEqual(JSON.parse(text), { version: 1, account: 'socket-a', ...LOGIN });
    assert.ok(text.endsWith('}\n'));
    assert.deepEqual(parseCredentials(text, 'socket-a'), { kind: 'ok', credentials: LOGIN });
  });

  test('only the known fields are stored and read back', () => {
    const text = serializeCredentials({ ...LOGIN, extra: 'x' } as CliCredentials, 'a');
    assert.equal('extra' in JSON.parse(text), false);
    const stored = JSON.stringify({ version: 1, account: 'a', ...LOGIN, more: 1 });
    assert.deepEqual(parseCredentials(stored, 'a'), { kind: 'ok', credentials: LOGIN });
  });

  test('a record for another account is not ours', () => {
    assert.deepEqual(parseCredentials(serializeCredentials(LOGIN, 'socket-a'), 'socket-b'), {
      kind: 'other-account',
    });
  });

  test('anything else is corrupt', () => {
    const good = { version: 1, account: 'a', ...LOGIN };
    const bad: unknown[] = [
      '',
      'not json',
      '{"version":1,',
      'null',
      '[]',
      '"text"',
      { ...good, version: 2 },
      { ...good, version: undefined },
      { ...good, account: 1 },
      { ...good, username: '' },
      { ...good, accessToken: undefined },
      { ...good, refreshToken: 42 },
      { ...good, sessionId: null },
      { ...good, expiresAt: '1' },
      { ...good, expiresAt: -1 },
      { ...good, expiresAt: 1.5 },
    ];
    for (const value of bad) {
      const text = typeof value === 'string' ? value : JSON.stringify(value);
      assert.deepEqual(parseCredentials(text, 'a'), { kind: 'corrupt' }, text);
    }
  });
});

describe('checkCredentials', () => {
  test('accepts a login', () => {
    assert.doesNotThrow(() => checkCredentials(LOGIN, 'f'));
    assert.doesNotThrow(() => checkCredentials({ ...LOGIN, expiresAt: 0 }, 'f'));
  });

  test('a TypeError names the first bad field, never its value', () => {
    const cases: [unknown, string][] = [
      [null, 'f: credentials must be an object'],
      ['token', 'f: credentials must be an object'],
      [{ ...LOGIN, username: '' }, 'f: credentials.username must be a non-empty string'],
      [
        { ...LOGIN, accessToken: undefined },
        'f: credentials.accessToken must be a non-empty string',
      ],
      [{ ...LOGIN, refreshToken: 7 }, 'f: credentials.refreshToken must be a non-empty string'],
      [{ ...LOGIN, sessionId: {} }, 'f: credentials.sessionId must be a non-empty string'],
      [
        { ...LOGIN, expiresAt: Number.NaN },
        'f: credentials.expiresAt must be a non-negative integer (ms since the epoch)',
      ],
      [
        { ...LOGIN, expiresAt: -5 },
        'f: credentials.expiresAt must be a non-negative integer (ms since the epoch)',
      ],
    ];
    for (const [value, message] of cases)
      assert.throws(() => checkCredentials(value, 'f'), { name: 'TypeError', message });
  });
});
