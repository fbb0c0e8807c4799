import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { describe, test } from 'node:test';
import { fingerprint } from '../../../../../daemon/monitoring/alerts/fingerprint.js';

/** The id as it has always been computed (ids are persisted, so this must never change). */
function reference(labels: Record<string, string>): string {
  const hash = createHash('sha256');
  for (const key of Object.keys(labels).sort()) hash.update(`${key}\u0000${labels[key]}\u0000`);
  return hash.digest('hex').slice(0, 16);
}

describe('fingerprint', () => {
  test('ids of known label sets do not change', () => {
    assert.equal(fingerprint({ host: 'a', team: 'infra', alertname: 'HighCPU', severity: 'critical' }), '3cfcc2c7622da7db');
    assert.equal(fingerprint({}), 'e3b0c44298fc1c14');
    assert.equal(fingerprint({ é: 'ü \n', x: '\ud800' }), 'c3f5164a13fee460');
  });

  test('the same as the sha256 of the sorted pairs, order-independent, remembered or not', () => {
    const sets: Array<Record<string, string>> = [];
    for (let i = 0; i < 300; i++) sets.push({ alertname: `A${i % 7}`, instance: `i${i}`, severity: 'warning', job: i % 3 === 0 ? '' : `j${i % 5}` });
    for (let round = 0; round < 3; round++) {
      for (const labels of sets) {
        assert.equal(fingerprint(labels), reference(labels));
        const reversed = Object.fromEntries(Object.entries(labels).reverse());
        assert.equal(fingerprint(reversed), reference(labels));
      }
    }
  });
});
