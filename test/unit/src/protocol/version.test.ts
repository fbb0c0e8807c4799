import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { test } from 'node:test';
import { PROTOCOL_VERSION, VERSION } from '../../../../src/protocol/version.js';

test('VERSION equals the version in package.json', () => {
  const pkg = JSON.parse(
    readFileSync(new URL('../../../../package.json', import.meta.url), 'utf8'),
  ) as { version: string };
  assert.equal(VERSION, pkg.version);
});

test('PROTOCOL_VERSION is a positive integer', () => {
  assert.ok(Number.isInteger(PROTOCOL_VERSION) && PROTOCOL_VERSION > 0);
});
