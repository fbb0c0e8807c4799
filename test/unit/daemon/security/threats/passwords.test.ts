import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { detectThreat } from '../../../../../daemon/security/threats/index.js';

// xorshift32: a fixed seed keeps the sample the same on every run.
function random(seed: number): () => number {
  let x = seed >>> 0 || 1;
  return () => {
    x ^= x << 13;
    x >>>= 0;
    x ^= x >>> 17;
    x ^= x << 5;
    x >>>= 0;
    return x / 0x100000000;
  };
}

describe('password fields: structure, never punctuation', () => {
  test('random printable passwords with quotes and semicolons are almost never flagged', () => {
    const next = random(0xc0ffee);
    const printable = Array.from({ length: 95 }, (_, i) => String.fromCharCode(32 + i)).join('');
    const n = 20_000;
    let flagged = 0;
    for (let i = 0; i < n; i++) {
      const length = 12 + Math.floor(next() * 17);
      let password = '';
      for (let j = 0; j < length; j++) password += printable[Math.floor(next() * printable.length)];
      if (!/['";]/.test(password)) password = `${password.slice(0, -1)}${`'";`[Math.floor(next() * 3)]}`;
      if (detectThreat({ password }) !== null) flagged++;
    }
    console.log(`random passwords flagged: ${flagged}/${n}`);
    assert.ok(flagged / n <= 0.001, `${flagged}/${n}`);
  });

  test('the same rule applies to every field name', () => {
    const example = "'; DROP TABLE users; --";
    for (const field of ['password', 'passwd', 'secret', 'comment']) {
      const threat = detectThreat({ [field]: example });
      assert.equal(threat?.type, 'sqli', field);
      assert.equal(threat?.field, field);
      assert.ok(!threat?.evidence.includes('DROP TABLE users'), 'evidence is a fingerprint, not the password');
    }
    for (const field of ['password', 'passwd', 'secret']) {
      for (const password of ['correct;horse"battery\'staple', "p@ss'w0rd;;", '";\'";\'"', 'Tr0ub4dor&3|x`y`']) {
        assert.equal(detectThreat({ [field]: password }), null, password);
      }
    }
  });
});
