/**
 * The /api/v1 routes over real HTTP against the real daemon: for every route, no credentials →
 * 401, the wrong role → 403, the right role → 200 with exactly the documented shape, a bad
 * parameter → 400 naming it; for the state-changing ones, a cookie request without the CSRF token
 * → 403 while a bearer request without it goes through.
 */
import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import { after, before, describe, test } from 'node:test';
import { z } from 'zod';
import { methods, type MethodName } from '../../src/protocol/methods.js';
import { checkInfo, metricType } from '../../src/protocol/schemas.js';
import { cliOk } from '../helpers/monitoring.js';
import { waitFor } from '../helpers/integration.js';
import {
  apiFixture,
  type ApiFixture,
  type As,
  type Reply,
  type UserName,
} from './http-api-fixture.js';

let f: ApiFixture;
const bearer = (user: UserName): As => ({ token: f.tokens[user] });
const cookie = (user: UserName, csrf: boolean): As => {
  const session = f.cookies[user];
  assert.ok(session !== undefined, `no cookie session for ${user}`);
  return { session, csrf };
};
const NOBODY: As = { nobody: true };

function show(reply: Reply): string {
  return `${reply.status} ${JSON.stringify(reply.json)}`;
}

function expectError(reply: Reply, status: number, code: string, field?: string): void {
  assert.equal(reply.status, status, show(reply));
  const error = (reply.json as { error?: { code?: string; field?: string } }).error;
  assert.equal(error?.code, code, show(reply));
  if (field !== undefined) assert.equal(error?.field, field, show(reply));
}

/**
 * Asserts 200 and that `schema` accepts the body exactly: parsing drops keys a schema does not
 * name, so a body with anything extra (or missing) is not deep-equal to its parse.
 */
function expectShape(reply: Reply, schema: z.ZodType): unknown {
  assert.equal(reply.status, 200, show(reply));
  assert.deepEqual(schema.parse(reply.json), reply.json);
  return reply.json;
}

/** The result schema of a protocol method (what the socket answers). */
function resultOf(method: MethodName): z.ZodType {
  return methods[method].result;
}

/** Every guarded route refuses no credentials (401) and the wrong role (403). */
async function guarded(
  method: string,
  path: string,
  wrong: UserName,
  body?: unknown,
): Promise<void> {
  expectError(await f.api(method, path, NOBODY, body), 401, 'UNAUTHORISED');
  expectError(await f.api(method, path, bearer(wrong), body), 403, 'FORBIDDEN');
}

before(async () => {
  f = await apiFixture();
});
after(async () => {
  await f?.cleanup();
});

describe('read routes', () => {
  // [path, wrong role, right role, result schema, a bad query and the field it names]
  const reads: Array<[string, UserName, UserName, z.ZodType, string, string]> = [
    ['/api/v1/health', 'gus', 'uma', resultOf('monitoring.health'), 'x=1', 'x'],
    ['/api/v1/checks', 'gus', 'uma', resultOf('monitoring.checks.list'), 'all=1', 'all'],
    ['/api/v1/metrics', 'gus', 'uma', resultOf('monitoring.metrics.list'), 'name=up', 'name'],
    ['/api/v1/alerts', 'gus', 'uma', resultOf('monitoring.alerts.list'), 'state=resolved', 'state'],
    ['/api/v1/silences', 'gus', 'sam', resultOf('monitoring.silences.list'), 'all=1', 'all'],
    ['/api/v1/rules', 'gus', 'uma', resultOf('monitoring.rules.list'), 'name=x', 'name'],
    ['/api/v1/security/status', 'uma', 'mona', resultOf('security.status'), 'x=1', 'x'],
    ['/api/v1/security/events', 'uma', 'mona', resultOf('security.events'), 'since=soon', 'since'],
    ['/api/v1/security/blacklist', 'uma', 'mona', resultOf('security.blacklist.list'), 'x=1', 'x'],
    ['/api/v1/security/users', 'mona', 'ada', resultOf('security.users.list'), 'x=1', 'x'],
    [
      '/api/v1/security/sessions',
      'uma',
      'mona',
      resultOf('security.sessions.list'),
      'all=maybe',
      'all',
    ],
  ];
  for (const [path, wrong, right, schema, badQuery, field] of reads) {
    test(`GET ${path}`, async () => {
      await guarded('GET', path, wrong);
      expectShape(await f.api('GET', path, bearer(right)), schema);
      // A read needs no CSRF token, with a cookie either.
      expectShape(await f.api('GET', path, cookie(right, false)), schema);
      expectError(
        await f.api('GET', `${path}?${badQuery}`, bearer(right)),
        400,
        'INVALID_INPUT',
        field,
      );
    });
  }

  test('the results are the socket’s: GET /api/v1/rules equals monitoring --rules --json', async () => {
    await cliOk(f.home, [
      'monitoring',
      '--add-rule',
      'WebDown',
      '--expr',
      'health_check_up{check="web"} < 1',
    ]);
    const api = await f.api('GET', '/api/v1/rules', bearer('uma'));
    const cli = JSON.parse(await cliOk(f.home, ['monitoring', '--rules', '--json'])) as {
      rules: Array<Record<string, unknown>>;
    };
    const stable = (rules: Array<Record<string, unknown>>) =>
      rules.map(({ lastEvaluatedAt: _a, lastError: _e, pending: _p, firing: _f, ...rest }) => rest);
    assert.deepEqual(stable((api.json as typeof cli).rules), stable(cli.rules));
  });
});

describe('GET /api/v1/checks/:name', () => {
  const detail = z.strictObject({
    check: checkInfo.strict(),
    definition: z.strictObject({
      type: z.literal('tcp'),
      target: z.string(),
      intervalMs: z.literal(1000),
      timeoutMs: z.number(),
      failureThreshold: z.literal(3),
      successThreshold: z.literal(1),
      public: z.literal(true),
    }),
    consecutiveFailures: z.number(),
    consecutiveSuccesses: z.number(),
    history: z.array(
      z.strictObject({
        time: z.string(),
        ok: z.boolean(),
        latencyMs: z.number(),
        detail: z.string(),
      }),
    ),
    kept: z.number(),
    latency: z.strictObject({
      timestamps: z.array(z.number()),
      values: z.array(z.number()),
      ok: z.array(z.boolean()),
    }),
    uptime: z.strictObject({ '24h': z.number(), '7d': z.number(), '30d': z.number() }),
  });

  test('401, 403, the detail once the check has run, 400 for a bad limit, 404 for no such check', async () => {
    await guarded('GET', '/api/v1/checks/web', 'gus');
    const reply = await waitFor('two runs of the web check', async () => {
      const r = await f.api('GET', '/api/v1/checks/web?limit=2', bearer('uma'));
      return r.status === 200 && (r.json as { kept: number }).kept >= 2 ? r : undefined;
    });
    const body = expectShape(reply, detail) as z.infer<typeof detail>;
    assert.equal(body.check.name, 'web');
    assert.equal(body.history.length, 2);
    assert.equal(body.latency.timestamps.length, body.kept);
    assert.ok((body.history[0]?.time ?? '') > (body.history[1]?.time ?? ''), 'newest first');
    assert.equal(body.uptime['24h'], 1);
    expectError(
      await f.api('GET', '/api/v1/checks/web?limit=0', bearer('uma')),
      400,
      'INVALID_INPUT',
      'limit',
    );
    expectError(await f.api('GET', '/api/v1/checks/nope', bearer('uma')), 404, 'NOT_FOUND');
  });
});

describe('metrics', () => {
  const chart = z.strictObject({
    name: z.string(),
    type: metricType.nullable(),
    help: z.string(),
    range: z.enum(['15m', '1h', '6h', '24h', '7d']),
    resolution: z.enum(['raw', '1m', '1h']),
    stepMs: z.number().nullable(),
    from: z.number(),
    to: z.number(),
    timestamps: z.array(z.number()),
    series: z.array(
      z.strictObject({
        labels: z.record(z.string(), z.string()),
        values: z.array(z.number().nullable()),
      }),
    ),
  });

  test('POST /api/v1/metrics: 401, 403, CSRF for cookies, bearer without it, 400 naming the field', async () => {
    const body = {
      samples: [{ name: 'api_test_depth', value: 5, type: 'gauge', labels: { q: 'a' } }],
    };
    await guarded('POST', '/api/v1/metrics', 'uma', body);
    expectError(
      await f.api('POST', '/api/v1/metrics', cookie('sam', false), body),
      403,
      'CSRF_REJECTED',
    );
    assert.deepEqual((await f.api('POST', '/api/v1/metrics', bearer('sam'), body)).json, {
      accepted: 1,
    });
    const viaCookie = await f.api('POST', '/api/v1/metrics', cookie('sam', true), {
      samples: [{ name: 'api_test_depth', value: 6, labels: { q: 'b' } }],
    });
    expectShape(viaCookie, resultOf('monitoring.push'));
    expectError(
      await f.api('POST', '/api/v1/metrics', bearer('sam'), {
        samples: [{ name: 'x', value: 'high' }],
      }),
      400,
      'INVALID_INPUT',
      'samples.0.value',
    );
  });

  test('GET /api/v1/metrics/:name: uPlot columns, one per label set; range and resolution checked', async () => {
    await guarded('GET', '/api/v1/metrics/api_test_depth', 'gus');
    const reply = await waitFor('both series scraped', async () => {
      const r = await f.api('GET', '/api/v1/metrics/api_test_depth?range=15m', bearer('uma'));
      return r.status === 200 && (r.json as { series: unknown[] }).series.length === 2
        ? r
        : undefined;
    });
    const body = expectShape(reply, chart) as z.infer<typeof chart>;
    assert.equal(body.range, '15m');
    assert.equal(body.resolution, 'raw');
    for (const s of body.series) assert.equal(s.values.length, body.timestamps.length);
    assert.deepEqual(
      body.series.map((s) => [s.labels, s.values.at(-1)]),
      [
        [{ q: 'a' }, 5],
        [{ q: 'b' }, 6],
      ],
    );
    const week = expectShape(
      await f.api('GET', '/api/v1/metrics/api_test_depth?range=7d', bearer('uma')),
      chart,
    );
    assert.deepEqual(
      [(week as { resolution: string }).resolution, (week as { stepMs: number }).stepMs],
      ['1h', 3_600_000],
    );
    const bad = await f.api('GET', '/api/v1/metrics/api_test_depth?range=2h', bearer('uma'));
    expectError(bad, 400, 'INVALID_INPUT', 'range');
    assert.equal(
      (bad.json as { error: { message: string } }).error.message,
      '"range" must be one of 15m, 1h, 6h, 24h, 7d',
    );
    expectError(
      await f.api('GET', '/api/v1/metrics/api_test_depth?resolution=5m', bearer('uma')),
      400,
      'INVALID_INPUT',
      'resolution',
    );
    expectError(
      await f.api('GET', '/api/v1/metrics/no_such_metric', bearer('uma')),
      400,
      'INVALID_INPUT',
      'name',
    );
  });
});

describe('alerts and silences', () => {
  test('POST /api/v1/alerts/:id/ack', async () => {
    await cliOk(f.home, [
      'monitoring',
      '--add-rule',
      'ApiTestHigh',
      '--expr',
      'api_test_depth > 1',
    ]);
    const alert = await waitFor(
      'ApiTestHigh firing',
      async () => {
        const r = await f.api('GET', '/api/v1/alerts?state=firing', bearer('uma'));
        return (r.json as { alerts: Array<{ id: string; rule: string }> }).alerts.find(
          (a) => a.rule === 'ApiTestHigh',
        );
      },
      25_000,
      200,
    );
    const path = `/api/v1/alerts/${alert.id}/ack`;
    const body = { comment: 'looking', durationMs: 3_600_000 };
    await guarded('POST', path, 'uma', body);
    expectError(await f.api('POST', path, cookie('sam', false), body), 403, 'CSRF_REJECTED');
    expectShape(await f.api('POST', path, bearer('sam'), body), resultOf('monitoring.alerts.ack'));
    expectShape(
      await f.api('POST', path, cookie('sam', true), body),
      resultOf('monitoring.alerts.ack'),
    );
    expectError(await f.api('POST', path, bearer('sam'), {}), 400, 'INVALID_INPUT', 'comment');
    const acked = await f.api('GET', '/api/v1/alerts?muted=acked', bearer('uma'));
    assert.ok(
      (acked.json as { alerts: Array<{ id: string }> }).alerts.some((a) => a.id === alert.id),
    );
    // rule and since narrow the history to this rule's transitions of the last hour.
    const ruleOnly = await f.api(
      'GET',
      '/api/v1/alerts?all=1&rule=ApiTestHigh&since=1h',
      bearer('uma'),
    );
    const history = (ruleOnly.json as { history: Array<{ rule: string }> }).history;
    assert.ok(history.length > 0);
    assert.deepEqual([...new Set(history.map((h) => h.rule))], ['ApiTestHigh']);
    const none = await f.api('GET', '/api/v1/alerts?all=1&rule=NoSuchRule', bearer('uma'));
    assert.deepEqual(none.json, { alerts: [], history: [] });
    expectError(
      await f.api('GET', '/api/v1/alerts?all=1&since=yesterday', bearer('uma')),
      400,
      'INVALID_INPUT',
      'since',
    );
  });

  test('POST /api/v1/silences and DELETE /api/v1/silences/:id', async () => {
    const body = { matchers: ['rule="ApiTestHigh"'], durationMs: 600_000, comment: 'deploy' };
    await guarded('POST', '/api/v1/silences', 'uma', body);
    expectError(
      await f.api('POST', '/api/v1/silences', cookie('sam', false), body),
      403,
      'CSRF_REJECTED',
    );
    const one = expectShape(
      await f.api('POST', '/api/v1/silences', bearer('sam'), body),
      resultOf('monitoring.silences.add'),
    );
    const two = expectShape(
      await f.api('POST', '/api/v1/silences', cookie('sam', true), body),
      resultOf('monitoring.silences.add'),
    );
    expectError(
      await f.api('POST', '/api/v1/silences', bearer('sam'), { ...body, matchers: [] }),
      400,
      'INVALID_INPUT',
      'matchers',
    );
    const id = (x: unknown) => (x as { silence: { id: string } }).silence.id;
    const path = `/api/v1/silences/${id(one)}`;
    await guarded('DELETE', path, 'uma');
    expectError(await f.api('DELETE', path, cookie('sam', false)), 403, 'CSRF_REJECTED');
    expectShape(await f.api('DELETE', path, bearer('sam')), resultOf('monitoring.silences.remove'));
    expectShape(
      await f.api('DELETE', `/api/v1/silences/${id(two)}`, cookie('sam', true)),
      resultOf('monitoring.silences.remove'),
    );
    expectError(await f.api('DELETE', path, bearer('sam')), 404, 'NOT_FOUND');
    expectError(
      await f.api('DELETE', `/api/v1/silences/${'x'.repeat(65)}`, bearer('sam')),
      400,
      'INVALID_INPUT',
      'id',
    );
  });
});

describe('security administration', () => {
  test('POST /api/v1/security/blacklist and DELETE an address and a network', async () => {
    const body = { target: '203.0.113.7', ttlMs: 3_600_000, reason: 'scanner' };
    await guarded('POST', '/api/v1/security/blacklist', 'mona', body);
    expectError(
      await f.api('POST', '/api/v1/security/blacklist', cookie('ada', false), body),
      403,
      'CSRF_REJECTED',
    );
    expectShape(
      await f.api('POST', '/api/v1/security/blacklist', bearer('ada'), body),
      resultOf('security.blacklist.add'),
    );
    expectShape(
      await f.api('POST', '/api/v1/security/blacklist', cookie('ada', true), {
        target: '198.51.100.0/24',
        ttlMs: null,
      }),
      resultOf('security.blacklist.add'),
    );
    expectShape(
      await f.api('POST', '/api/v1/security/blacklist', bearer('ada'), { target: '192.0.2.0/24' }),
      resultOf('security.blacklist.add'),
    );
    expectError(
      await f.api('POST', '/api/v1/security/blacklist', bearer('ada'), {}),
      400,
      'INVALID_INPUT',
      'target',
    );

    const address = '/api/v1/security/blacklist/203.0.113.7';
    await guarded('DELETE', address, 'mona');
    expectError(await f.api('DELETE', address, cookie('ada', false)), 403, 'CSRF_REJECTED');
    expectShape(
      await f.api('DELETE', address, bearer('ada')),
      resultOf('security.blacklist.remove'),
    );
    expectShape(
      await f.api('DELETE', '/api/v1/security/blacklist/198.51.100.0/24', cookie('ada', true)),
      resultOf('security.blacklist.remove'),
    );
    expectShape(
      await f.api(
        'DELETE',
        `/api/v1/security/blacklist/${encodeURIComponent('192.0.2.0/24')}`,
        bearer('ada'),
      ),
      resultOf('security.blacklist.remove'),
    );
    expectError(
      await f.api('DELETE', '/api/v1/security/blacklist/10.0.0.0/x', bearer('ada')),
      400,
      'INVALID_INPUT',
      'prefix',
    );
    const left = await f.api('GET', '/api/v1/security/blacklist', bearer('ada'));
    assert.deepEqual((left.json as { entries: unknown[] }).entries, []);
  });

  test('POST /api/v1/security/users/:username/unlock', async () => {
    const path = '/api/v1/security/users/lou/unlock';
    await guarded('POST', path, 'mona');
    expectError(await f.api('POST', path, cookie('ada', false)), 403, 'CSRF_REJECTED');
    expectShape(await f.api('POST', path, bearer('ada')), resultOf('security.users.unlock'));
    expectShape(await f.api('POST', path, cookie('ada', true)), resultOf('security.users.unlock'));
    expectError(
      await f.api('POST', path, bearer('ada'), { force: true }),
      400,
      'INVALID_INPUT',
      'force',
    );
    expectError(
      await f.api('POST', `/api/v1/security/users/${'u'.repeat(65)}/unlock`, bearer('ada')),
      400,
      'INVALID_INPUT',
      'username',
    );
  });

  test('DELETE /api/v1/security/sessions/:id', async () => {
    const first = await f.socketLogin('lou');
    const second = await f.socketLogin('lou');
    const path = `/api/v1/security/sessions/${first.sessionId}`;
    await guarded('DELETE', path, 'uma');
    expectError(await f.api('DELETE', path, cookie('mona', false)), 403, 'CSRF_REJECTED');
    expectShape(await f.api('DELETE', path, bearer('mona')), resultOf('security.sessions.revoke'));
    expectShape(
      await f.api('DELETE', `/api/v1/security/sessions/${second.sessionId}`, cookie('mona', true)),
      resultOf('security.sessions.revoke'),
    );
    // The revoked session's token no longer opens the API.
    expectError(
      await f.api('GET', '/api/v1/health', { token: first.accessToken }),
      401,
      'TOKEN_REVOKED',
    );
    expectError(
      await f.api('DELETE', `/api/v1/security/sessions/${'s'.repeat(65)}`, bearer('mona')),
      400,
      'INVALID_INPUT',
      'id',
    );
  });
});

describe('GET /api/v1/status (public status page)', () => {
  const status = z.strictObject({
    generatedAt: z.string(),
    checks: z.array(
      z.strictObject({
        name: z.string(),
        type: z.string(),
        state: z.enum(['unknown', 'up', 'down']),
        lastRun: z.string().nullable(),
        uptime: z.strictObject({
          '24h': z.number().nullable(),
          '7d': z.number().nullable(),
          '30d': z.number().nullable(),
        }),
      }),
    ),
    incidents: z.array(z.record(z.string(), z.unknown())),
  });

  /** The status page's HTML (no login): its HTTP status and content type. */
  async function statusPage(): Promise<string> {
    const res = await fetch(`${f.url}/status`, { redirect: 'manual' });
    await res.arrayBuffer();
    return `${res.status} ${String(res.headers.get('content-type'))}`;
  }

  test('404 while off; with http.statusPage on, no login, only public checks, 400 for a parameter', async () => {
    expectError(await f.api('GET', '/api/v1/status', NOBODY), 404, 'NOT_FOUND');
    assert.match(await statusPage(), /^404 text\/html/);
    await cliOk(f.home, ['config', 'set', 'http.statusPage', 'on']);
    // The daemon's live setting: on at the next request, no restart.
    assert.match(await statusPage(), /^200 text\/html/);
    const body = expectShape(await f.api('GET', '/api/v1/status', NOBODY), status) as z.infer<
      typeof status
    >;
    assert.deepEqual(
      body.checks.map((c) => [c.name, c.type, c.state]),
      [['web', 'tcp', 'up']],
    );
    assert.equal(body.checks[0]?.uptime['24h'], 1);
    assert.deepEqual(body.incidents, []);
    const text = JSON.stringify(body);
    assert.ok(!text.includes('private-db') && !text.includes('127.0.0.1'), text);
    expectError(await f.api('GET', '/api/v1/status?x=1', NOBODY), 400, 'INVALID_INPUT', 'x');
    await cliOk(f.home, ['config', 'set', 'http.statusPage', 'off']);
    expectError(await f.api('GET', '/api/v1/status', NOBODY), 404, 'NOT_FOUND');
    assert.match(await statusPage(), /^404 text\/html/);
  });
});

describe('GET /api/v1/stream (guards)', () => {
  test('401, 403 and a bad parameter before any stream opens', async () => {
    await guarded('GET', '/api/v1/stream', 'gus');
    expectError(
      await f.api('GET', '/api/v1/stream?topics=all', bearer('uma')),
      400,
      'INVALID_INPUT',
      'topics',
    );
  });
});

describe('uptime persistence (last: it stops the daemon)', () => {
  test('on stop the checks’ hourly uptime buckets are written to the store', async () => {
    await cliOk(f.home, ['daemon', 'stop']);
    const store = JSON.parse(await readFile(f.home.paths.storeFile, 'utf8')) as {
      checkUptime: Record<string, Array<[number, number, number]>>;
    };
    const hourNow = Math.floor(Date.now() / 3_600_000);
    const web = store.checkUptime['web'] ?? [];
    const db = store.checkUptime['private-db'] ?? [];
    assert.ok(web.length >= 1 && web.length <= 2, JSON.stringify(store.checkUptime));
    for (const [hour, ok, total] of web) {
      assert.ok(hour >= hourNow - 1 && hour <= hourNow);
      assert.ok(total >= 1 && ok === total, 'web passes every run');
    }
    assert.ok(
      db.length >= 1 && db.every(([, ok, total]) => ok === 0 && total >= 1),
      'private-db fails every run',
    );
  });
});
