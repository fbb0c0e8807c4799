/**
 * End to end: a real Prometheus (Debian's package) scrapes the daemon's `/metrics` every second,
 * and what it scraped can be queried from it. Two scrape jobs run side by side: `clickup-brain`
 * with no credentials (loopback is in `http.metricsAllow` by default) and `clickup-brain-token`
 * with a SERVICE-role user's bearer token. A gauge pushed through the CLI appears in Prometheus
 * with its value and labels (plus the job and instance Prometheus adds), and both jobs are up.
 * With `http.metricsAllow` emptied (token only), the anonymous job goes down while the token job
 * stays up.
 *
 * Skipped, with the reason, when the `prometheus` binary is not on PATH (CI installs the Debian
 * package `prometheus`, see `.ci/run`).
 */
import assert from 'node:assert/strict';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { waitFor } from '../helpers/integration.js';
import { cliOk } from '../helpers/monitoring.js';
import { createUser, login, PASSWORDS, storedLogin } from '../helpers/security.js';
import { freePort } from '../helpers/free-port.js';
import { onPath } from '../helpers/system-tools.js';
import { startService, webHome } from '../helpers/web.js';

const MISSING = onPath('prometheus')
  ? false
  : 'prometheus is not on PATH: install the Debian package (apt-get install -y prometheus)';

interface Sample {
  metric: Record<string, string>;
  value: [number, string];
}

/** An instant query's vector, or undefined while Prometheus answers with something else. */
async function query(prometheus: string, expr: string): Promise<Sample[] | undefined> {
  const response = await fetch(`${prometheus}/api/v1/query?query=${encodeURIComponent(expr)}`);
  if (!response.ok) return undefined;
  const body = (await response.json()) as {
    status: string;
    data?: { resultType: string; result: Sample[] };
  };
  return body.status === 'success' && body.data?.resultType === 'vector'
    ? body.data.result
    : undefined;
}

/** Polls the query until `accept` takes its result (30 s at most). */
function until(
  prometheus: string,
  expr: string,
  accept: (r: Sample[]) => boolean,
): Promise<Sample[]> {
  return waitFor(
    `Prometheus to answer ${expr} as expected`,
    async () => {
      const result = await query(prometheus, expr);
      return result !== undefined && accept(result) ? result : undefined;
    },
    30_000,
    250,
  );
}

describe('Prometheus scrapes /metrics', { skip: MISSING }, () => {
  it('stores the pushed gauge with its labels; loopback and bearer-token scrapes are up, and loopback alone is refused once metricsAllow is empty', async (t) => {
    const { home, url } = await webHome(t);
    // A machine's credentials: a SERVICE-role user's access token (then back to the admin).
    await createUser(home, 'scraper', PASSWORDS.bob, ['service']);
    await login(home, 'scraper', PASSWORDS.bob);
    const token = (await storedLogin(home)).accessToken;
    await login(home, 'ada', PASSWORDS.ada);

    const dir = await mkdtemp(join(tmpdir(), 'cb-prom-'));
    t.after(() => rm(dir, { recursive: true, force: true }));
    await writeFile(join(dir, 'token'), token, { mode: 0o600 });
    const target = new URL(url).host;
    await writeFile(
      join(dir, 'prometheus.yml'),
      [
        'global:',
        '  scrape_interval: 1s',
        '  scrape_timeout: 1s',
        'scrape_configs:',
        '  - job_name: clickup-brain',
        '    static_configs:',
        `      - targets: ['${target}']`,
        '  - job_name: clickup-brain-token',
        '    authorization:',
        '      type: Bearer',
        `      credentials_file: ${join(dir, 'token')}`,
        '    static_configs:',
        `      - targets: ['${target}']`,
        '',
      ].join('\n'),
    );
    const port = await freePort();
    const prometheus = `http://127.0.0.1:${port}`;
    const server = startService('prometheus', [
      `--config.file=${join(dir, 'prometheus.yml')}`,
      `--storage.tsdb.path=${join(dir, 'data')}`,
      `--web.listen-address=127.0.0.1:${port}`,
    ]);
    t.after(() => server.stop());
    await waitFor(
      'Prometheus to be ready',
      async () => {
        if (server.child.exitCode !== null)
          throw new Error(`prometheus exited:\n${server.output()}`);
        return (await fetch(`${prometheus}/-/ready`)).ok;
      },
      20_000,
      200,
    ).catch((error: unknown) => {
      throw new Error(`${(error as Error).message}\nprometheus output:\n${server.output()}`);
    });

    await cliOk(home, [
      'monitoring',
      '--push',
      'web_e2e_queue_depth=42',
      '--type',
      'gauge',
      '--label',
      'queue=emails',
    ]);

    const samples = await until(
      prometheus,
      'web_e2e_queue_depth{job="clickup-brain"}',
      (r) => r.length === 1,
    );
    assert.deepEqual(samples[0]?.metric, {
      __name__: 'web_e2e_queue_depth',
      instance: target,
      job: 'clickup-brain',
      queue: 'emails',
    });
    assert.equal(samples[0]?.value[1], '42');
    const viaToken = await until(
      prometheus,
      'web_e2e_queue_depth{job="clickup-brain-token"}',
      (r) => r.length === 1,
    );
    assert.equal(viaToken[0]?.value[1], '42');
    for (const job of ['clickup-brain', 'clickup-brain-token']) {
      const up = await until(prometheus, `up{job="${job}"}`, (r) => r.length === 1);
      assert.equal(up[0]?.value[1], '1', `up{job="${job}"}`);
    }

    // Token only: the anonymous loopback scrape is refused (Prometheus marks the target down).
    await cliOk(home, ['config', 'set', 'http.metricsAllow', '']);
    await until(prometheus, 'up{job="clickup-brain"} == 0', (r) => r.length === 1);
    const tokenUp = await query(prometheus, 'up{job="clickup-brain-token"}');
    assert.equal(tokenUp?.[0]?.value[1], '1', 'the token job stays up');
    const targets = (await (await fetch(`${prometheus}/api/v1/targets`)).json()) as {
      data: {
        activeTargets: Array<{ labels: { job: string }; health: string; lastError: string }>;
      };
    };
    const anonymous = targets.data.activeTargets.find((x) => x.labels.job === 'clickup-brain');
    assert.equal(anonymous?.health, 'down');
    assert.match(anonymous?.lastError ?? '', /401/);
  });
});
