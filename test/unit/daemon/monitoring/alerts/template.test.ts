import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { compileTemplate } from '../../../../../daemon/monitoring/alerts/template.js';
import { refuses } from './alerting-fixtures.js';

const render = (text: string, value: number, labels: Record<string, string> = {}): string => compileTemplate(text, 'annotations.summary')({ value, labels });

describe('compileTemplate: values', () => {
  test('plain text renders as is, with or without braces that are not actions', () => {
    assert.equal(render('', 1), '');
    assert.equal(render('disk is filling up', 1), 'disk is filling up');
    assert.equal(render('a } b }} c', 1), 'a } b }} c');
  });

  test('{{ $value }} is the value as a number, with or without spaces', () => {
    assert.equal(render('CPU is {{ $value }}%', 93.5), 'CPU is 93.5%');
    assert.equal(render('{{$value}}/{{ $value }}', 3), '3/3');
    assert.equal(render('{{ $value }}', -0.25), '-0.25');
  });

  test('{{ $labels.x }} is the label value, empty when the alert has no such label', () => {
    assert.equal(render('{{ $labels.host }} on {{ $labels.job }}', 1, { host: 'db1', job: 'pg' }), 'db1 on pg');
    assert.equal(render('[{{ $labels.missing }}]', 1, { host: 'db1' }), '[]');
  });

  test('the template is compiled once and renders each call with its own data', () => {
    const template = compileTemplate('{{ $labels.host }}={{ $value }}', 'annotations.summary');
    assert.equal(template({ value: 1, labels: { host: 'a' } }), 'a=1');
    assert.equal(template({ value: 2, labels: { host: 'b' } }), 'b=2');
  });
});

describe('compileTemplate: pipes', () => {
  test('humanize uses k, M, G and T with up to three decimals', () => {
    assert.equal(render('{{ $value | humanize }}', 999), '999');
    assert.equal(render('{{ $value | humanize }}', 1000), '1k');
    assert.equal(render('{{ $value | humanize }}', 1234567), '1.235M');
    assert.equal(render('{{ $value | humanize }}', 2.5e9), '2.5G');
    assert.equal(render('{{ $value | humanize }}', 3e12), '3T');
    assert.equal(render('{{ $value | humanize }}', -1500), '-1.5k');
    assert.equal(render('{{ $value | humanize }}', 0.12345), '0.123');
    assert.equal(render('{{ $value | humanize }}', NaN), 'NaN');
    assert.equal(render('{{ $value | humanize }}', Infinity), 'Infinity');
  });

  test('humanizePercentage multiplies by 100', () => {
    assert.equal(render('{{ $value | humanizePercentage }}', 0.12345), '12.345%');
    assert.equal(render('{{ $value | humanizePercentage }}', 1), '100%');
  });

  test('humanizeDuration reads the value as seconds', () => {
    assert.equal(render('{{ $value | humanizeDuration }}', 5400.5), '1h30m');
    assert.equal(render('{{ $value | humanizeDuration }}', 0.25), '250ms');
    assert.equal(render('{{ $value | humanizeDuration }}', 0), '0s');
    assert.equal(render('{{ $value | humanizeDuration }}', Infinity), 'Infinity');
  });

  test('printf "%.Nf" fixes the decimals', () => {
    assert.equal(render('{{ $value | printf "%.2f" }}', 3.14159), '3.14');
    assert.equal(render('{{ $value | printf "%.0f" }}', 2.5), '3');
    assert.equal(render('{{ $value | printf %.1f }}', 7), '7.0');
  });

  test('a label piped through a function is read as a number', () => {
    assert.equal(render('{{ $labels.bytes | humanize }}', 1, { bytes: '2500' }), '2.5k');
  });
});

describe('compileTemplate: refusals name the field and the column', () => {
  test('an unknown value', () => {
    refuses(
      () => compileTemplate('xy{{ value }}', 'annotations.summary'),
      'INVALID_INPUT',
      "annotations.summary: unknown template value 'value' at column 3; use $value or $labels.<name>",
      'annotations.summary',
    );
    refuses(
      () => compileTemplate('{{ $valu }}', 'annotations.description'),
      'INVALID_INPUT',
      "annotations.description: unknown template value '$valu' at column 1; use $value or $labels.<name>",
      'annotations.description',
    );
    refuses(
      () => compileTemplate('ok {{ $labels.1a }}', 'annotations.summary'),
      'INVALID_INPUT',
      "annotations.summary: unknown template value '$labels.1a' at column 4; use $value or $labels.<name>",
      'annotations.summary',
    );
  });

  test('an unknown function', () => {
    refuses(
      () => compileTemplate('ab {{ $value | nope }}', 'annotations.summary'),
      'INVALID_INPUT',
      "annotations.summary: unknown template function 'nope' at column 4; known: humanize, humanizePercentage, humanizeDuration, printf",
      'annotations.summary',
    );
  });

  test("a '{{' that is never closed", () => {
    refuses(() => compileTemplate('ab {{ $value } x', 'annotations.summary'), 'INVALID_INPUT', "annotations.summary: '{{' at column 4 is never closed", 'annotations.summary');
    refuses(() => compileTemplate('{{ $value }} then {{', 'annotations.summary'), 'INVALID_INPUT', "annotations.summary: '{{' at column 19 is never closed", 'annotations.summary');
  });

  test('printf without a "%.Nf" format', () => {
    refuses(() => compileTemplate('{{ $value | printf "%d" }}', 'annotations.summary'), 'INVALID_INPUT', 'annotations.summary: printf takes a format like "%.2f" (at column 1)', 'annotations.summary');
    refuses(() => compileTemplate('x {{ $value | printf }}', 'annotations.summary'), 'INVALID_INPUT', 'annotations.summary: printf takes a format like "%.2f" (at column 3)', 'annotations.summary');
  });
});
