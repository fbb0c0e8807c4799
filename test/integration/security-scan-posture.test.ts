/**
 * The threat scan and the posture check through the real CLI and daemon: --scan on the spec's SQL
 * injection in a password field (exit 1 with the verdict), a benign request (exit 0), invalid JSON
 * (exit 2), from the argument and from stdin; --posture findings with severity and fix, the bcrypt
 * cost finding, a store file opened to others, and the exit code by the worst finding.
 */
import assert from 'node:assert/strict';
import { chmod } from 'node:fs/promises';
import { after, before, describe, it } from 'node:test';
import type { TestHome } from '../helpers/home.js';
import { parseJson } from '../helpers/integration.js';
import {
  PASSWORDS,
  createUser,
  fails,
  failsJson,
  ok,
  securityHome,
  show,
  table,
} from '../helpers/security.js';

const SPEC_ATTACK = JSON.stringify({
  body: { username: 'admin', password: "'; DROP TABLE users; --" },
});
const VERDICT = 'THREAT sqli in body.password (confidence 0.95, rule sqli.statement): Ekw; drop\n';
const SEVERITIES = ['info', 'low', 'medium', 'high', 'critical'];

interface Finding {
  id: string;
  severity: string;
  title: string;
  detail: string;
  subject: string | null;
  fix: string | null;
}
interface Report {
  assessedAt: number;
  findings: Finding[];
  worst: string;
  checks: number;
  counts: Record<string, number>;
}

describe('--scan', () => {
  let home: TestHome;
  before(async () => {
    home = await securityHome();
  });
  after(() => home.cleanup());

  it("finds the spec's SQL injection in a password field: exit 1 with the verdict", async () => {
    const human = await home.cli(['security', '--scan', SPEC_ATTACK]);
    assert.equal(human.code, 1, show(['--scan'], human));
    assert.equal(human.stdout, VERDICT);
    assert.equal(human.stderr, '');
    const json = await home.cli(['security', '--scan', SPEC_ATTACK, '--json']);
    assert.equal(json.code, 1, json.stderr);
    assert.deepEqual(parseJson(json.stdout), {
      threat: {
        type: 'sqli',
        rule: 'sqli.statement',
        confidence: 0.95,
        evidence: 'Ekw; drop',
        field: 'body.password',
      },
    });
  });

  it('reads the request from stdin when no argument is given', async () => {
    const result = await home.cli(['security', '--scan'], { input: `${SPEC_ATTACK}\n` });
    assert.equal(result.code, 1, result.stderr);
    assert.equal(result.stdout, VERDICT);
  });

  it('a benign request: exit 0', async () => {
    const benign = JSON.stringify({
      query: { q: "O'Brien's drop-in guide, 50% off" },
      body: { password: PASSWORDS.ada },
    });
    assert.equal(await ok(home, ['security', '--scan', benign]), 'No threat found.\n');
    assert.equal(
      await ok(home, ['security', '--scan', '--json'], { input: benign }),
      '{\n  "threat": null\n}\n',
    );
  });

  it('invalid JSON: exit 2, from the argument or stdin', async () => {
    const message =
      "the request is not valid JSON: Expected property name or '}' in JSON at position 1";
    await fails(home, ['security', '--scan', '{nope'], 2, message);
    await fails(home, ['security', '--scan'], 2, message, { input: '{nope' });
    assert.deepEqual(await failsJson(home, ['security', '--scan', '{nope'], 2), {
      code: 'INVALID_INPUT',
      message,
      field: 'request',
    });
    await fails(
      home,
      ['security', '--scan'],
      2,
      /^clickup-brain: the request is not valid JSON: .+\n$/,
      { input: '' },
    );
  });

  it('a scan changes nothing: no event, no ban', async () => {
    const { events } = JSON.parse(
      await ok(home, ['security', '--events', '--type', 'threat.*', '--json']),
    ) as {
      events: unknown[];
    };
    assert.deepEqual(events, []);
    assert.equal(await ok(home, ['security', '--blacklist']), 'The blacklist is empty.\n');
  });
});

describe('--posture', () => {
  let home: TestHome;
  before(async () => {
    home = await securityHome();
    await createUser(home, 'ada', PASSWORDS.ada, ['admin']);
  });
  after(() => home.cleanup());

  async function posture(): Promise<{ code: number; report: Report }> {
    const result = await home.cli(['security', '--posture', '--json']);
    assert.ok(result.code === 0 || result.code === 1, show(['--posture'], result));
    return { code: result.code, report: parseJson<Report>(result.stdout) };
  }

  it('--json: findings with a severity, a title, a detail and a fix (or null)', async () => {
    const { report } = await posture();
    assert.ok(report.findings.length > 0);
    for (const f of report.findings) {
      assert.ok(SEVERITIES.includes(f.severity), JSON.stringify(f));
      assert.ok(f.title.length > 0 && f.detail.length > 0, JSON.stringify(f));
      assert.ok(typeof f.fix === 'string' || f.fix === null, JSON.stringify(f));
    }
    assert.equal(
      report.findings.reduce((n, f) => n + (f.severity === report.worst ? 1 : 0), 0),
      report.counts[report.worst],
    );
    assert.ok(report.checks >= report.findings.length);
  });

  it('bcrypt cost 10 is a medium finding with its fix, so --posture exits 1', async () => {
    const { code, report } = await posture();
    assert.equal(code, 1);
    assert.equal(report.worst, 'medium');
    assert.deepEqual(
      report.findings.find((f) => f.id === 'bcrypt-cost'),
      {
        id: 'bcrypt-cost',
        severity: 'medium',
        title: 'bcrypt cost is 10 (recommended 12)',
        detail:
          "New password hashes are made at cost 10, 4 times cheaper to crack than at 12 if the store leaks. Existing hashes are upgraded at each user's next login.",
        subject: 'security.bcryptCost',
        fix: 'clickup-brain config set security.bcryptCost 12',
      },
    );
    const human = await home.cli(['security', '--posture']);
    assert.equal(human.code, 1, human.stderr);
    const [head, ...rest] = human.stdout.split('\n');
    assert.match(head ?? '', /^Worst: medium \(\d+ things examined\)$/);
    const rows = table(rest.join('\n'));
    assert.deepEqual(rows[0], ['SEVERITY', 'FINDING', 'SUBJECT', 'FIX']);
    assert.deepEqual(
      rows.find((r) => r[1] === 'bcrypt cost is 10 (recommended 12)'),
      [
        'medium',
        'bcrypt cost is 10 (recommended 12)',
        'security.bcryptCost',
        'clickup-brain config set security.bcryptCost 12',
      ],
    );
  });

  it('a store file others can read is a finding naming it, with the chmod that fixes it', async () => {
    const store = home.paths.storeFile;
    await chmod(store, 0o644);
    try {
      const { code, report } = await posture();
      assert.equal(code, 1);
      assert.equal(report.worst, 'critical');
      const finding = report.findings.find((f) => f.subject === store);
      assert.deepEqual(finding, {
        id: 'file-mode',
        severity: 'critical',
        title: 'store has mode 0644 (expected 0600)',
        detail: `${store} grants more than a store should (0600): the group can read, other users can read.`,
        subject: store,
        fix: `chmod 600 '${store}'`,
      });
    } finally {
      await chmod(store, 0o600);
    }
    const { report } = await posture();
    assert.equal(
      report.findings.some((f) => f.id === 'file-mode'),
      false,
    );
  });

  it('with the recommended cost, no finding is medium or worse and --posture exits 0', async () => {
    await ok(home, ['config', 'set', 'security.bcryptCost', '12']);
    const { code, report } = await posture();
    assert.equal(
      report.findings.some((f) => f.id === 'bcrypt-cost'),
      false,
    );
    assert.ok(['info', 'low'].includes(report.worst), JSON.stringify(report.findings));
    assert.equal(code, 0);
  });
});
