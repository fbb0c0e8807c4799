import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { charFlags } from '../../../../../daemon/security/threats/char-flags.js';
import { detectSqli, detectSqliFlagged } from '../../../../../daemon/security/threats/sql-fingerprints.js';

describe('SQL-injection rules', () => {
  test('flags injection structure', () => {
    const attacks: Array<[string, string]> = [
      ["'; DROP TABLE users; --", 'sqli.statement'],
      ["admin' or '1'='1", 'sqli.quote-logic'],
      ["admin'--", 'sqli.quote-comment'],
      ['1 UNION ALL SELECT NULL,NULL', 'sqli.union-select'],
      ['1 or 1=1', 'sqli.tautology'],
      ["1) AND SLEEP(5)#", 'sqli.dangerous-function'],
      ["'; WAITFOR DELAY '0:0:5'--", 'sqli.statement'],
      ["' group by userid having 1=1--", 'sqli.quote-clause'],
      ['ORDER BY 3--', 'sqli.clause'],
      ['1; exec master..xp_cmdshell \'dir\'', 'sqli.statement'],
      ['\u2019 or \u20181\u2019=\u20191', 'sqli.quote-logic'],
      ['-1#x\n union (select id from users limit 1,1)', 'sqli.union-select'],
      ['(select id from users limit 1,1)', 'sqli.statement'],
      ["1 UNION/* c */SELECT 1", 'sqli.union-select'],
      ["'/**/or/**/1=1--", 'sqli.quote-logic'],
      ["'create user name identified by 'pass123' --", 'sqli.statement'],
    ];
    for (const [input, rule] of attacks) assert.equal(detectSqli(input)?.rule, rule, input);
  });

  test('does not flag prose, names or punctuation-heavy passwords', () => {
    const benign = [
      "O'Brien", 'select a plan', 'drop me a line', "it's 5 o'clock; let's go", 'Please update your profile and order by Friday',
      'a"b\';c;d"e\'', 'Tr0ub4dor&3;"x\'', "l'amour; c'est la vie", 'union members voted or abstained', 'sleep well',
      'I rated it 4 or 5 = great', 'where is the group meeting?', 'Mary\' and John',
      'necklace length 16" or 18"', '\'countdown calendar" and "disney:', 'select the items from the list and order them',
      "O'connors UNION selected a few friends", '1 I like having true friends', 'DO OR NOT DO, THERE IS NO',
      'Dropped the table; drop table tennis next', "x'#hXTI#Vy9", 'or"oI_ISck',
    ];
    for (const input of benign) assert.equal(detectSqli(input), null, input);
  });

  test('takes xp_cmdshell as a name only whole or after a dot', () => {
    for (const input of ['master..xp_cmdshell', 'XP_CMDSHELL', 'a.b.xp_cmdshell']) {
      assert.deepEqual(detectSqli(input), { type: 'sqli', rule: 'sqli.dangerous-function', confidence: 0.9, evidence: `w ${input.toLowerCase()}` });
    }
    for (const input of ['axp_cmdshell', 'xp_cmdshellx', 'xp_cmdshell.']) assert.equal(detectSqli(input), null, input);
  });

  test('evidence is a short fingerprint', () => {
    const r = detectSqli("' or 1=1 -- " + 'x'.repeat(500));
    assert.ok(r && r.evidence.length <= 64 && !r.evidence.includes('xxxx'));
  });

  test('answers the same with flags the caller computed', () => {
    assert.deepEqual(detectSqliFlagged('1 or 1=1', charFlags('1 or 1=1')), { type: 'sqli', rule: 'sqli.tautology', confidence: 0.92, evidence: '&non' });
    assert.equal(detectSqliFlagged("O'Brien", charFlags("O'Brien")), null);
    // Without the quote flag the quote-context reading is not tried.
    assert.equal(detectSqliFlagged("admin'--", 0), null);
    for (const input of ['', '\0', 'a\0b', 'caf\u00e9', '\u212a\u0130', 'x'.repeat(70_000), `${'a '.repeat(20_000)}<script>`, '\u2019 or \u20181\u2019=\u20191']) {
      assert.deepEqual(detectSqliFlagged(input, charFlags(input)), detectSqli(input), input.slice(0, 40));
    }
  });
});
