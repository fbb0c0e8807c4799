/**
 * End to end: `monitoring --dashboard` in a real terminal. tmux (on its own server socket) runs
 * the real binary against a real daemon in a temporary CLICKUP_BRAIN_HOME, at 80×24 and 160×50:
 * a pushed metric and a fired alert appear on screen within two seconds of the daemon having
 * them (the view is driven by the daemon's notifications), Enter opens the alert's detail, `a`
 * acknowledges it through the prompt, and `q` quits and gives the terminal back (the alternate
 * screen is off and the shell prints the exit status). A daemon stopped and started again under
 * the open view shows as `reconnecting…`, then `live`.
 *
 * tmux is required, not optional (Debian package `tmux`): a silently skipped test would hide a
 * broken dashboard.
 */
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { describe, it, type TestContext } from 'node:test';
import { cliBin, type TestHome } from '../helpers/home.js';
import { alertsOf, cliOk, monitoringHome, poll, waitForAlert } from '../helpers/monitoring.js';
import { onPath } from '../helpers/system-tools.js';

/** A tmux server of our own (its socket under the test's home), with one pane. */
class Tmux {
  constructor(
    private readonly socket: string,
    private readonly env: NodeJS.ProcessEnv,
  ) {}

  run(args: string[]): Promise<string> {
    return new Promise((resolve, reject) => {
      execFile(
        'tmux',
        ['-S', this.socket, ...args],
        { env: this.env, timeout: 10_000 },
        (error, stdout, stderr) => {
          if (error !== null)
            reject(new Error(`tmux ${args.join(' ')}: ${stderr || error.message}`));
          else resolve(stdout);
        },
      );
    });
  }

  /** Starts a plain shell (prompt `$ `) in a `columns`×`rows` pane. */
  async start(columns: number, rows: number): Promise<void> {
    await this.run([
      '-f',
      '/dev/null',
      'new-session',
      '-d',
      '-s',
      'e2e',
      '-x',
      String(columns),
      '-y',
      String(rows),
      'env PS1="$ " sh',
    ]);
  }

  /** Types `text` (literally) into the pane. */
  type(text: string): Promise<string> {
    return this.run(['send-keys', '-t', 'e2e', '-l', text]);
  }

  /** Presses named keys (Enter, Escape, Tab...). */
  press(...keys: string[]): Promise<string> {
    return this.run(['send-keys', '-t', 'e2e', ...keys]);
  }

  screen(): Promise<string> {
    return this.run(['capture-pane', '-p', '-t', 'e2e']);
  }

  async alternateScreen(): Promise<boolean> {
    return (
      (await this.run(['display-message', '-p', '-t', 'e2e', '#{alternate_on}'])).trim() === '1'
    );
  }

  /** Waits (bounded) until the screen matches `pattern`; returns the screen. */
  async waitFor(pattern: RegExp, what: string, timeoutMs = 20_000): Promise<string> {
    const deadline = Date.now() + timeoutMs;
    let last = '';
    while (Date.now() < deadline) {
      last = await this.screen();
      if (pattern.test(last)) return last;
      await sleep(50);
    }
    throw new Error(
      `timed out after ${timeoutMs} ms waiting for ${what} (${pattern}); the screen:\n${last}`,
    );
  }

  kill(): Promise<string> {
    return this.run(['kill-server']).catch(() => '');
  }
}

/** ms from now until the screen matches `pattern` (the caller asserts the bound). */
async function msUntilShown(tmux: Tmux, pattern: RegExp, what: string): Promise<number> {
  const start = Date.now();
  await tmux.waitFor(pattern, what, 10_000);
  return Date.now() - start;
}

async function openDashboard(
  t: TestContext,
  home: TestHome,
  columns: number,
  rows: number,
): Promise<Tmux> {
  const tmux = new Tmux(join(home.dir, 'tmux.sock'), { ...home.env, TERM: 'xterm-256color' });
  t.after(() => tmux.kill());
  await tmux.start(columns, rows);
  await tmux.waitFor(/^\$\s*$/m, 'the shell prompt');
  await tmux.type(`node ${cliBin} monitoring --dashboard; echo "EXIT=$?"`);
  await tmux.press('Enter');
  await poll('the alternate screen', () => tmux.alternateScreen());
  return tmux;
}

describe('monitoring --dashboard in tmux', () => {
  it('fails with an install message when tmux is missing', () => {
    assert.ok(
      onPath('tmux'),
      'tmux is not installed: install it (Debian/Ubuntu: apt-get install tmux; macOS: brew install tmux) to run the dashboard e2e test',
    );
  });

  for (const [columns, rows] of [
    [80, 24],
    [160, 50],
  ] as const) {
    it(
      `shows live changes, opens a detail, acks with the prompt and quits cleanly at ${columns}×${rows}`,
      { skip: !onPath('tmux') },
      async (t) => {
        const home = await monitoringHome(t);
        // A check every second: each run is a notification, after which the dashboard reads the
        // metrics again (the daemon announces no push or scrape of its own).
        await cliOk(home, [
          'monitoring',
          '--add-check',
          'tick',
          '--type',
          'disk',
          '--target',
          '/',
          '--threshold',
          '100',
          '--interval',
          '1s',
          '--timeout',
          '900ms',
        ]);
        const tmux = await openDashboard(t, home, columns, rows);
        await tmux.waitFor(/tick/, 'the check on the dashboard');

        // A metric: on screen within two seconds of the daemon having it.
        await cliOk(home, ['monitoring', '--push', 'aaa_queue_depth=150', '--type', 'gauge']);
        const metricMs = await msUntilShown(tmux, /aaa_queue_depth/, 'the pushed metric');
        assert.ok(metricMs < 2000, `the metric took ${metricMs} ms to appear`);

        // An alert: on screen within two seconds of the daemon firing it.
        await cliOk(home, [
          'monitoring',
          '--add-rule',
          'DeepQueue',
          '--expr',
          'aaa_queue_depth > 100',
          '--severity',
          'critical',
          '--annotation',
          'summary=the queue is deep',
        ]);
        await waitForAlert(home, 'DeepQueue', 'firing');
        const alertMs = await msUntilShown(tmux, /DeepQueue/, 'the firing alert');
        assert.ok(alertMs < 2000, `the alert took ${alertMs} ms to appear`);

        // Enter: the alert's detail (its annotation); Esc: back to the panels.
        // Each step waits for the screen to change, so that Ink has read the key before the next
        // one is sent (an Esc read together with the next key is Meta plus that key).
        await tmux.press('Enter');
        await tmux.waitFor(/annotations:[\s│]+summary = the queue is deep/, "the alert's detail");
        await tmux.press('Escape');
        await tmux.waitFor(/^(?![\s\S]*annotations:)[\s\S]*aaa_queue_depth/, 'the panels again');

        // a: the prompt asks for a comment (then a duration, left at its default); the daemon has the ack.
        await tmux.type('a');
        await tmux.waitFor(/[Cc]omment/, 'the ack prompt');
        await tmux.type('on it');
        await tmux.waitFor(/comment: on it/, 'the typed comment');
        await tmux.press('Enter');
        await tmux.waitFor(/› duration/, 'the duration field');
        await tmux.press('Enter');
        await poll('the ack in the daemon', async () =>
          (await alertsOf(home)).alerts.find((a) => a.rule === 'DeepQueue' && a.muted === 'acked'),
        );
        await tmux.waitFor(/acked/, 'the acked alert on screen');

        // q: the view quits, the alternate screen is off and the shell is back with exit status 0.
        await tmux.type('q');
        const after = await tmux.waitFor(/EXIT=0\n\$ ?$/m, 'the exit status and the prompt');
        assert.equal(await tmux.alternateScreen(), false);
        assert.doesNotMatch(after, /DeepQueue/, 'the dashboard is gone from the screen');
      },
    );
  }

  it(
    'says reconnecting while the daemon is down and is live again after it starts',
    { skip: !onPath('tmux') },
    async (t) => {
      const home = await monitoringHome(t);
      await cliOk(home, [
        'monitoring',
        '--add-check',
        'tick',
        '--type',
        'disk',
        '--target',
        '/',
        '--threshold',
        '100',
        '--interval',
        '1s',
        '--timeout',
        '900ms',
      ]);
      const tmux = await openDashboard(t, home, 80, 24);
      await tmux.waitFor(/^live\b/m, 'the live status');
      await cliOk(home, ['daemon', 'stop']);
      await tmux.waitFor(/^reconnecting…/m, 'the reconnecting status');
      await cliOk(home, ['daemon', 'start']);
      await tmux.waitFor(/^live\b/m, 'the live status again');
      // The view reads everything again from the new daemon, and still quits cleanly.
      await tmux.waitFor(/tick/, 'the check after the restart');
      await tmux.type('q');
      await tmux.waitFor(/EXIT=0\n\$ ?$/m, 'the exit status and the prompt');
      assert.equal(await tmux.alternateScreen(), false);
    },
  );

  it('refuses without a terminal and points to --json (exit 2)', async (t) => {
    const home = await monitoringHome(t);
    const result = await home.cli(['monitoring', '--dashboard']);
    assert.equal(result.code, 2);
    assert.equal(result.stdout, '');
    assert.equal(
      result.stderr,
      'clickup-brain: the dashboard needs a terminal; use --json with --health, --alerts or --metrics for scripts\n',
    );
  });
});
