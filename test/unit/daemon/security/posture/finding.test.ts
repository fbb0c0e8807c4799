import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import {
  buildPostureReport,
  compareFindings,
  exitCodeForPosture,
  type Finding,
  type PostureReport,
  type Severity,
  severities,
  severityRank,
} from '../../../../../daemon/security/posture/finding.js';

const finding = (severity: Severity, id: string, subject: string | null = null): Finding => ({
  id,
  severity,
  title: `${id} title`,
  detail: `${id} detail`,
  subject,
  fix: null,
});

describe('severities', () => {
  test('least severe first, ranked 0 to 4', () => {
    assert.deepEqual(severities, ['info', 'low', 'medium', 'high', 'critical']);
    assert.deepEqual(severities.map(severityRank), [0, 1, 2, 3, 4]);
  });
});

describe('compareFindings', () => {
  test('worst first, then id, then subject with null first, in code-unit order', () => {
    const sorted = [
      finding('low', 'b'),
      finding('critical', 'z'),
      finding('low', 'a', 'x'),
      finding('low', 'a', 'X'),
      finding('low', 'a', null),
      finding('high', 'a'),
      finding('info', 'a'),
    ].sort(compareFindings);
    assert.deepEqual(
      sorted.map((f) => `${f.severity}/${f.id}/${f.subject}`),
      [
        'critical/z/null',
        'high/a/null',
        'low/a/null',
        'low/a/X',
        'low/a/x',
        'low/b/null',
        'info/a/null',
      ],
    );
  });
});

describe('buildPostureReport', () => {
  test('no findings: ok, zero counts, the checks and time given', () => {
    assert.deepEqual(buildPostureReport([], 1234, 17), {
      assessedAt: 1234,
      findings: [],
      worst: 'ok',
      counts: { info: 0, low: 0, medium: 0, high: 0, critical: 0 },
      checks: 17,
    });
  });

  test('sorts a copy, counts by severity, worst is the first', () => {
    const input = [
      finding('low', 'a'),
      finding('high', 'b'),
      finding('low', 'c'),
      finding('info', 'd'),
    ];
    const report = buildPostureReport(input, 5, 4);
    assert.deepEqual(
      report.findings.map((f) => f.id),
      ['b', 'a', 'c', 'd'],
    );
    assert.deepEqual(report.counts, { info: 1, low: 2, medium: 0, high: 1, critical: 0 });
    assert.equal(report.worst, 'high');
    assert.deepEqual(
      input.map((f) => f.id),
      ['a', 'b', 'c', 'd'],
    );
  });
});

describe('exitCodeForPosture', () => {
  test('0 up to low, 1 from medium', () => {
    const cases: Array<[PostureReport['worst'], number]> = [
      ['ok', 0],
      ['info', 0],
      ['low', 0],
      ['medium', 1],
      ['high', 1],
      ['critical', 1],
    ];
    for (const [worst, code] of cases) assert.equal(exitCodeForPosture({ worst }), code, worst);
  });

  test('a report built from findings', () => {
    assert.equal(exitCodeForPosture(buildPostureReport([finding('low', 'a')], 0, 1)), 0);
    assert.equal(exitCodeForPosture(buildPostureReport([finding('medium', 'a')], 0, 1)), 1);
  });

  test('an unknown worst is a TypeError', () => {
    assert.throws(() => exitCodeForPosture({ worst: 'severe' as Severity }), {
      name: 'TypeError',
      message: `"worst" must be 'ok' or a severity, got "severe"`,
    });
  });
});
