import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { checkDefinition, renderChecks } from '../../../../../../src/cli/commands/monitoring/checks.js';
import { plainColors } from '../../../../../../src/cli/output.js';
import { AppError } from '../../../../../../src/protocol/errors.js';
import { ago, now, tags } from './fixtures.js';

function refused(fn: () => unknown, message: string): void {
  assert.throws(fn, (error: unknown) => {
    assert.ok(error instanceof AppError, String(error));
    assert.equal(error.code, 'INVALID_INPUT');
    assert.equal(error.message, message);
    return true;
  });
}

describe('checkDefinition', () => {
  test('maps the flags to the fields the daemon validates, leaving out what was not given', () => {
    assert.deepEqual(
      checkDefinition({
        addCheck: 'api',
        type: 'http',
        target: 'https://example.com/health',
        interval: 30_000,
        timeout: 5000,
        expectStatus: [200, 204],
        expectBody: 'ok',
        maxLatency: 2000,
        failureThreshold: 2,
        successThreshold: 1,
      }),
      {
        name: 'api',
        type: 'http',
        target: 'https://example.com/health',
        intervalMs: 30_000,
        timeoutMs: 5000,
        failureThreshold: 2,
        successThreshold: 1,
        expectStatus: [200, 204],
        expectBody: 'ok',
        maxLatencyMs: 2000,
      },
    );
    assert.deepEqual(checkDefinition({ addCheck: 'mem', type: 'memory', threshold: 80 }), { name: 'mem', type: 'memory', thresholdPercent: 80 });
    assert.deepEqual(checkDefinition({ addCheck: 'site', type: 'tcp', target: 'example.com:443', public: true }), {
      name: 'site',
      type: 'tcp',
      target: 'example.com:443',
      public: true,
    });
    assert.deepEqual(checkDefinition({ addCheck: 'backup', type: 'heartbeat', interval: 86_400_000 }), { name: 'backup', type: 'heartbeat', intervalMs: 86_400_000 });
  });

  test('for command checks, --expect-status is the exit code and --expect-body the output', () => {
    assert.deepEqual(checkDefinition({ addCheck: 'job', type: 'command', target: 'pg_isready', expectStatus: [3], expectBody: 'accepting' }), {
      name: 'job',
      type: 'command',
      target: 'pg_isready',
      expectExitCode: 3,
      expectOutput: 'accepting',
    });
    refused(() => checkDefinition({ addCheck: 'job', type: 'command', expectStatus: [0, 1] }), "--expect-status for command checks is one exit code from 0 to 255, got '0,1'");
    refused(() => checkDefinition({ addCheck: 'job', type: 'command', expectStatus: [256] }), "--expect-status for command checks is one exit code from 0 to 255, got '256'");
  });

  test('the http flags: --method, --header, --expect-body-regex, --tls-min-days, --insecure', () => {
    assert.deepEqual(
      checkDefinition({
        addCheck: 'status',
        type: 'http',
        target: 'https://10.0.0.5/status',
        method: 'GET',
        header: { Accept: 'application/json', 'X-Token': 'abc' },
        expectBodyRegex: '"status":\\s*"ok"',
        tlsMinDays: 0,
        insecure: true,
      }),
      {
        name: 'status',
        type: 'http',
        target: 'https://10.0.0.5/status',
        method: 'GET',
        headers: { Accept: 'application/json', 'X-Token': 'abc' },
        expectBodyRegex: '"status":\\s*"ok"',
        tlsMinDaysLeft: 0,
        insecure: true,
      },
    );
    assert.deepEqual(checkDefinition({ addCheck: 'h', type: 'http', target: 'http://x/', method: 'HEAD' }), { name: 'h', type: 'http', target: 'http://x/', method: 'HEAD' });
  });

  test('--expect-output for command checks, --grace for heartbeat checks', () => {
    assert.deepEqual(checkDefinition({ addCheck: 'job', type: 'command', target: 'backup --check', expectOutput: 'finished' }), {
      name: 'job',
      type: 'command',
      target: 'backup --check',
      expectOutput: 'finished',
    });
    assert.deepEqual(checkDefinition({ addCheck: 'beat', type: 'heartbeat', interval: 3_600_000, grace: 0 }), { name: 'beat', type: 'heartbeat', intervalMs: 3_600_000, graceMs: 0 });
    assert.deepEqual(checkDefinition({ addCheck: 'beat', type: 'heartbeat', grace: 600_000 }), { name: 'beat', type: 'heartbeat', graceMs: 600_000 });
  });

  test('the new flags are refused on types that do not take them, and exclusive ones together', () => {
    refused(() => checkDefinition({ addCheck: 'x', type: 'tcp', expectBodyRegex: 'a' }), '--expect-body-regex does not apply to tcp checks; it goes with http checks');
    refused(() => checkDefinition({ addCheck: 'x', type: 'command', header: { A: 'b' } }), '--header does not apply to command checks; it goes with http checks');
    refused(() => checkDefinition({ addCheck: 'x', type: 'disk', method: 'GET' }), '--method does not apply to disk checks; it goes with http checks');
    refused(() => checkDefinition({ addCheck: 'x', type: 'tcp', tlsMinDays: 3 }), '--tls-min-days does not apply to tcp checks; it goes with http checks');
    refused(() => checkDefinition({ addCheck: 'x', type: 'process', insecure: true }), '--insecure does not apply to process checks; it goes with http checks');
    refused(() => checkDefinition({ addCheck: 'x', type: 'http', expectOutput: 'ok' }), '--expect-output does not apply to http checks; it goes with command checks');
    refused(() => checkDefinition({ addCheck: 'x', type: 'memory', grace: 5 }), '--grace does not apply to memory checks; it goes with heartbeat checks');
    refused(() => checkDefinition({ addCheck: 'x', type: 'http', expectBody: 'a', expectBodyRegex: 'b' }), 'give --expect-body or --expect-body-regex, not both');
    refused(() => checkDefinition({ addCheck: 'x', type: 'command', expectBody: 'a', expectOutput: 'b' }), 'give --expect-body or --expect-output, not both');
    refused(() => checkDefinition({ addCheck: 'x', type: 'http', method: 'HEAD', expectBodyRegex: 'b' }), '--method HEAD gets no body for --expect-body-regex to match; leave out --method (GET)');
    refused(() => checkDefinition({ addCheck: 'x', type: 'http', method: 'HEAD', expectBody: 'b' }), '--method HEAD gets no body for --expect-body to match; leave out --method (GET)');
  });

  test('refuses an unknown type, a flag the type does not take, and bad status codes', () => {
    refused(() => checkDefinition({ addCheck: 'x', type: 'gauge' }), "--type for --add-check must be http, tcp, command, disk, memory, process or heartbeat, got 'gauge'");
    refused(() => checkDefinition({ addCheck: 'x', type: 'tcp', threshold: 5 }), '--threshold does not apply to tcp checks; it goes with disk or memory checks');
    refused(() => checkDefinition({ addCheck: 'x', type: 'memory', target: '/' }), '--target does not apply to memory checks; it goes with http, tcp, command, disk or process checks');
    refused(() => checkDefinition({ addCheck: 'x', type: 'disk', maxLatency: 5 }), '--max-latency does not apply to disk checks; it goes with http checks');
    refused(() => checkDefinition({ addCheck: 'x', type: 'heartbeat', expectBody: 'a' }), '--expect-body does not apply to heartbeat checks; it goes with http or command checks');
    refused(() => checkDefinition({ addCheck: 'x', type: 'http', expectStatus: [200, 700] }), '--expect-status for http checks takes status codes from 100 to 599, got 700');
  });
});

describe('renderChecks', () => {
  const checks = [
    { name: 'api', type: 'http', target: 'https://example.com/health', intervalMs: 30_000, state: 'up' as const, lastRun: ago(0.25), latencyMs: 123.456, detail: 'HTTP 200', recentLatencyMs: [100, 120, 180, 123], uptime24h: 0.9953 },
    { name: 'backup', type: 'heartbeat', target: null, intervalMs: 86_400_000, state: 'unknown' as const, lastRun: null, latencyMs: null, detail: '', recentLatencyMs: [], uptime24h: null },
    { name: 'db', type: 'tcp', target: 'db:5432', intervalMs: 30_000, state: 'down' as const, lastRun: ago(1), latencyMs: 5000, detail: 'timed out', recentLatencyMs: [5000], uptime24h: 1 },
  ];

  test('one row per check: state, latency, last run, uptime as a percentage, recent latencies', () => {
    assert.equal(
      renderChecks(checks, now, plainColors),
      [
        'NAME    TYPE       TARGET                      STATE    LATENCY    LAST RUN  UPTIME 24H  RECENT  DETAIL',
        'api     http       https://example.com/health  up       123.5 ms   15s ago   99.5%       ▁▃█▃    HTTP 200',
        'backup  heartbeat  -                           unknown  -          never     -                   -',
        'db      tcp        db:5432                     down     5000.0 ms  1m ago    100%        ▄       timed out',
      ].join('\n'),
    );
  });

  test('states in colour, and a hint when there are none', () => {
    const text = renderChecks(checks, now, tags);
    assert.match(text, /<g>up<\/g>/);
    assert.match(text, /<d>unknown<\/d>/);
    assert.match(text, /<r>down<\/r>/);
    assert.equal(renderChecks([], now, plainColors), 'No health checks. Add one with: clickup-brain monitoring --add-check <name> --type <type> --target <target>');
  });
});
