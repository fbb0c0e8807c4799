import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import {
  MASK,
  excerpt,
  redactUrl,
  redactValue,
  scrub,
} from '../../../../../daemon/monitoring/notifiers/redact.js';

describe('redactUrl', () => {
  test('keeps scheme and host, hides path, query and credentials', () => {
    assert.equal(
      redactUrl('https://hooks.slack.com/services/T000/B000/XXXXXXXX'),
      'https://hooks.slack.com/***',
    );
    assert.equal(redactUrl('https://example.com/?key=abc'), 'https://example.com/***');
    assert.equal(redactUrl('http://user:pw@127.0.0.1:9093'), 'http://127.0.0.1:9093/***');
    assert.equal(redactUrl('http://127.0.0.1:9093/'), 'http://127.0.0.1:9093');
    assert.equal(redactUrl('not a url with a secret'), MASK);
  });
});

describe('redactValue', () => {
  test('URLs by redactUrl, anything else masked', () => {
    assert.equal(
      redactValue('https://hooks.slack.com/services/T/B/X'),
      'https://hooks.slack.com/***',
    );
    assert.equal(redactValue('pk_12345_secret'), '***');
    assert.equal(redactValue(42), '***');
  });
});

describe('scrub', () => {
  test('replaces the secret and its URL-encoded and base64 forms', () => {
    const secret = 'p@ss word!';
    const text = `a ${secret} b ${encodeURIComponent(secret)} c ${Buffer.from(secret).toString('base64')}`;
    assert.equal(scrub(text, [secret, undefined]), 'a *** b *** c ***');
  });

  test('leaves very short secrets alone', () => {
    assert.equal(scrub('a b c', ['b']), 'a b c');
  });
});

describe('excerpt', () => {
  test('one line, bounded', () => {
    assert.equal(excerpt('  a\n\tb  '), 'a b');
    assert.equal(excerpt('x'.repeat(205)), `${'x'.repeat(200)}…`);
    assert.equal(excerpt('abcdef', 3), 'abc…');
  });
});
