/**
 * @module Test helper for the browser e2e tests: Debian's Chromium driven by playwright-core
 * (never a downloaded browser), in a fresh profile folder that is removed afterwards, and a watch
 * on each page that records console errors, uncaught exceptions and Content-Security-Policy
 * violations so that a test can assert there were none.
 */
import { existsSync } from 'node:fs';
import { mkdir, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium, type BrowserContext, type Page } from 'playwright-core';
import { repoRoot } from './home.js';

/** Debian's chromium (CI installs the package; see `.ci/run`). */
export const CHROMIUM = '/usr/bin/chromium';

/** Where screenshots and other browser artefacts go (ignored by git). */
export const ARTIFACT_DIR = join(repoRoot, 'test-artifacts', 'web');

/** Why the browser tests cannot run here, or null when they can. */
export function chromiumMissing(): string | null {
  return existsSync(CHROMIUM)
    ? null
    : `${CHROMIUM} is absent: install Debian's chromium (apt-get install -y chromium) to run the browser tests`;
}

/**
 * Flags for a quiet, self-contained headless run: no sandbox (containers have no user
 * namespaces), no GPU, and none of the background traffic (updates, sync, QUIC probes) that would
 * reach out of the test machine. Playwright adds --headless itself.
 */
const CHROMIUM_ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

export interface Browser {
  context: BrowserContext;
  /** Closes the browser and removes its profile folder. */
  close(): Promise<void>;
}

/**
 * Launches Chromium with a fresh profile (its own --user-data-dir under the temp folder).
 *
 * @param viewport the first page's size in CSS pixels (default 1280×800).
 */
export async function launchBrowser(
  viewport: { width: number; height: number } = { width: 1280, height: 800 },
): Promise<Browser> {
  const profile = await mkdtemp(join(tmpdir(), 'cb-chromium-'));
  let context: BrowserContext;
  try {
    context = await chromium.launchPersistentContext(profile, {
      executablePath: CHROMIUM,
      headless: true,
      args: CHROMIUM_ARGS,
      viewport,
      // Light scheme: the screenshots are compared by people, one scheme keeps them alike.
      colorScheme: 'light',
      timeout: 30_000,
    });
  } catch (error) {
    await rm(profile, { recursive: true, force: true });
    throw error;
  }
  return {
    context,
    close: async () => {
      await context.close().catch(() => {});
      await rm(profile, { recursive: true, force: true });
    },
  };
}

/** What went wrong on a page while it was watched. */
export interface PageProblems {
  /** console.error messages, with where they came from. */
  consoleErrors: string[];
  /** Uncaught exceptions and unhandled rejections. */
  pageErrors: string[];
  /** CSP violations: from `securitypolicyviolation` events and from Chromium's console reports. */
  cspViolations: string[];
}

/*
 * The browser-side code below is passed as source text: the project compiles without the DOM
 * library (it is a Node program), and adding it for these few lines would retype every timer.
 */
const RECORD_CSP = `window.__cspViolations = [];
document.addEventListener('securitypolicyviolation', (event) => {
  window.__cspViolations.push(
    event.violatedDirective + ' blocked ' + (event.blockedURI || '(inline)') + ' at ' + event.sourceFile + ':' + event.lineNumber,
  );
});`;

const OVERFLOW = `(() => {
  const width = document.documentElement.clientWidth;
  const widest = [...document.querySelectorAll('body *')]
    .filter((e) => e.getBoundingClientRect().right > width + 0.5)
    .slice(0, 5)
    .map((e) => e.tagName.toLowerCase() + (e.id === '' ? '' : '#' + e.id) + '.' + [...e.classList].join('.') + ' right=' + Math.round(e.getBoundingClientRect().right));
  return { scrollWidth: document.documentElement.scrollWidth, clientWidth: width, widest };
})()`;

/**
 * Records everything the page reports that a test should fail on. The CSP listener is an init
 * script: it runs before any of the page's own scripts, in every document the page loads.
 */
export async function watchPage(page: Page): Promise<PageProblems> {
  const problems: PageProblems = { consoleErrors: [], pageErrors: [], cspViolations: [] };
  await page.addInitScript({ content: RECORD_CSP });
  page.on('console', (message) => {
    const text = message.text();
    if (/Content[- ]Security[- ]Policy/i.test(text)) problems.cspViolations.push(text);
    else if (message.type() === 'error') {
      const at = message.location();
      problems.consoleErrors.push(`${text} (${at.url}:${at.lineNumber})`);
    }
  });
  page.on('pageerror', (error) => problems.pageErrors.push(error.stack ?? error.message));
  return problems;
}

/** The CSP violations the current document has seen (they are lost when it navigates away). */
export async function documentCspViolations(page: Page): Promise<string[]> {
  return page.evaluate<string[]>('window.__cspViolations ?? []');
}

/** Saves a full-page screenshot as test-artifacts/web/<name>.png; resolves with its path. */
export async function screenshot(page: Page, name: string): Promise<string> {
  await mkdir(ARTIFACT_DIR, { recursive: true });
  const path = join(ARTIFACT_DIR, `${name}.png`);
  await page.screenshot({ path, fullPage: true });
  return path;
}

/** The document's width against the viewport's, with the elements that stick out (for the message). */
export interface Overflow {
  scrollWidth: number;
  clientWidth: number;
  widest: string[];
}

/** Measures horizontal overflow: nothing overflows when scrollWidth <= the viewport width. */
export function horizontalOverflow(page: Page): Promise<Overflow> {
  return page.evaluate<Overflow>(OVERFLOW);
}
