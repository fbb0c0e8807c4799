import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { activeSilence, parseMatcher } from '../../../../../daemon/monitoring/alerts/silences.js';
import type { SilenceInfo } from '../../../../../src/protocol/schemas.js';
import { HOUR, iso, refuses, T0 } from './alerting-fixtures.js';

describe('parseMatcher', () => {
  test('reads the four operators, bare or quoted values, and spaces around them', () => {
    assert.deepEqual(parseMatcher('alertname=HighCPU'), { name: 'alertname', op: '=', value: 'HighCPU' });
    assert.deepEqual(parseMatcher('job!=node'), { name: 'job', op: '!=', value: 'node' });
    assert.deepEqual(parseMatcher('severity=~"warn.*"'), { name: 'severity', op: '=~', value: 'warn.*' });
    assert.deepEqual(parseMatcher('host!~db[0-9]+'), { name: 'host', op: '!~', value: 'db[0-9]+' });
    assert.deepEqual(parseMatcher('  host = "a b"  '), { name: 'host', op: '=', value: 'a b' });
    assert.deepEqual(parseMatcher('_x1='), { name: '_x1', op: '=', value: '' });
  });

  test('a quoted value may escape quotes and backslashes', () => {
    assert.deepEqual(parseMatcher('msg="say \\"hi\\""'), { name: 'msg', op: '=', value: 'say "hi"' });
    assert.deepEqual(parseMatcher('path="c:\\\\tmp"'), { name: 'path', op: '=', value: 'c:\\tmp' });
  });

  test('what is not a matcher is refused, naming it', () => {
    const hint = 'write name=value, name!=value, name=~regex or name!~regex';
    refuses(() => parseMatcher('foo'), 'INVALID_INPUT', `'foo' is not a label matcher; ${hint}`, 'matchers');
    refuses(() => parseMatcher('1host=a'), 'INVALID_INPUT', `'1host=a' is not a label matcher; ${hint}`, 'matchers');
    refuses(() => parseMatcher('=a'), 'INVALID_INPUT', `'=a' is not a label matcher; ${hint}`, 'matchers');
    refuses(() => parseMatcher(''), 'INVALID_INPUT', `'' is not a label matcher; ${hint}`, 'matchers');
  });

  test('a regex that does not compile is refused with the reason', () => {
    refuses(
      () => parseMatcher('a=~"("'),
      'INVALID_INPUT',
      `'a=~"("': invalid regex in matcher: Invalid regular expression: /^(?:()$/s: Unterminated group`,
      'matchers',
    );
  });
});

function silence(id: string, matchers: string[], startsAt: number, endsAt: number): SilenceInfo {
  return { id, matchers, startsAt: iso(startsAt), endsAt: iso(endsAt), comment: 'c', createdBy: 'alice' };
}

describe('activeSilence', () => {
  const labels = { alertname: 'HighCPU', severity: 'warning', host: 'db1' };

  test('applies from its start (inclusive) to its end (exclusive)', () => {
    const s = silence('s1', ['alertname=HighCPU'], T0, T0 + HOUR);
    assert.equal(activeSilence([s], labels, T0 - 1), null);
    assert.equal(activeSilence([s], labels, T0), s);
    assert.equal(activeSilence([s], labels, T0 + HOUR - 1), s);
    assert.equal(activeSilence([s], labels, T0 + HOUR), null);
  });

  test('every matcher must match; regex matchers match the whole value', () => {
    const now = T0 + 1;
    const both = silence('s2', ['alertname=HighCPU', 'host=~"db.*"'], T0, T0 + HOUR);
    assert.equal(activeSilence([both], labels, now), both);
    assert.equal(activeSilence([both], { ...labels, host: 'web1' }, now), null);
    const partial = silence('s3', ['host=~db'], T0, T0 + HOUR);
    assert.equal(activeSilence([partial], labels, now), null);
    const negative = silence('s4', ['severity!~"crit.*"', 'host!=web1'], T0, T0 + HOUR);
    assert.equal(activeSilence([negative], labels, now), negative);
    assert.equal(activeSilence([negative], { ...labels, severity: 'critical' }, now), null);
  });

  test('a matcher on a missing label compares with the empty string', () => {
    const now = T0 + 1;
    const empty = silence('s5', ['team='], T0, T0 + HOUR);
    assert.equal(activeSilence([empty], labels, now), empty);
    const set = silence('s6', ['team=infra'], T0, T0 + HOUR);
    assert.equal(activeSilence([set], labels, now), null);
  });

  test('returns the first silence that applies, skipping ended and future ones', () => {
    const ended = silence('s7', ['alertname=HighCPU'], T0 - 2 * HOUR, T0 - HOUR);
    const future = silence('s8', ['alertname=HighCPU'], T0 + HOUR, T0 + 2 * HOUR);
    const other = silence('s9', ['alertname=Other'], T0, T0 + HOUR);
    const a = silence('s10', ['host=db1'], T0, T0 + HOUR);
    const b = silence('s11', ['severity=warning'], T0, T0 + HOUR);
    assert.equal(activeSilence([ended, future, other, a, b], labels, T0), a);
    assert.equal(activeSilence([ended, future, other], labels, T0), null);
    assert.equal(activeSilence([], labels, T0), null);
  });
});
