import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { detectThreat } from '../../../../../daemon/security/threats/index.js';
import { corpusLines, labeled } from './corpus-dir.js';

describe('threat detection on ../shared/corpus', () => {
  test('at least 97% of the SQL-injection lines are detected', () => {
    const lines = corpusLines('sqli.txt');
    const asSqli = lines.filter((l) => detectThreat({ q: l })?.type === 'sqli').length;
    const any = lines.filter((l) => detectThreat({ q: l }) !== null).length;
    console.log(`sqli.txt: ${any}/${lines.length} detected (${((any / lines.length) * 100).toFixed(1)}%), ${asSqli} as sqli`);
    assert.ok(any / lines.length >= 0.97, `${any}/${lines.length}`);
  });

  test('at least 97% of the XSS lines are detected', () => {
    const lines = corpusLines('xss.txt');
    const asXss = lines.filter((l) => detectThreat({ q: l })?.type === 'xss').length;
    const any = lines.filter((l) => detectThreat({ q: l }) !== null).length;
    console.log(`xss.txt: ${any}/${lines.length} detected (${((any / lines.length) * 100).toFixed(1)}%), ${asXss} as xss`);
    assert.ok(any / lines.length >= 0.97, `${any}/${lines.length}`);
  });

  test('at most 0.5% of benign lines are flagged, and no name, email, username or URL', () => {
    const rows = labeled().filter((r) => r.label === 'benign');
    const perCategory = new Map<string, { total: number; flagged: string[] }>();
    for (const row of rows) {
      const entry = perCategory.get(row.category) ?? { total: 0, flagged: [] };
      entry.total++;
      const threat = detectThreat({ value: row.text });
      if (threat) entry.flagged.push(`${threat.rule} ${threat.evidence}`);
      perCategory.set(row.category, entry);
    }
    let flagged = 0;
    for (const [category, { total, flagged: hits }] of [...perCategory].sort()) {
      console.log(`benign/${category}: ${hits.length}/${total} flagged${hits.length ? ` (${hits.slice(0, 3).join('; ')})` : ''}`);
      flagged += hits.length;
    }
    const benign = corpusLines('benign.txt');
    const pooled = benign.filter((l) => detectThreat({ value: l }) !== null).length;
    console.log(`benign.txt: ${pooled}/${benign.length} flagged (${((pooled / benign.length) * 100).toFixed(2)}%)`);
    assert.ok(pooled / benign.length <= 0.005, `${pooled}/${benign.length}`);
    assert.ok(flagged / rows.length <= 0.005);
    for (const category of ['name', 'email', 'username', 'url']) {
      assert.equal(perCategory.get(category)?.flagged.length ?? 0, 0, `false positives in ${category}`);
    }
  });

  test('every verdict on the corpus carries evidence of at most 64 characters and a rule', () => {
    for (const row of labeled()) {
      const threat = detectThreat({ a: { b: [row.text] } });
      if (!threat) continue;
      assert.ok(threat.evidence.length <= 64, threat.evidence);
      assert.ok(threat.evidence.length > 0 && threat.rule.length > 0);
      assert.equal(threat.field, 'a.b[0]');
      assert.ok(threat.confidence > 0 && threat.confidence <= 1);
    }
  });
});
