/**
 * End to end: the web dashboard in real headless Chromium (Debian's chromium, driven by
 * playwright-core) against the real daemon in a temporary home, its web server on a free port.
 *
 * One walk through, as a person would: the login form, the overview (health, checks, active alerts,
 * metrics), a metric pushed over the CLI appearing on the open overview without a reload (the
 * Server-Sent Events stream: the page keeps a marker, and the wait is shorter than the 30 s
 * fallback refresh), an alert rule added over the CLI firing onto the open overview, screenshots
 * of the overview at 1280×800 and 375×812 (test-artifacts/web/) with nothing overflowing at 375 px,
 * a metric's chart page with the uPlot canvas drawn, and the alert acknowledged from the alerts
 * page (its row then shows acked, and the daemon agrees), then the security page. At 1280 px the
 * overview's health detail and the alert's Silence button are not cut off by their tables; at
 * 375 px the alert's action column stays in view while its table scrolls. Throughout, no console
 * error, no uncaught exception and no Content-Security-Policy violation.
 *
 * Skipped, with the reason, when /usr/bin/chromium is absent (CI installs Debian's chromium).
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { Page } from 'playwright-core';
import {
  chromiumMissing,
  documentCspViolations,
  horizontalOverflow,
  launchBrowser,
  screenshot,
  watchPage,
  type PageProblems,
} from '../helpers/browser.js';
import {
  alertsOf,
  cliOk,
  poll,
  waitForAlert,
  waitForCheck,
  waitForSample,
} from '../helpers/monitoring.js';
import { webHome } from '../helpers/web.js';

/** Shorter than the page's 30 s fallback refresh: what arrives within it came over the stream. */
const LIVE_WAIT_MS = 20_000;
const RULE = 'WebE2eHot';

const row = (testid: string, name: string): string =>
  `[data-testid="${testid}"][data-name="${name}"]`;

/**
 * How far the first element matching `selector` is cut off by the table it scrolls in: the px of
 * it outside its `.table-scroll` box on the left and right (0, 0 when fully visible), and whether
 * that table scrolls sideways at all.
 */
function clippedInTable(
  page: Page,
  selector: string,
): Promise<{ left: number; right: number; scrolls: boolean }> {
  // A string, not a function: the test is compiled without the DOM's types.
  return page.evaluate(`(() => {
    const node = document.querySelector(${JSON.stringify(selector)});
    const box = node?.closest('.table-scroll');
    if (!node || !box) throw new Error('no ' + ${JSON.stringify(selector)} + ' inside a table');
    const a = node.getBoundingClientRect();
    const b = box.getBoundingClientRect();
    return {
      left: Math.max(0, Math.round(b.left - a.left)),
      right: Math.max(0, Math.round(a.right - b.right)),
      scrolls: box.scrollWidth > box.clientWidth,
    };
  })()`);
}

/** Everything the watch recorded, plus what the current document's own listener saw. */
async function allProblems(page: Page, problems: PageProblems): Promise<PageProblems> {
  const inDocument = await documentCspViolations(page);
  return {
    consoleErrors: problems.consoleErrors,
    pageErrors: problems.pageErrors,
    cspViolations: [...new Set([...problems.cspViolations, ...inDocument])],
  };
}

describe('web dashboard in Chromium', { skip: chromiumMissing() ?? false }, () => {
  it('logs in, shows the overview live over SSE, draws a metric chart, acknowledges an alert; no console errors or CSP violations; fits 375 px', async (t) => {
    const { home, url, username, password } = await webHome(t);
    await cliOk(home, [
      'monitoring',
      '--push',
      'web_e2e_temp=18.5',
      '--type',
      'gauge',
      '--label',
      'room=lab',
    ]);
    await cliOk(home, [
      'monitoring',
      '--add-check',
      'nightly',
      '--type',
      'heartbeat',
      '--interval',
      '1h',
    ]);
    await cliOk(home, ['monitoring', '--heartbeat', 'nightly']);
    await waitForSample(home, 'web_e2e_temp', 18.5, { room: 'lab' });
    await waitForCheck(home, 'nightly', 'up');

    const browser = await launchBrowser({ width: 1280, height: 800 });
    t.after(() => browser.close());
    const page = browser.context.pages()[0] ?? (await browser.context.newPage());
    page.setDefaultTimeout(15_000);
    const problems = await watchPage(page);
    // Every CSP report of every document, including those navigated away from.
    await page.exposeFunction('__cbCspReport', (text: string) => problems.cspViolations.push(text));
    await page.addInitScript({
      content: `document.addEventListener('securitypolicyviolation', (e) => window.__cbCspReport(e.violatedDirective + ' blocked ' + (e.blockedURI || '(inline)')));`,
    });

    // Not logged in: the dashboard sends the browser to the login form.
    await page.goto(`${url}/`);
    await page.waitForURL(/\/login/);
    await page.fill('#username', username);
    await page.fill('#password', password);
    await page.click('button[type="submit"]');
    // The form's answer: the overview, or the login page again (no ?next=) saying why not.
    await page.waitForURL(
      (u) => u.pathname === '/' || (u.pathname === '/login' && u.search === ''),
    );
    if (new URL(page.url()).pathname !== '/') {
      const why = await page
        .locator('[role="alert"]')
        .first()
        .textContent({ timeout: 2_000 })
        .catch(() => null);
      assert.fail(
        `the login form did not lead to the overview; the page says: ${why ?? '(nothing)'}`,
      );
    }

    // The overview: health, checks, alerts and metrics.
    await page.locator('[data-testid="session-user"]', { hasText: username }).waitFor();
    const health = page.locator('[data-testid="health-status"]');
    await health.waitFor();
    assert.match((await health.textContent()) ?? '', /^(healthy|degraded|unhealthy)$/);
    assert.ok(
      (await page.locator('[data-testid="health-check-row"]').count()) > 0,
      'the daemon’s own health checks are listed',
    );
    const check = page.locator(row('check-row', 'nightly'));
    await check.waitFor();
    assert.equal(await check.getAttribute('data-state'), 'up');
    assert.equal(
      await page.locator('[data-testid="alert-counts"]').textContent(),
      'None firing or pending.',
    );
    const temp = page.locator(row('metric-row', 'web_e2e_temp'));
    await temp.waitFor();
    assert.equal(await temp.locator('[data-testid="metric-value"]').textContent(), '18.5');
    await page.locator('[data-testid="live-state"][data-state="live"]').waitFor();

    // A pushed metric appears without a reload: the page keeps its marker and never navigates.
    await page.evaluate('window.__cbSamePage = 42');
    let navigations = 0;
    page.on('framenavigated', (frame) => {
      if (frame === page.mainFrame()) navigations++;
    });
    await cliOk(home, ['monitoring', '--push', 'web_e2e_pushed=7', '--type', 'gauge']);
    // The row appears with the push; its last value once a scrape has recorded it.
    await page
      .locator(`${row('metric-row', 'web_e2e_pushed')} [data-testid="metric-value"]`, {
        hasText: /^7$/,
      })
      .waitFor({ timeout: LIVE_WAIT_MS });

    // An alert fires onto the open overview, over the stream too.
    await cliOk(home, [
      'monitoring',
      '--add-rule',
      RULE,
      '--expr',
      'web_e2e_temp > 15',
      '--severity',
      'critical',
    ]);
    const overviewAlert = page.locator('[data-testid="alert-row"][data-state="firing"]', {
      hasText: RULE,
    });
    await overviewAlert.waitFor({ timeout: LIVE_WAIT_MS });
    assert.equal(await overviewAlert.getAttribute('data-severity'), 'critical');
    assert.equal(await page.evaluate('window.__cbSamePage'), 42, 'the overview was not reloaded');
    assert.equal(navigations, 0, 'the overview was not navigated');

    // At 1280 px the health table (its detail column) and the alert's action buttons fit whole.
    const silence = '[data-testid="alert-row"] [data-testid="silence-button"]';
    assert.deepEqual(await clippedInTable(page, silence), { left: 0, right: 0, scrolls: false });
    assert.deepEqual(await clippedInTable(page, '[data-testid="health-check-row"] td.detail'), {
      left: 0,
      right: 0,
      scrolls: false,
    });
    // Screenshots of the overview at desktop and phone sizes; nothing overflows at 375 px.
    await screenshot(page, 'overview-1280x800');
    await page.setViewportSize({ width: 375, height: 812 });
    await page.waitForFunction('document.documentElement.clientWidth === 375');
    await screenshot(page, 'overview-375x812');
    const overflow = await horizontalOverflow(page);
    assert.ok(
      overflow.scrollWidth <= 375,
      `the overview is ${overflow.scrollWidth} px wide at 375 px; sticking out: ${overflow.widest.join('; ')}`,
    );
    // The alerts table scrolls on a phone, but its action column stays in view.
    const phone = await clippedInTable(page, silence);
    assert.deepEqual(phone, { left: 0, right: 0, scrolls: true });
    await page.setViewportSize({ width: 1280, height: 800 });

    // A metric's chart page: uPlot has drawn its canvas.
    await Promise.all([
      page.waitForURL(`${url}/metrics/web_e2e_temp`),
      temp.locator('[data-testid="metric-link"]').click(),
    ]);
    const canvas = page.locator('[data-testid="chart"] canvas').first();
    await canvas.waitFor();
    const box = await canvas.boundingBox();
    assert.ok(
      box !== null && box.width > 0 && box.height > 0,
      `the chart canvas has a size: ${JSON.stringify(box)}`,
    );
    // The drawing buffer too (uPlot sizes it to the box times the pixel ratio).
    const pixels = [
      Number(await canvas.getAttribute('width')),
      Number(await canvas.getAttribute('height')),
    ];
    assert.ok(
      pixels.every((n) => n > 0),
      `the canvas has pixels: ${pixels.join('×')}`,
    );
    assert.equal(await page.locator('[data-testid="series-row"]').count(), 1);

    // The alerts page: acknowledge the alert; it moves to acknowledged.
    await Promise.all([page.waitForURL(`${url}/alerts`), page.click('[data-nav="alerts"]')]);
    const firing = page.locator('[data-testid="alert-row"][data-state="firing"]', {
      hasText: RULE,
    });
    await firing.locator('[data-testid="ack-button"]').click();
    const dialog = page.locator('[data-testid="ack-dialog"]');
    await dialog.locator('[data-testid="dialog-comment"]').fill('looking at the lab heater');
    await dialog.locator('[data-testid="dialog-confirm"]').click();
    await dialog.waitFor({ state: 'detached' });
    await page.click('[data-testid="tab-acknowledged"]');
    await page
      .locator('[data-testid="alert-row"][data-state="acked"]', { hasText: RULE })
      .waitFor();
    const acked = await poll('the daemon to hold the acknowledgement', async () =>
      (await alertsOf(home)).alerts.find((a) => a.rule === RULE && a.muted === 'acked'),
    );
    assert.equal(acked.state, 'firing');
    assert.equal(acked.mutedBy !== null, true);
    await waitForAlert(home, RULE, 'firing');

    // The security page (its status and bans, and its users and sessions, from two modules).
    await Promise.all([page.waitForURL(`${url}/security`), page.click('[data-nav="security"]')]);
    await page.locator('[data-testid="security-status"] dl').waitFor();
    await page.locator(`[data-testid="user-row"][data-username="${username}"]`).waitFor();
    assert.ok((await page.locator('[data-testid="session-row"]').count()) > 0);
    assert.ok((await page.locator('[data-testid="event-row"]').count()) > 0);
    await screenshot(page, 'security-1280x800');

    const seen = await allProblems(page, problems);
    assert.deepEqual(seen, { consoleErrors: [], pageErrors: [], cspViolations: [] });
  });
});
