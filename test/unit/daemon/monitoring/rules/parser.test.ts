import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import type { Expr } from '../../../../../daemon/monitoring/rules/ast.js';
import { parseExpression } from '../../../../../daemon/monitoring/rules/parser.js';
import { InvalidInputError } from '../../../../../src/protocol/errors.js';

// The tree shape, fully parenthesised, so that precedence is visible.
function tree(e: Expr): string {
  switch (e.kind) {
    case 'number':
      return String(e.value);
    case 'selector': {
      const ms = e.matchers.map((m) => `${m.name}${m.op}${m.value}`).join(',');
      return `${e.name ?? ''}${ms === '' ? '' : `{${ms}}`}${e.offsetMs === 0 ? '' : `@-${e.offsetMs}`}`;
    }
    case 'matrix':
      return `${tree(e.selector)}[${e.rangeMs}]`;
    case 'unary':
      return `(- ${tree(e.expr)})`;
    case 'binary': {
      const mods = `${e.returnBool ? ' bool' : ''}${e.matching ? ` ${e.matching.on ? 'on' : 'ignoring'}(${e.matching.labels.join(',')})` : ''}`;
      return `(${e.op}${mods} ${tree(e.left)} ${tree(e.right)})`;
    }
    case 'aggregate':
      return `(${e.op}${e.grouping.length > 0 || e.without ? ` ${e.without ? 'without' : 'by'}(${e.grouping.join(',')})` : ''} ${tree(e.expr)})`;
    case 'call':
      return `${e.func}(${e.args.map(tree).join(', ')})`;
  }
}

const shape = (src: string): string => tree(parseExpression(src));

describe('parseExpression: precedence and associativity', () => {
  const cases: Array<[string, string]> = [
    ['a + b * c', '(+ a (* b c))'],
    ['a * b + c', '(+ (* a b) c)'],
    ['a - b - c', '(- (- a b) c)'],
    ['a / b % c', '(% (/ a b) c)'],
    ['2 ^ 3 ^ 2', '(^ 2 (^ 3 2))'],
    ['a * b ^ c', '(* a (^ b c))'],
    ['-a ^ b', '(- (^ a b))'],
    ['-a * b', '(* (- a) b)'],
    ['a * -b', '(* a (- b))'],
    ['--a', '(- (- a))'],
    ['+a', 'a'],
    ['a + b > c * d', '(> (+ a b) (* c d))'],
    ['a > b and c < d', '(and (> a b) (< c d))'],
    ['a and b or c', '(or (and a b) c)'],
    ['a or b and c', '(or a (and b c))'],
    ['a unless b and c', '(and (unless a b) c)'],
    ['a or b unless c', '(or a (unless b c))'],
    ['(a + b) * c', '(* (+ a b) c)'],
    ['a == bool b', '(== bool a b)'],
    ['a AND b OR c', '(or (and a b) c)'],
  ];
  for (const [src, expected] of cases) {
    test(src, () => assert.equal(shape(src), expected));
  }
});

describe('parseExpression: syntax elements', () => {
  const cases: Array<[string, string]> = [
    ['1e3', '1000'],
    ['Inf', 'Infinity'],
    ['-Inf', '(- Infinity)'],
    ['NaN', 'NaN'],
    ['0x10', '16'],
    ['up', 'up'],
    ['up{}', 'up'],
    ['up{job="a", env!="b", path=~"/api/.*", code!~"5.."}', 'up{job=a,env!=b,path=~/api/.*,code!~5..}'],
    ['up{job="a",}', 'up{job=a}'],
    ["up{job='a'}", 'up{job=a}'],
    ['{__name__="up", job="a"}', 'up{job=a}'],
    ['{__name__=~"up|down"}', '{__name__=~up|down}'],
    ['{job="a"}', '{job=a}'],
    ['rate(x[5m])', 'rate(x[300000])'],
    ['rate(x[1h30m])', 'rate(x[5400000])'],
    ['x offset 5m', 'x@-300000'],
    ['x offset -1m', 'x@--60000'],
    ['rate(x[5m] offset 1h)', 'rate(x@-3600000[300000])'],
    ['a + on(job, env) b', '(+ on(job,env) a b)'],
    ['a + ignoring(instance) b', '(+ ignoring(instance) a b)'],
    ['a > bool on(job) b', '(> bool on(job) a b)'],
    ['a and on() b', '(and on() a b)'],
    ['sum(x)', '(sum x)'],
    ['sum by (job) (x)', '(sum by(job) x)'],
    ['sum(x) by (job, env)', '(sum by(job,env) x)'],
    ['avg without (instance) (x)', '(avg without(instance) x)'],
    ['max(x) without ()', '(max without() x)'],
    ['count by (a,) (x)', '(count by(a) x)'],
    ['min(x)', '(min x)'],
    ['predict_linear(x[1h], 4 * 3600)', 'predict_linear(x[3600000], (* 4 3600))'],
    ['quantile_over_time(0.9, x[5m])', 'quantile_over_time(0.9, x[300000])'],
    ['histogram_quantile(0.99, sum by (le) (rate(h_bucket[5m])))', 'histogram_quantile(0.99, (sum by(le) rate(h_bucket[300000])))'],
    ['absent(up{job="a"})', 'absent(up{job=a})'],
    ['absent_over_time(up[10m])', 'absent_over_time(up[600000])'],
    ['clamp_min(x, 0)', 'clamp_min(x, 0)'],
    ['clamp_max(x, 1)', 'clamp_max(x, 1)'],
    ['abs(x)', 'abs(x)'],
    ['time()', 'time()'],
    ['vector(1)', 'vector(1)'],
    ['scalar(x) * 2', '(* scalar(x) 2)'],
    ['sum', 'sum'],
    ['rate', 'rate'],
    ['x # a comment', 'x'],
  ];
  for (const [src, expected] of cases) {
    test(src, () => assert.equal(shape(src), expected));
  }

  test('result types: scalar for numbers and scalar functions, vector otherwise', () => {
    assert.equal(parseExpression('1 + 2').type, 'scalar');
    assert.equal(parseExpression('time() - 10').type, 'scalar');
    assert.equal(parseExpression('up * 2').type, 'vector');
    assert.equal(parseExpression('1 > bool 2').type, 'scalar');
  });

  test('regex matchers are compiled once and anchored at both ends', () => {
    const e = parseExpression('x{a=~"b.*", c!~"d"}');
    assert.equal(e.kind, 'selector');
    if (e.kind !== 'selector') return;
    const [re1, re2] = e.labelMatchers.map((m) => m.regex as RegExp);
    assert.ok(re1?.test('bcd'));
    assert.ok(!re1?.test('abc'));
    assert.ok(re2?.test('d'));
    assert.ok(!re2?.test('dd'));
  });

  test('a leading (?i) makes the regex case-insensitive', () => {
    const e = parseExpression('x{a=~"(?i)get"}');
    if (e.kind !== 'selector') assert.fail('not a selector');
    assert.ok(e.labelMatchers[0]?.regex?.test('GET'));
  });
});

describe('parseExpression: refusals name the position and the reason', () => {
  const cases: Array<[string, string]> = [
    ['up{job="a"} >> 1', "unexpected '>' at column 14"],
    ['up >', 'unexpected end of input at column 5'],
    ['rate(x[5m]', "expected ')' at column 11 but found end of input"],
    ['sum(rate(x[5m]) by (job)', "expected ')' at column 17 but found 'by'"],
    ['foo(x)', "unknown function 'foo' at column 1"],
    ['rate(x)', 'rate() expects a range vector at column 6'],
    ['abs(x[5m])', 'abs() expects an instant vector at column 5'],
    ['quantile_over_time(x[5m], 0.5)', 'quantile_over_time() expects a scalar as argument 1 at column 20'],
    ['predict_linear(x[5m], y)', 'predict_linear() expects a scalar as argument 2 at column 23'],
    ['rate(x[5m], 1)', 'rate() expects 1 argument but got 2 at column 13'],
    ['absent()', 'absent() expects 1 argument but got 0 at column 8'],
    ['sum(x[5m])', 'sum() expects an instant vector at column 5'],
    ['1 > 2', 'comparisons between scalars must use bool modifier at column 3'],
    ['a + bool b', 'bool modifier can only be used on comparison operators at column 5'],
    ['a and 1', "set operator 'and' not allowed in binary scalar expression at column 3"],
    ['x[5m] + 1', 'binary expression must contain only scalar and instant vector types at column 1'],
    ['1 + on(a) x', 'vector matching only allowed between instant vectors at column 3'],
    ['a * on(x) group_left b', 'group_left is not supported (only one-to-one vector matching) at column 11'],
    ['x[5m]', 'a rule expression must be an instant vector or a scalar, not a range vector at column 1'],
    ['(up)[5m]', 'ranges are only allowed on instant vector selectors at column 5'],
    ['x[5m:1m]', 'subqueries are not supported at column 5'],
    ['x[5]', "expected a duration such as 5m at column 3 but found '5'"],
    ['x[0s]', 'range must be greater than zero at column 3'],
    ['up offset 5m[5m]', 'no offset modifiers allowed before range at column 13'],
    ['sum(x) offset 5m', 'offset is only allowed on instant or range vector selectors at column 8'],
    ['up{job="a" env="b"}', "expected ',' or '}' at column 12 but found 'env'"],
    ['up{job}', "expected a label matcher operator (=, !=, =~, !~) at column 7 but found '}'"],
    ['up{job=a}', "expected a string at column 8 but found 'a'"],
    ['up{a:b="c"}', "invalid label name 'a:b' at column 4"],
    ['up{job=~"("}', 'invalid regular expression "(": Unterminated group at column 9'],
    ['{job=""}', 'vector selector must contain at least one non-empty matcher at column 1'],
    ['up{__name__="down"}', "metric name must not be set twice: 'up' or 'down' at column 4"],
    ['sum by (job x', "expected ')' at column 13 but found 'x'"],
    ['"text"', 'unexpected string "text" at column 1'],
    ['5m', "unexpected '5m' at column 1"],
    ['by', "unexpected 'by' at column 1"],
    ['-x[5m]', "unary '-' expects a scalar or an instant vector at column 2"],
    ['up\n  and on(job)', 'unexpected end of input at line 2, column 14'],
    ['up\n  and on(job) >', "unexpected '>' at line 2, column 15"],
  ];
  for (const [src, message] of cases) {
    test(JSON.stringify(src), () => {
      assert.throws(
        () => parseExpression(src),
        (err: unknown) => {
          assert.ok(err instanceof InvalidInputError);
          assert.equal(err.code, 'INVALID_INPUT');
          assert.equal(err.message, message);
          return true;
        },
      );
    });
  }
});
