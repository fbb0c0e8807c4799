/**
 * @module The login page: server-rendered, no script; the form posts to /login.
 */
import { escapeHtml } from '../../html-escape.js';
import { page } from '../server/html-pages.js';

export interface LoginPageOptions {
  /** Where to go after logging in (already checked by safeNext). */
  next: string;
  /** A message for the user (a failed login, an ended session). */
  message?: string | null;
  username?: string;
}

/** The whole page. */
export function loginPage(options: LoginPageOptions): string {
  const message =
    options.message === undefined || options.message === null
      ? ''
      : `<p class="message" role="alert">${escapeHtml(options.message)}</p>\n`;
  return page(
    'Log in',
    `<h1>clickup-brain</h1>
${message}<form method="post" action="/login">
<input type="hidden" name="next" value="${escapeHtml(options.next)}">
<label for="username">Username</label>
<input id="username" name="username" type="text" autocomplete="username" autocapitalize="none" spellcheck="false" required maxlength="64" value="${escapeHtml(options.username ?? '')}" autofocus>
<label for="password">Password</label>
<input id="password" name="password" type="password" autocomplete="current-password" required maxlength="1024">
<button type="submit">Log in</button>
</form>`,
  );
}

/** The stylesheet of the login and message pages (served at /auth/login.css). */
export const LOGIN_CSS = `:root { color-scheme: light dark; --bg: #f6f7f9; --fg: #1b1f24; --card: #fff; --line: #d0d7de; --accent: #0969da; --bad: #cf222e; }
@media (prefers-color-scheme: dark) { :root { --bg: #0d1117; --fg: #e6edf3; --card: #161b22; --line: #30363d; --accent: #4493f8; --bad: #f85149; } }
* { box-sizing: border-box; }
body { margin: 0; min-height: 100vh; display: flex; align-items: center; justify-content: center; background: var(--bg); color: var(--fg); font: 16px/1.5 system-ui, -apple-system, "Segoe UI", sans-serif; }
.card { width: min(92vw, 22rem); padding: 1.5rem; background: var(--card); border: 1px solid var(--line); border-radius: 8px; }
h1 { margin: 0 0 1rem; font-size: 1.25rem; }
form { display: flex; flex-direction: column; gap: 0.5rem; }
label { font-weight: 600; font-size: 0.9rem; }
input { padding: 0.55rem 0.6rem; font: inherit; color: inherit; background: transparent; border: 1px solid var(--line); border-radius: 6px; }
input:focus { outline: 2px solid var(--accent); outline-offset: 1px; }
button { margin-top: 0.75rem; padding: 0.6rem; font: inherit; font-weight: 600; color: #fff; background: var(--accent); border: 0; border-radius: 6px; cursor: pointer; }
.message { margin: 0 0 1rem; padding: 0.5rem 0.75rem; border: 1px solid var(--bad); border-radius: 6px; color: var(--bad); }
a { color: var(--accent); }
`;
