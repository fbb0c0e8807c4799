import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { parseChannelName } from '../../../../../daemon/monitoring/channels/channel-name.js';
import { InvalidInputError } from '../../../../../src/protocol/errors.js';

const CHANNEL_RULE =
  "channel name must be 1-64 characters: letters, digits, '.', '_' and '-', starting with a letter or digit";
const ROUTE_RULE =
  "route id must be 1-64 characters: letters, digits, '.', '_' and '-', starting with a letter or digit";

function refused(
  value: unknown,
  field: string | undefined,
  message: string,
  expectedField: string,
): void {
  assert.throws(
    () => (field === undefined ? parseChannelName(value) : parseChannelName(value, field)),
    (error: unknown) => {
      assert.ok(error instanceof InvalidInputError);
      assert.equal(error.code, 'INVALID_INPUT');
      assert.equal(error.message, message);
      assert.equal(error.details['field'], expectedField);
      return true;
    },
  );
}

describe('parseChannelName', () => {
  it('takes letters, digits, dots, underscores and dashes, up to 64, starting with a letter or digit', () => {
    for (const name of ['ops', 'Ops-2', 'team.db_primary', '9lives', 'x'.repeat(64)])
      assert.equal(parseChannelName(name), name);
    assert.equal(parseChannelName('default', 'id'), 'default');
  });

  it('refuses anything else, naming the field (a route id says so)', () => {
    for (const bad of [
      '',
      '-ops',
      '.ops',
      '_ops',
      'with space',
      'x'.repeat(65),
      'semi;colon',
      'slash/name',
      'ümlaut',
      'new\nline',
      42,
      null,
      undefined,
      ['ops'],
    ]) {
      refused(bad, undefined, CHANNEL_RULE, 'name');
    }
    refused('bad id', 'id', ROUTE_RULE, 'id');
    refused('', 'channels', CHANNEL_RULE, 'channels');
  });
});
