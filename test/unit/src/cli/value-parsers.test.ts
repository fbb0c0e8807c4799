import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { InvalidArgumentError } from 'commander';
import { codeList, finiteNumber, labelPair, samplePair } from '../../../../src/cli/value-parsers.js';

function refused(fn: () => unknown, message: string): void {
  assert.throws(fn, (error: unknown) => {
    assert.ok(error instanceof InvalidArgumentError, String(error));
    assert.equal(error.code, 'commander.invalidArgument');
    assert.equal(error.message, message);
    return true;
  });
}

describe('finiteNumber', () => {
  test('accepts decimal numbers', () => {
    assert.equal(finiteNumber('42'), 42);
    assert.equal(finiteNumber('-1.5'), -1.5);
    assert.equal(finiteNumber('+.5'), 0.5);
    assert.equal(finiteNumber('2e6'), 2_000_000);
    assert.equal(finiteNumber('1.25E-3'), 0.00125);
    assert.equal(finiteNumber('7.'), 7);
  });

  test('refuses anything else', () => {
    for (const text of ['', 'abc', '0x10', 'Infinity', 'NaN', '1,5', ' 5', '5 ', '1e', '--1', '.']) {
      refused(() => finiteNumber(text), `'${text}' is not a number; write it like 42, -1.5 or 2e6`);
    }
  });

  test('refuses numbers too large for a double', () => {
    refused(() => finiteNumber('1e999'), "'1e999' is too large to be a finite number");
  });
});

describe('labelPair', () => {
  test('collects repeated pairs into one map, splitting at the first =', () => {
    const first = labelPair('env=prod', undefined);
    assert.deepEqual(first, { env: 'prod' });
    assert.deepEqual(labelPair('q=a=b', first), { env: 'prod', q: 'a=b' });
    assert.deepEqual(labelPair('empty=', undefined), { empty: '' });
    assert.deepEqual(first, { env: 'prod' }, 'the previous map is not changed');
  });

  test('refuses a pair without =', () => {
    refused(() => labelPair('env', undefined), "'env' has no '=': write it like env=prod");
  });

  test('refuses a missing or invalid name', () => {
    refused(() => labelPair('=prod', undefined), "'=prod' has no name before '='");
    for (const name of ['9env', 'my-env', 'é', '__reserved']) {
      refused(
        () => labelPair(`${name}=x`, undefined),
        `'${name}' is not a valid name: use letters, digits and '_', not starting with a digit or '__'`,
      );
    }
  });

  test('refuses a name given twice', () => {
    refused(() => labelPair('env=b', { env: 'a' }), "'env' is given more than once");
  });

  test('refuses long values and control characters', () => {
    refused(() => labelPair(`k=${'x'.repeat(1001)}`, undefined), "the value of 'k' is 1001 characters long; at most 1000 are allowed");
    assert.deepEqual(labelPair(`k=${'x'.repeat(1000)}`, undefined), { k: 'x'.repeat(1000) });
    refused(() => labelPair('k=a\nb', undefined), "the value of 'k' must not contain control characters");
  });
});

describe('samplePair', () => {
  test('collects repeated samples in order', () => {
    const first = samplePair('queue_depth=42', undefined);
    assert.deepEqual(first, [{ name: 'queue_depth', value: 42 }]);
    assert.deepEqual(samplePair('ns:rate=-0.5', first), [
      { name: 'queue_depth', value: 42 },
      { name: 'ns:rate', value: -0.5 },
    ]);
  });

  test('refuses text that is not name=value', () => {
    refused(() => samplePair('queue_depth', undefined), "'queue_depth' has no '=': write it like queue_depth=42");
    refused(() => samplePair('=42', undefined), "'=42' has no metric name before '='");
    refused(() => samplePair('queue_depth=', undefined), "'queue_depth=' has no value after '='");
  });

  test('refuses an invalid metric name', () => {
    for (const name of ['9lives', 'queue-depth', 'a b']) {
      refused(
        () => samplePair(`${name}=1`, undefined),
        `'${name}' is not a valid metric name: use letters, digits, '_' and ':', not starting with a digit`,
      );
    }
  });

  test('refuses a value that is not a finite number', () => {
    refused(() => samplePair('cpu=abc', undefined), "the value 'abc' is not a number; write it like cpu=42");
    refused(() => samplePair('cpu=Infinity', undefined), "the value 'Infinity' is not a number; write it like cpu=42");
    refused(() => samplePair('cpu=NaN', undefined), "the value 'NaN' is not a number; write it like cpu=42");
    refused(() => samplePair('cpu=1=2', undefined), "the value '1=2' is not a number; write it like cpu=42");
    refused(() => samplePair('cpu=1e400', undefined), "the value '1e400' is too large to be a finite number");
  });
});

describe('codeList', () => {
  test('takes one code or a comma-separated list', () => {
    assert.deepEqual(codeList('200'), [200]);
    assert.deepEqual(codeList('200,204,301'), [200, 204, 301]);
    assert.deepEqual(codeList('0'), [0]);
  });

  test('refuses anything else', () => {
    for (const text of ['', 'ok', '200,', '2000', '200 204', '-1', '2xx']) {
      refused(() => codeList(text), `'${text}' is not a code: write one like 200, or several like 200,204`);
    }
  });
});
