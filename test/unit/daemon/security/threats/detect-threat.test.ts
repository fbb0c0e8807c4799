import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { detectThreat } from '../../../../../daemon/security/threats/index.js';

describe('detectThreat', () => {
  test("flags the spec's example password as SQL injection", () => {
    const threat = detectThreat({ username: 'alice', password: "'; DROP TABLE users; --" });
    assert.equal(threat?.type, 'sqli');
    assert.equal(threat?.field, 'password');
    assert.ok((threat?.evidence.length ?? 99) <= 64);
  });

  test('passes tricky benign values', () => {
    const benign = [
      "O'Brien", "Seán O'Brien-Ní Dhuibhir", 'select a plan', 'drop me a line', 'I <3 this', '<3',
      'use arr[i] < n && x > 0', "it's 5 o'clock; let's go", 'Tom & Jerry', 'Rock & roll; cat lovers unite',
      'please select the best option from the list', 'delete me from your mailing list, or update my address',
      'x <= y and y >= z', "D'Angelo; d'Artagnan", 'JavaScript: The Good Parts', '<b>bold</b> and <i>italic</i>',
      'a"b\';c;d"e\'', 'K#8"q;Lz\'p(9)|w', 'p4$$;w0rd\'"', "x';y\"z#", 'see ../README.md for details',
      'https://example.com/a/b?x=1&y=2#frag', 'user.name+tag@example.co.uk', 'first; second | third',
      'SELECT is a keyword', 'order by price, then by name', '1 or 2 = 3 things?', 'Union Station, Los Angeles',
    ];
    for (const value of benign) assert.equal(detectThreat({ value }), null, value);
  });

  test('reports nested field paths', () => {
    const threat = detectThreat({ a: { b: ['ok', 'fine', '<img src=x onerror=alert(1)>'] } });
    assert.equal(threat?.field, 'a.b[2]');
    assert.equal(threat?.type, 'xss');
    assert.equal(detectThreat('1 UNION SELECT password FROM users')?.field, '$');
    assert.equal(detectThreat({ 'odd key': ['../../../etc/passwd'] })?.field, '["odd key"][0]');
  });

  test('finds each threat type', () => {
    assert.equal(detectThreat({ q: "' or 1=1--" })?.type, 'sqli');
    assert.equal(detectThreat({ q: '<script>alert(1)</script>' })?.type, 'xss');
    assert.equal(detectThreat({ file: '../../../../etc/passwd' })?.type, 'path_traversal');
    assert.equal(detectThreat({ host: '127.0.0.1; cat /etc/passwd' })?.type !== undefined, true);
    assert.equal(detectThreat({ host: 'example.com && whoami' })?.type, 'command_injection');
    assert.equal(detectThreat({ host: 'x$(id)' })?.type, 'command_injection');
  });

  test('decodes percent-encoding (repeatedly) and HTML entities', () => {
    assert.equal(detectThreat({ q: '%27%20or%201%3D1--' })?.type, 'sqli');
    assert.equal(detectThreat({ q: '%253Cscript%253Ealert(1)%253C%252Fscript%253E' })?.type, 'xss');
    assert.equal(detectThreat({ q: '&lt;img src=x onerror=alert(1)&gt;' })?.type, 'xss');
    assert.equal(detectThreat({ f: '..%2F..%2F..%2Fetc%2Fpasswd' })?.type, 'path_traversal');
  });

  test('honours types and minConfidence', () => {
    assert.equal(detectThreat({ q: "' or 1=1--" }, { types: ['xss'] }), null);
    assert.equal(detectThreat({ q: "' or 1=1--" }, { minConfidence: 1.01 }), null);
  });

  test('never throws on hostile input and stays bounded', () => {
    let deep: unknown = "' or 1=1--";
    for (let i = 0; i < 10_000; i++) deep = { x: deep };
    assert.doesNotThrow(() => detectThreat(deep));
    const cyclic: Record<string, unknown> = { a: 'fine' };
    cyclic.self = cyclic;
    assert.equal(detectThreat(cyclic), null);
    const huge = 'a'.repeat(5_000_000) + "' or 1=1--";
    const start = Date.now();
    assert.equal(detectThreat({ huge })?.type, 'sqli');
    assert.ok(Date.now() - start < 2000);
    for (const bad of ['%', '%%', '%zz%E0%A4%A', '%uD800', '&#99999999;', '&#x110000;', '\uD800', '<'.repeat(100_000), "'".repeat(100_000), '(('.repeat(50_000)]) {
      assert.doesNotThrow(() => detectThreat({ bad }));
    }
    const hostile = new Proxy({}, { ownKeys: () => { throw new Error('no'); } });
    assert.doesNotThrow(() => detectThreat({ hostile }));
    for (const v of [null, undefined, 42, true, Symbol('x'), () => 1, new Date()]) assert.equal(detectThreat(v), null);
  });
});
