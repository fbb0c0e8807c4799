/**
 * @module Where the dashboard's files are: the browser app's folder and uPlot's distribution.
 *
 * Both are found relative to this module, so the same code works from the sources (run through
 * tsx: daemon/http/public/), from the build (dist/daemon/http/public/, copied there by
 * scripts/build.mjs) and from an npm-installed package; uPlot is resolved the way Node resolves
 * the package for this module, wherever npm put it.
 */
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

/** The folder holding index.html, status.html, css/ and js/. */
export function publicDir(): string {
  return fileURLToPath(new URL('../public/', import.meta.url)).replace(/[\\/]$/, '');
}

/** The asset paths under /assets/vendor/ and the uPlot files they serve. */
export function vendorFiles(): Record<string, string> {
  const dist = join(dirname(createRequire(import.meta.url).resolve('uplot/package.json')), 'dist');
  return {
    'vendor/uPlot.iife.min.js': join(dist, 'uPlot.iife.min.js'),
    'vendor/uPlot.min.css': join(dist, 'uPlot.min.css'),
  };
}
