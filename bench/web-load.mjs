/**
 * @module Benchmark: the web dashboard under load. Requests per second and p99 latency of the
 * overview page (`GET /`, with a session cookie) and of `GET /api/v1/health` (with a bearer token),
 * each beside a bare node:http server that returns the same bytes with the same headers, measured
 * side by side in the same run. Target: >= 0.5 of the bare server's requests/s (and a p99 no worse
 * than twice the bare server's).
 *
 * A real daemon (`node dist/daemon/main.js`, so `npm run build` first) runs in a temporary
 * CLICKUP_BRAIN_HOME with its web server on a free loopback port. Before any user exists (an empty
 * store needs no login) the bench sets `http.rateLimit` to its maximum, 100000 requests/s per IP
 * and per user: at the default 20/s the limiter would answer most of the load with 429 — the
 * limiter still runs on every request, it just never refuses. Then it creates an admin, takes a
 * bearer token from `security.login` over the socket, and a session cookie from `POST /login`.
 *
 * The bare server runs in a child process of its own (so that it shares an event loop with neither
 * the daemon nor this process) and replays the daemon's own answer to each URL: status, headers
 * (Node adds Date, Connection and Keep-Alive to both alike) and body. The load generator is wrk
 * (Debian's package): `wrk -t1 -c32 -d5s --latency`; its Requests/sec and the 99% line of its
 * latency distribution are the figures. Runs are interleaved (ours, bare, then bare, ours, ...:
 * the order alternates between rounds) after one short warm-up of each. Each round's two runs are
 * back to back, so they see the machine alike; the ratio reported is the middle of the rounds'
 * ratios (ours / bare), and the requests/s and p99 shown beside it the middle of each server's
 * rounds — so one round disturbed by other work on the machine does not make a figure. A run with
 * any non-2xx answer (a refusal would be much cheaper than a page) fails the bench.
 *
 * Run: `node bench/web-load.mjs` (after `npm run build`) or through `node bench/run.mjs`.
 * Environment: BENCH_WEB_ROUNDS (measured rounds, default 5), BENCH_WEB_SECONDS (length of each
 * run, default 5), BENCH_WEB_CONNECTIONS (wrk -c, default 32), BENCH_DAEMON_NODE_FLAGS (extra node
 * flags for the daemon, e.g. `--cpu-prof --cpu-prof-dir=/tmp/prof` to see where its time goes),
 * BENCH_WEB_PATHS (only these of `/` and `/api/v1/health`, comma-separated; for profiling one).
 */
/* global fetch -- Node 20 has it; the shared lint config lists only the older globals. */
import { execFile, spawn } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import { setTimeout as sleep } from 'node:timers/promises';
import {
  daemonEnv,
  daemonMain,
  failure,
  libraryConnect,
  startDaemon,
  stopDaemon,
  whenListening,
} from './lib/daemon.mjs';
import { runWhenMain } from './lib/main.mjs';
import { freePort } from './lib/net.mjs';
const TARGET_RATIO = 0.5;
const RATE_LIMIT = '100000';
const USER = 'bench-admin';
// Fixed and strong enough for the policy (>= 15 characters, zxcvbn score 4); a throwaway account.
const PASSWORD = 'correct-horse-battery-staple-42';
const WARMUP_SECONDS = 2;

/** wrk's duration units to milliseconds. */
const UNIT_MS = { us: 0.001, ms: 1, s: 1000, m: 60_000 };

/**
 * Reads wrk's report: Requests/sec, the 99% latency (ms), requests, non-2xx/3xx answers and socket
 * errors.
 * @param {string} text
 */
export function parseWrk(text) {
  const rps = /^Requests\/sec:\s+([\d.]+)\s*$/m.exec(text);
  const p99 = /^\s*99%\s+([\d.]+)(us|ms|s|m)\s*$/m.exec(text);
  const requests = /^\s*(\d+) requests in /m.exec(text);
  if (rps === null || p99 === null || requests === null)
    throw new Error(`cannot read wrk's report:\n${text}`);
  const non2xx = /^\s*Non-2xx or 3xx responses:\s+(\d+)\s*$/m.exec(text);
  const errors =
    /^\s*Socket errors: connect (\d+), read (\d+), write (\d+), timeout (\d+)\s*$/m.exec(text);
  return {
    requestsPerSecond: Number(rps[1]),
    p99Ms: Number(p99[1]) * UNIT_MS[p99[2]],
    requests: Number(requests[1]),
    non2xx: non2xx === null ? 0 : Number(non2xx[1]),
    socketErrors: errors === null ? 0 : errors.slice(1).reduce((sum, n) => sum + Number(n), 0),
  };
}

/** Runs wrk once against `url` with `headers`; resolves with its parsed report. */
function wrk(url, headers, seconds, connections) {
  const args = ['-t1', `-c${connections}`, `-d${seconds}s`, '--latency'];
  for (const [name, value] of Object.entries(headers)) args.push('-H', `${name}: ${value}`);
  args.push(url);
  return new Promise((ok, fail) => {
    execFile('wrk', args, { timeout: (seconds + 30) * 1000 }, (error, stdout, stderr) => {
      if (error !== null) {
        fail(
          error.code === 'ENOENT'
            ? new Error('wrk is not installed (Debian package wrk: apt-get install -y wrk)')
            : new Error(`wrk failed: ${stderr || error.message}`),
        );
        return;
      }
      try {
        const report = parseWrk(stdout);
        if (report.non2xx > 0)
          throw new Error(
            `${report.non2xx} of ${report.requests} answers were not 2xx/3xx from ${url}`,
          );
        ok(report);
      } catch (e) {
        fail(e);
      }
    });
  });
}

/**
 * The bare server's program: it reads the answers to replay (JSON on stdin), listens on a free
 * loopback port, prints it, and answers each path with its status, headers and body.
 */
const BARE_SERVER = `
const { createServer } = require('node:http');
let input = '';
process.stdin.on('data', (d) => (input += d));
process.stdin.on('end', () => {
  const answers = new Map(
    JSON.parse(input).map((a) => [a.path, { ...a, body: Buffer.from(a.body, 'base64') }]),
  );
  const server = createServer((req, res) => {
    const a = answers.get(req.url);
    if (a === undefined) {
      res.writeHead(404).end();
      return;
    }
    res.writeHead(a.status, a.headers);
    res.end(a.body);
  });
  server.keepAliveTimeout = 5000;
  server.listen(0, '127.0.0.1', () => process.stdout.write(server.address().port + '\\n'));
});
`;

/** Headers Node's http server writes itself (per connection or per response). */
const HOP_HEADERS = new Set(['date', 'connection', 'keep-alive', 'transfer-encoding']);

/** Fetches the daemon's answer to `path` as the bare server will replay it. */
async function capture(base, path, headers) {
  const response = await fetch(new URL(path, base), { headers, redirect: 'manual' });
  const body = Buffer.from(await response.arrayBuffer());
  if (response.status !== 200)
    throw new Error(
      `GET ${path} answered ${response.status}: ${body.toString('utf8').slice(0, 300)}`,
    );
  const replay = {};
  for (const [name, value] of response.headers) if (!HOP_HEADERS.has(name)) replay[name] = value;
  replay['content-length'] = String(body.length);
  return { path, status: response.status, headers: replay, body: body.toString('base64') };
}

/** Starts the bare server with these answers; resolves with its base URL and a stop function. */
async function startBare(answers) {
  const child = spawn(process.execPath, ['-e', BARE_SERVER], {
    stdio: ['pipe', 'pipe', 'inherit'],
  });
  child.stdin.end(JSON.stringify(answers));
  const port = await new Promise((ok, fail) => {
    let out = '';
    child.stdout.on('data', (d) => {
      out += d;
      if (out.includes('\n')) ok(Number(out.trim()));
    });
    child.once('exit', (code) =>
      fail(new Error(`the bare server exited (${code}) before listening`)),
    );
  });
  return {
    base: `http://127.0.0.1:${port}`,
    stop: () => {
      if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
      const exited = new Promise((ok) => child.once('exit', ok));
      child.kill('SIGTERM');
      return exited;
    },
  };
}

/** Waits (bounded) until the web server answers /healthz. */
async function waitForHttp(base, daemon) {
  const deadline = performance.now() + 20_000;
  for (;;) {
    if (daemon.exitCode !== null) throw new Error(`the daemon exited (${daemon.exitCode})`);
    try {
      if ((await fetch(new URL('/healthz', base))).status < 500) return;
    } catch {
      // not listening yet
    }
    if (performance.now() > deadline) throw new Error(`no web server at ${base} after 20 s`);
    await sleep(100);
  }
}

/** Logs in through the login route (JSON); resolves with the Cookie header value. */
async function loginCookie(base) {
  const response = await fetch(new URL('/login', base), {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ username: USER, password: PASSWORD }),
  });
  if (response.status !== 200)
    throw new Error(`POST /login answered ${response.status}: ${await response.text()}`);
  const cookies = response.headers
    .getSetCookie()
    .flatMap((line) => line.split('\n'))
    .map((line) => line.split(';')[0]?.trim() ?? '')
    .filter((pair) => pair !== '');
  if (!cookies.some((pair) => pair.startsWith('cb_session=')))
    throw new Error(
      `POST /login set no cb_session cookie (got: ${cookies.map((c) => c.split('=')[0]).join(', ')})`,
    );
  return cookies.join('; ');
}

const median = (values) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];
const round = (v, digits = 3) => Math.round(v * 10 ** digits) / 10 ** digits;
const loadNow = () => os.loadavg().map((v) => round(v, 2));

/**
 * Measures. Returns the figures for bench/run.mjs (requests/s and p99 of each URL), with the raw
 * rounds in `details`.
 *
 * @param {{ rounds?: number, seconds?: number, connections?: number }} [options]
 */
export async function run(options = {}) {
  const rounds = options.rounds ?? Number(process.env.BENCH_WEB_ROUNDS ?? 5);
  const seconds = options.seconds ?? Number(process.env.BENCH_WEB_SECONDS ?? 5);
  const connections = options.connections ?? Number(process.env.BENCH_WEB_CONNECTIONS ?? 32);
  const only = process.env.BENCH_WEB_PATHS ? process.env.BENCH_WEB_PATHS.split(',') : null;
  for (const [name, value] of Object.entries({ rounds, seconds, connections })) {
    if (!Number.isInteger(value) || value < 1)
      throw new TypeError(`"${name}" option must be a positive integer`);
  }
  if (!existsSync(daemonMain))
    throw new Error(`web-load bench: ${daemonMain} is missing; run \`npm run build\``);
  const connect = await libraryConnect();

  // Under /tmp and short: the socket, <home>/run/daemon.sock, must fit in 107 bytes.
  const home = mkdtempSync('/tmp/cbw-');
  const port = await freePort();
  const env = daemonEnv(home, { CLICKUP_BRAIN_HTTP_PORT: String(port) });
  const base = `http://127.0.0.1:${port}`;
  const { daemon, output } = startDaemon(env);
  let client;
  let bare;
  const loadBefore = loadNow();
  try {
    client = await whenListening(
      () => connect({ env, autoStart: false, requestTimeoutMs: 60_000 }),
      daemon,
    );
    // While the store is empty the socket needs no login: settings first, then the admin.
    await client.request('config.set', { key: 'http.rateLimit', value: RATE_LIMIT });
    await client.request('config.set', { key: 'security.bcryptCost', value: '10' });
    await client.request('security.users.create', {
      username: USER,
      email: 'bench-admin@example.com',
      roles: ['admin'],
      password: PASSWORD,
    });
    const { accessToken } = await client.request('security.login', {
      username: USER,
      password: PASSWORD,
    });
    await waitForHttp(base, daemon);
    const cookie = await loginCookie(base);

    const targets = [
      { name: 'overview page (GET /)', path: '/', headers: { cookie } },
      {
        name: 'GET /api/v1/health',
        path: '/api/v1/health',
        headers: { authorization: `Bearer ${accessToken}` },
      },
    ].filter((t) => only === null || only.includes(t.path));
    const answers = [];
    for (const t of targets) answers.push(await capture(base, t.path, t.headers));
    bare = await startBare(answers);

    const results = [];
    const details = {
      rounds,
      seconds,
      connections,
      cores: os.cpus().length,
      loadBefore,
      targets: {},
    };
    for (const [i, t] of targets.entries()) {
      const ours = () => wrk(`${base}${t.path}`, t.headers, seconds, connections);
      const plain = () => wrk(`${bare.base}${t.path}`, t.headers, seconds, connections);
      await wrk(`${base}${t.path}`, t.headers, WARMUP_SECONDS, connections);
      await wrk(`${bare.base}${t.path}`, t.headers, WARMUP_SECONDS, connections);
      const runs = { ours: [], bare: [] };
      for (let r = 0; r < rounds; r++) {
        if (r % 2 === 0) {
          runs.ours.push(await ours());
          runs.bare.push(await plain());
        } else {
          runs.bare.push(await plain());
          runs.ours.push(await ours());
        }
      }
      const rps = median(runs.ours.map((x) => x.requestsPerSecond));
      const bareRps = median(runs.bare.map((x) => x.requestsPerSecond));
      const p99 = median(runs.ours.map((x) => x.p99Ms));
      const bareP99 = median(runs.bare.map((x) => x.p99Ms));
      // Paired by round: each round's two runs were back to back.
      const rpsRatio = median(
        runs.ours.map((x, r) => x.requestsPerSecond / runs.bare[r].requestsPerSecond),
      );
      const p99Ratio = median(runs.ours.map((x, r) => x.p99Ms / runs.bare[r].p99Ms));
      const answer = answers[i];
      details.targets[t.path] = {
        bytes: Buffer.from(answer.body, 'base64').length,
        // What both servers send (the bare one replays these exact values).
        headers: answer.headers,
        runs,
      };
      const caption = `${t.name}, wrk -c${connections}, middle of ${rounds} paired rounds; http.rateLimit raised to ${RATE_LIMIT}/s`;
      results.push(
        {
          figure: `web: ${caption}: requests/s vs bare node:http`,
          value: round(rps, 1),
          baseline: round(bareRps, 1),
          ratio: round(rpsRatio),
          target: `>= ${TARGET_RATIO}x the bare server`,
          pass: rpsRatio >= TARGET_RATIO,
          unit: 'req/s',
        },
        {
          figure: `web: ${t.name}: p99 latency vs bare node:http`,
          value: round(p99),
          baseline: round(bareP99),
          ratio: round(p99Ratio),
          target: `<= ${1 / TARGET_RATIO}x the bare server`,
          pass: p99Ratio <= 1 / TARGET_RATIO,
          unit: 'ms',
        },
      );
    }
    details.loadAfter = loadNow();
    results[0].details = details;
    return results;
  } catch (error) {
    throw failure('web-load', error, output());
  } finally {
    await bare?.stop();
    await stopDaemon(daemon, client);
    client?.close();
    rmSync(home, { recursive: true, force: true });
  }
}

/** The readable report for a direct run. */
export function report(results) {
  const d = results[0].details;
  const lines = [
    `web dashboard under load: wrk -t1 -c${d.connections} -d${d.seconds}s, ${d.rounds} interleaved rounds, middle of the rounds' ratios reported`,
    `  machine: ${d.cores} cores, load average ${d.loadBefore.join(' / ')} before, ${d.loadAfter.join(' / ')} after`,
  ];
  for (const r of results) {
    lines.push(
      `  ${r.figure}: ${r.value} ${r.unit} (bare ${r.baseline} ${r.unit}), ratio ${r.ratio}, target ${r.target}: ${r.pass ? 'PASS' : 'FAIL'}`,
    );
  }
  for (const [path, t] of Object.entries(d.targets)) {
    const show = (runs) =>
      runs
        .map((x) => `${Math.round(x.requestsPerSecond)}/s p99 ${round(x.p99Ms, 2)} ms`)
        .join(', ');
    const ratios = t.runs.ours
      .map((x, r) => round(x.requestsPerSecond / t.runs.bare[r].requestsPerSecond))
      .join(', ');
    lines.push(
      `  ${path} (${t.bytes} bytes): ours ${show(t.runs.ours)}; bare ${show(t.runs.bare)}; ratio by round ${ratios}`,
    );
  }
  return lines.join('\n');
}

await runWhenMain(import.meta.url, run, report);
