import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import {
  TEMPLATE_FIELDS,
  httpUrl,
  integer,
  templateOf,
  text,
} from '../../../../../daemon/monitoring/notifiers/channel-kind.js';
import { compileTemplate } from '../../../../../daemon/monitoring/notifiers/message-template.js';

const problem = (result: { success: boolean; error?: { issues: Array<{ message: string }> } }) =>
  result.error?.issues[0]?.message;

describe('channel-kind schema pieces', () => {
  test('text: required, non-empty, bounded', () => {
    const schema = text(5);
    assert.equal(schema.parse('abc'), 'abc');
    assert.equal(problem(schema.safeParse(undefined)), 'is required');
    assert.equal(problem(schema.safeParse(3)), 'must be a string');
    assert.equal(problem(schema.safeParse('')), 'must not be empty');
    assert.equal(problem(schema.safeParse('abcdef')), 'must be at most 5 characters');
  });

  test('httpUrl: only http and https with a host', () => {
    const schema = httpUrl();
    assert.equal(schema.parse('https://example.com/x'), 'https://example.com/x');
    assert.equal(schema.parse('http://127.0.0.1:9093'), 'http://127.0.0.1:9093');
    for (const bad of ['file:///etc/passwd', 'javascript:alert(1)', 'example.com', 'http://']) {
      assert.equal(problem(schema.safeParse(bad)), 'must be an http:// or https:// URL', bad);
    }
  });

  test('integer: whole and within bounds', () => {
    const schema = integer(1, 10);
    assert.equal(schema.parse(10), 10);
    assert.equal(problem(schema.safeParse(0)), 'must be at least 1');
    assert.equal(problem(schema.safeParse(11)), 'must be at most 10');
    assert.equal(problem(schema.safeParse(1.5)), 'must be a whole number');
    assert.equal(problem(schema.safeParse('2')), 'must be a number');
    assert.equal(problem(schema.safeParse(undefined)), 'is required');
  });
});

describe('templateOf', () => {
  test('returns a declared template; a missing one is a programming error', () => {
    const subject = compileTemplate('{{status}}', 'templates.subject');
    assert.equal(templateOf({ subject }, 'subject'), subject);
    assert.throws(() => templateOf({ subject }, 'body'), {
      name: 'TypeError',
      message: "the 'body' template is missing",
    });
    assert.deepEqual(TEMPLATE_FIELDS, ['subject', 'body', 'html']);
  });
});
