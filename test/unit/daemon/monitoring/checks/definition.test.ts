import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { InvalidInputError } from '../../../../../src/protocol/errors.js';
import { parseHostPort, parseHttpUrl } from '../../../../../daemon/monitoring/checks/address.js';
import { validateDefinition, validateSchedule } from '../../../../../daemon/monitoring/checks/definition.js';

const web = { name: 'web', type: 'http', target: 'http://x' };

/** Asserts that `input` is refused with exactly `message`, naming `field`. */
function refused(input: unknown, message: string, field?: string): void {
  assert.throws(
    () => validateDefinition(input),
    (error: unknown) => {
      assert.ok(error instanceof InvalidInputError, `expected InvalidInputError, got ${String(error)}`);
      assert.equal(error.code, 'INVALID_INPUT');
      assert.equal(error.message, message);
      if (field !== undefined) assert.equal(error.details.field, field);
      return true;
    },
  );
}

describe('validateDefinition: defaults', () => {
  test('an http check gets every default filled in', () => {
    assert.deepEqual(validateDefinition({ name: 'web', type: 'http', target: 'https://example.com/health' }), {
      name: 'web',
      type: 'http',
      target: 'https://example.com/health',
      intervalMs: 30_000,
      timeoutMs: 10_000,
      failureThreshold: 3,
      successThreshold: 1,
      public: false,
      method: 'GET',
      tlsMinDaysLeft: 14,
      insecure: false,
    });
  });

  test('durations may be written as text; method is upper-cased; one status becomes a list', () => {
    const def = validateDefinition({ ...web, intervalMs: '1m', timeoutMs: '5s', method: 'head', expectStatus: 204, maxLatencyMs: '2s' });
    assert.equal(def.intervalMs, 60_000);
    assert.equal(def.timeoutMs, 5000);
    assert.ok(def.type === 'http');
    assert.equal(def.method, 'HEAD');
    assert.deepEqual(def.expectStatus, [204]);
    assert.equal(def.maxLatencyMs, 2000);
  });

  test('a short interval gets a default timeout below it', () => {
    const def = validateDefinition({ name: 'db', type: 'tcp', target: 'db:5432', intervalMs: 2000 });
    assert.equal(def.timeoutMs, 1600);
  });

  test('type defaults: command exit code 0, disk and memory 90%, heartbeat grace 10% of the interval', () => {
    assert.equal((validateDefinition({ name: 'c', type: 'command', target: 'true' }) as { expectExitCode: number }).expectExitCode, 0);
    assert.equal((validateDefinition({ name: 'd', type: 'disk', target: '/' }) as { thresholdPercent: number }).thresholdPercent, 90);
    assert.equal((validateDefinition({ name: 'm', type: 'memory' }) as { thresholdPercent: number }).thresholdPercent, 90);
    assert.equal((validateDefinition({ name: 'h', type: 'heartbeat', intervalMs: '1m' }) as { graceMs: number }).graceMs, 6000);
  });

  test('the output is valid input again (stored definitions re-validate unchanged)', () => {
    for (const input of [
      { ...web, headers: { Authorization: 'Bearer x' }, expectBodyRegex: 'o+k', expectStatus: [200, 204], public: true },
      { name: 'db', type: 'tcp', target: '[::1]:5432' },
      { name: 'c', type: 'command', target: `sh -c 'exit 0'`, expectOutput: 'x' },
      { name: 'p', type: 'process', target: 'name:nginx' },
      { name: 'h', type: 'heartbeat', graceMs: 0 },
    ]) {
      const once = validateDefinition(input);
      assert.deepEqual(validateDefinition(once), once);
    }
  });
});

describe('validateDefinition: refusals name the field and what is allowed', () => {
  const NAME_RULE = "1 to 64 letters, digits, '_', '.' or '-', starting with a letter or digit";
  const cases: Array<[string, unknown, string, string?]> = [
    ['not an object', null, 'a check definition must be an object, got null'],
    ['an array', [], 'a check definition must be an object, got []'],
    ['no name', {}, `a check needs a name: ${NAME_RULE}`, 'name'],
    ['a name with a space', { name: 'bad name' }, `check name "bad name" is not allowed: use ${NAME_RULE}`, 'name'],
    ['a name starting with -', { name: '-x' }, `check name "-x" is not allowed: use ${NAME_RULE}`, 'name'],
    ['a 65-character name', { name: 'a'.repeat(65), type: 'memory' }, `check name "${'a'.repeat(58)}… is not allowed: use ${NAME_RULE}`, 'name'],
    ['no type', { name: 'web' }, "check 'web': type is required: one of http, tcp, command, disk, memory, process, heartbeat", 'type'],
    ['an unknown type', { name: 'web', type: 'ftp' }, `check 'web': type must be one of http, tcp, command, disk, memory, process, heartbeat, got "ftp"`, 'type'],
    ['timeout not below interval', { ...web, intervalMs: '10s', timeoutMs: '30s' }, "check 'web': timeout (30s) must be shorter than the interval (10s)", 'timeoutMs'],
    ['timeout equal to interval', { ...web, intervalMs: 5000, timeoutMs: 5000 }, "check 'web': timeout (5s) must be shorter than the interval (5s)", 'timeoutMs'],
    ['interval under 1 s', { ...web, intervalMs: 500 }, "check 'web': intervalMs must be from 1s to 1d, got 500ms", 'intervalMs'],
    ['interval over 24 h', { ...web, intervalMs: '2d' }, "check 'web': intervalMs must be from 1s to 1d, got 2d", 'intervalMs'],
    ['interval not a duration', { ...web, intervalMs: '5x' }, "check 'web': intervalMs: '5x' is not a duration (unexpected '5x'); write it like 500ms, 15s, 5m, 1h or 7d", 'intervalMs'],
    ['fractional milliseconds', { ...web, intervalMs: 1.5 }, "check 'web': intervalMs must be a whole number of milliseconds or a duration like 30s, got 1.5"],
    ['negative timeout', { ...web, timeoutMs: -5 }, "check 'web': timeoutMs must be from 1ms to 1d, got -5"],
    ['failure threshold 0', { ...web, failureThreshold: 0 }, "check 'web': failureThreshold must be a whole number from 1 to 100, got 0", 'failureThreshold'],
    ['success threshold 101', { ...web, successThreshold: 101 }, "check 'web': successThreshold must be a whole number from 1 to 100, got 101", 'successThreshold'],
    ['public not boolean', { ...web, public: 'yes' }, `check 'web': public must be true or false, got "yes"`, 'public'],
    ['an unknown field', { ...web, foo: 1 }, "check 'web': unknown field 'foo'; http checks take name, type, intervalMs, timeoutMs, failureThreshold, successThreshold, public, target, method, expectStatus, expectBody, expectBodyRegex, maxLatencyMs, tlsMinDaysLeft, insecure, headers", 'foo'],
    ["another type's field", { ...web, expectExitCode: 1 }, "check 'web': expectExitCode does not apply to http checks", 'expectExitCode'],
    ['http without target', { name: 'web', type: 'http' }, "check 'web': target is required for http checks: an http:// or https:// URL", 'target'],
    ['an ftp url', { ...web, target: 'ftp://x' }, "check 'web': target is invalid: 'ftp://x' must use http:// or https://, not ftp://", 'target'],
    ['not a url', { ...web, target: 'nope' }, "check 'web': target is invalid: 'nope' is not a URL; write it like https://example.com/health"],
    ['credentials in the url', { ...web, target: 'http://u:p@x' }, "check 'web': target is invalid: 'http://u:p@x' holds credentials; send them in headers (Authorization) instead"],
    ['status 700', { ...web, expectStatus: 700 }, "check 'web': expectStatus must be a status code from 100 to 599 or a list of them, got 700", 'expectStatus'],
    ['an empty status list', { ...web, expectStatus: [] }, "check 'web': expectStatus must be a status code from 100 to 599 or a list of them, got []"],
    ['body keyword and regex', { ...web, expectBody: 'a', expectBodyRegex: 'b' }, "check 'web': give expectBody or expectBodyRegex, not both"],
    ['a bad regex', { ...web, expectBodyRegex: '(' }, "check 'web': expectBodyRegex is not a valid regular expression: Invalid regular expression: /(/: Unterminated group"],
    ['method POST', { ...web, method: 'POST' }, `check 'web': method must be GET or HEAD, got "POST"`, 'method'],
    ['HEAD with a body keyword', { ...web, method: 'head', expectBody: 'x' }, "check 'web': a HEAD response has no body to match; use method GET with expectBody or expectBodyRegex"],
    ['latency limit over the timeout', { ...web, maxLatencyMs: '20s' }, "check 'web': maxLatencyMs (20s) must be shorter than the timeout (10s)", 'maxLatencyMs'],
    ['a bad header name', { ...web, headers: { 'bad name': 'x' } }, `check 'web': header name "bad name" is not a valid HTTP header name`, 'headers'],
    ['a header value with CRLF', { ...web, headers: { 'X-A': 'a\r\nb' } }, `check 'web': header X-A must be a one-line string of at most 8192 characters, got "a\\r\\nb"`],
    ['negative tls days', { ...web, tlsMinDaysLeft: -1 }, "check 'web': tlsMinDaysLeft must be a whole number from 0 to 3650, got -1"],
    ['tcp without port', { name: 'db', type: 'tcp', target: 'db' }, "check 'db': target is invalid: 'db' has no port; write it as host:port, like db.internal:5432, 10.0.0.5:6379 or [::1]:8080", 'target'],
    ['bare ipv6', { name: 'db', type: 'tcp', target: '::1:80' }, "check 'db': target is invalid: IPv6 addresses need brackets: write [::1]:80"],
    ['port 0', { name: 'db', type: 'tcp', target: '[::1]:0' }, "check 'db': target is invalid: the port in '[::1]:0' must be a number from 1 to 65535"],
    ['port 65536', { name: 'db', type: 'tcp', target: 'db:65536' }, "check 'db': target is invalid: the port in 'db:65536' must be a number from 1 to 65535"],
    ['a bracketed non-address', { name: 'db', type: 'tcp', target: '[nope]:80' }, "check 'db': target is invalid: 'nope' in '[nope]:80' is not an IPv6 address"],
    ['a host with a space', { name: 'db', type: 'tcp', target: 'bad host:80' }, "check 'db': target is invalid: 'bad host' in 'bad host:80' is not a host name or IPv4 address"],
    ['an impossible ipv4', { name: 'db', type: 'tcp', target: '999.1.1.1:80' }, "check 'db': target is invalid: '999.1.1.1' in '999.1.1.1:80' is not a host name or IPv4 address"],
    ['an unclosed quote', { name: 'cmd', type: 'command', target: "echo 'unclosed" }, "check 'cmd': target is invalid: unclosed ' at position 6", 'target'],
    ['a pipe', { name: 'cmd', type: 'command', target: 'curl x | grep ok' }, "check 'cmd': target is invalid: '|' would be passed to the program as an argument, because commands run without a shell; use sh -c '...' if you need a shell"],
    ['a blank command', { name: 'cmd', type: 'command', target: '   ' }, "check 'cmd': target is required for command checks: a command line, like pg_isready -h localhost"],
    ['exit code 256', { name: 'cmd', type: 'command', target: 'true', expectExitCode: 256 }, "check 'cmd': expectExitCode must be a whole number from 0 to 255, got 256"],
    ['a relative disk path', { name: 'd', type: 'disk', target: 'relative' }, `check 'd': target "relative" must be an absolute path, like /var/lib`],
    ['disk threshold 0', { name: 'd', type: 'disk', target: '/', thresholdPercent: 0 }, "check 'd': thresholdPercent must be a number from 1 to 100, got 0"],
    ['memory with a target', { name: 'm', type: 'memory', target: '/' }, "check 'm': target does not apply to memory checks"],
    ['a process target that is neither', { name: 'p', type: 'process', target: 'nginx' }, `check 'p': target "nginx" must be a pid file path like /run/nginx.pid, or name:<process name>`],
    ['an empty process name', { name: 'p', type: 'process', target: 'name:' }, `check 'p': target "name:" names no process; write name:<process name>, like name:nginx`],
    ['heartbeat with a target', { name: 'h', type: 'heartbeat', target: 'x' }, "check 'h': target does not apply to heartbeat checks"],
    ['heartbeat grace over 24 h', { name: 'h', type: 'heartbeat', graceMs: '2d' }, "check 'h': graceMs must be from 0s to 1d, got 2d"],
  ];
  for (const [what, input, message, field] of cases) test(what, () => refused(input, message, field));

  test("a built-in check's name (event_loop, store_writable, disk, memory) is refused for a user check", () => {
    for (const name of ['event_loop', 'store_writable', 'disk', 'memory']) {
      refused({ name, type: 'memory' }, `check name "${name}" is a built-in check's (event_loop, store_writable, disk, memory); choose another name`, 'name');
    }
    // Only the exact names: the metric label is case-sensitive, so these share no series.
    assert.equal(validateDefinition({ name: 'Memory', type: 'memory' }).name, 'Memory');
    assert.equal(validateDefinition({ name: 'disk-root', type: 'disk', target: '/' }).name, 'disk-root');
  });

  test('__proto__ in parsed JSON is an unknown field, not a prototype', () => {
    refused(JSON.parse('{"name":"web","type":"http","target":"http://x","__proto__":{"public":true}}'), "check 'web': unknown field '__proto__'; http checks take name, type, intervalMs, timeoutMs, failureThreshold, successThreshold, public, target, method, expectStatus, expectBody, expectBodyRegex, maxLatencyMs, tlsMinDaysLeft, insecure, headers");
  });
});

describe('validateSchedule (checks built in code)', () => {
  test('gives the same defaults and refuses definition fields', () => {
    assert.deepEqual(validateSchedule('db', {}), { intervalMs: 30_000, timeoutMs: 10_000, failureThreshold: 3, successThreshold: 1, public: false });
    assert.throws(() => validateSchedule('db', { target: 'x' }), { message: "check 'db': target does not apply to function checks" });
    assert.throws(() => validateSchedule('db', { intervalMs: 1000, timeoutMs: 2000 }), { message: "check 'db': timeout (2s) must be shorter than the interval (1s)" });
    assert.throws(() => validateSchedule('bad name'), InvalidInputError);
    assert.throws(() => validateSchedule('store_writable'), {
      code: 'INVALID_INPUT',
      message: `check name "store_writable" is a built-in check's (event_loop, store_writable, disk, memory); choose another name`,
    });
  });
});

describe('addresses', () => {
  test('host:port forms', () => {
    assert.deepEqual(parseHostPort('db.internal:5432'), { host: 'db.internal', port: 5432 });
    assert.deepEqual(parseHostPort('10.0.0.5:6379'), { host: '10.0.0.5', port: 6379 });
    assert.deepEqual(parseHostPort('[::1]:8080'), { host: '::1', port: 8080 });
    assert.deepEqual(parseHostPort('compose_service:80'), { host: 'compose_service', port: 80 });
    assert.equal(typeof parseHostPort('[::1]8080'), 'string');
    assert.equal(typeof parseHostPort('db:80x'), 'string');
    assert.equal(typeof parseHostPort(':80'), 'string');
  });

  test('http urls', () => {
    assert.ok(parseHttpUrl('https://[::1]:8443/x') instanceof URL);
    assert.equal(typeof parseHttpUrl('http://'), 'string');
    assert.equal(typeof parseHttpUrl('file:///etc/passwd'), 'string');
  });
});
