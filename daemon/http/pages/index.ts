/**
 * @module The dashboard's page routes: each app path serves index.html (the app then draws the
 * view the path names), /status serves the public status page when it is switched on, and
 * /assets/... serves the app's files and uPlot.
 *
 * Page paths need a session (kind 'page': the server sends a visitor without one to /login);
 * assets and the status page need none. The route patterns take `:name` segments only, so assets
 * are matched one, two and three segments deep — enough for css/app.css, js/views/x.js and
 * vendor/uPlot.min.css; every asset path is still checked by resolveAssetPath.
 */
import { NotFoundError } from '../../../src/protocol/errors.js';
import type { HttpRequestContext, HttpResult, HttpRoute } from '../types.js';
import { AssetStore } from './asset-store.js';
import { publicDir, vendorFiles } from './locations.js';
import { staticResult } from './static-result.js';

export interface PageRoutesOptions {
  /**
   * Whether the public status page is on (the `http.statusPage` setting), read per request. When
   * not given, the route reads the key through `config.get` (as the status API does); a failure to
   * read it counts as off, so the public page fails closed.
   */
  statusPage?: () => boolean;
  /** The app's folder; default: daemon/http/public next to this module (tests point it elsewhere). */
  root?: string;
  /** Files served under /assets/ from outside the root; default: uPlot's two files under vendor/. */
  extra?: Readonly<Record<string, string>>;
}

/** The app's paths and the permission each needs. */
export const APP_PAGES: ReadonlyArray<{ path: string; permission: string }> = Object.freeze([
  { path: '/', permission: 'monitoring.read' },
  { path: '/metrics/:name', permission: 'monitoring.read' },
  { path: '/checks/:name', permission: 'monitoring.read' },
  { path: '/alerts', permission: 'monitoring.read' },
  { path: '/rules', permission: 'monitoring.read' },
  { path: '/security', permission: 'security.read' },
]);

const ASSET_PATTERNS = ['/assets/:a', '/assets/:a/:b', '/assets/:a/:b/:c'];

/** The page routes; see the module comment. */
export function pageRoutes(options: PageRoutesOptions = {}): HttpRoute[] {
  if (options.statusPage !== undefined && typeof options.statusPage !== 'function')
    throw new TypeError('statusPage must be a function returning a boolean');
  if (options.root !== undefined && typeof options.root !== 'string')
    throw new TypeError('root must be a string');
  const given = options.statusPage;
  async function statusPageOn(ctx: HttpRequestContext): Promise<boolean> {
    if (given !== undefined) return given();
    try {
      const entry = await ctx.call('config.get', { key: 'http.statusPage' });
      return entry.value === 'on' || entry.value === true;
    } catch {
      return false;
    }
  }
  const store = new AssetStore({
    root: options.root ?? publicDir(),
    extra: options.extra ?? vendorFiles(),
  });

  /** A loaded file is answered at once; the first request for one waits for its load. */
  function serve(relative: string, ctx: HttpRequestContext): HttpResult | Promise<HttpResult> {
    const loaded = store.loaded(relative);
    if (loaded !== undefined) return staticResult(loaded, ctx.headers['if-none-match']);
    return store.get(relative).then((asset) => {
      if (asset === null) throw new NotFoundError(`no such file: /assets/${relative}`);
      return staticResult(asset, ctx.headers['if-none-match']);
    });
  }

  const pages: HttpRoute[] = APP_PAGES.map(({ path, permission }) => ({
    method: 'GET',
    path,
    permission,
    kind: 'page',
    handle: (ctx) => serve('index.html', ctx),
  }));
  const status: HttpRoute = {
    method: 'GET',
    path: '/status',
    permission: null,
    kind: 'page',
    handle: async (ctx) => {
      if (!(await statusPageOn(ctx))) throw new NotFoundError('the status page is not enabled');
      return serve('status.html', ctx);
    },
  };
  // Browsers ask for /favicon.ico on pages without an icon link (the login page): answer with
  // the SVG icon rather than a 404 that shows up as a console error.
  const favicon: HttpRoute = {
    method: 'GET',
    path: '/favicon.ico',
    permission: null,
    kind: 'page',
    handle: (ctx) => serve('favicon.svg', ctx),
  };
  const assets: HttpRoute[] = ASSET_PATTERNS.map((path) => ({
    method: 'GET',
    path,
    permission: null,
    kind: 'page',
    handle: (ctx) => {
      const parts = [ctx.params['a'], ctx.params['b'], ctx.params['c']].filter(
        (p) => p !== undefined,
      );
      return serve(parts.join('/'), ctx);
    },
  }));
  return [...pages, status, favicon, ...assets];
}
