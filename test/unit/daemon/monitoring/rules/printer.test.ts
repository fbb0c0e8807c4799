import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { parseExpression } from '../../../../../daemon/monitoring/rules/parser.js';
import { formatDuration, formatExpression, formatLabels } from '../../../../../daemon/monitoring/rules/printer.js';

const normal = (src: string): string => formatExpression(parseExpression(src));

// Positions differ after reprinting; everything else must be identical.
function withoutPositions(value: unknown): unknown {
  return JSON.parse(JSON.stringify(value, (key, v: unknown) => (key === 'pos' || key === 'regex' ? undefined : v)));
}

describe('formatExpression', () => {
  const cases: Array<[string, string]> = [
    ['a+b*c', 'a + b * c'],
    ['(a+b)*c', '(a + b) * c'],
    ['a-(b-c)', 'a - (b - c)'],
    ['(a-b)-c', 'a - b - c'],
    ['2^3^2', '2 ^ 3 ^ 2'],
    ['(2^3)^2', '(2 ^ 3) ^ 2'],
    ['-(a+b)', '-(a + b)'],
    ['(-a)^2', '(-a) ^ 2'],
    ['-a^2', '-a ^ 2'],
    ['a*-b', 'a * -b'],
    ['((up))', 'up'],
    ['a AND b or c', 'a and b or c'],
    ['a and (b or c)', 'a and (b or c)'],
    ['a>bool   on(job,env)b', 'a > bool on(job, env) b'],
    ['a+ignoring(x)b', 'a + ignoring(x) b'],
    ['sum(x)by(job)', 'sum by (job) (x)'],
    ['sum without(instance)(x)', 'sum without (instance) (x)'],
    ['max(x) without ()', 'max without () (x)'],
    ["{__name__='up',job='a'}", 'up{job="a"}'],
    ['{job="a"}', '{job="a"}'],
    ['up{a="x\\"y"}', 'up{a="x\\"y"}'],
    ['rate(x[90m])', 'rate(x[1h30m])'],
    ['rate(x[5m]offset 1h)', 'rate(x[5m] offset 1h)'],
    ['x offset -90s', 'x offset -1m30s'],
    ['histogram_quantile(0.9,sum by(le)(rate(h_bucket[5m])))', 'histogram_quantile(0.9, sum by (le) (rate(h_bucket[5m])))'],
    ['1e3', '1000'],
    ['Inf', 'Inf'],
    ['nan', 'NaN'],
    ['0.000001', '0.000001'],
    ['time()', 'time()'],
  ];
  for (const [src, expected] of cases) {
    test(`${src} → ${expected}`, () => assert.equal(normal(src), expected));
  }

  const roundTrips = [
    'sum by (job) (rate(http_requests_total{code=~"5.."}[5m])) / sum by (job) (rate(http_requests_total[5m])) > 0.05',
    '-(1 - 2) ^ -3 % 4',
    'a - -b * -c ^ d',
    'up == 0 unless on(instance) maintenance or absent(up{job="a"})',
    'predict_linear(node_filesystem_free_bytes[6h], 4 * 3600) < 0',
    'quantile_over_time(0.99, latency_seconds[10m] offset 1m) > bool 1',
    'clamp_max(clamp_min(x, 0), 1) * scalar(y) + vector(time())',
  ];
  for (const src of roundTrips) {
    test(`printing then parsing keeps the tree: ${src}`, () => {
      const once = parseExpression(src);
      const printed = formatExpression(once);
      assert.deepEqual(withoutPositions(parseExpression(printed)), withoutPositions(once));
      assert.equal(formatExpression(parseExpression(printed)), printed);
    });
  }
});

describe('formatDuration', () => {
  test('largest units first, exact', () => {
    assert.equal(formatDuration(300_000), '5m');
    assert.equal(formatDuration(5_400_000), '1h30m');
    assert.equal(formatDuration(604_800_000 + 1), '1w1ms');
    assert.equal(formatDuration(0), '0s');
  });
});

describe('formatLabels', () => {
  test('sorted, quoted, with or without a name', () => {
    assert.equal(formatLabels({ b: '2', a: '1' }, 'up'), 'up{a="1", b="2"}');
    assert.equal(formatLabels({ a: '1' }), '{a="1"}');
    assert.equal(formatLabels({}, 'up'), 'up');
    assert.equal(formatLabels({}), '{}');
  });
});
