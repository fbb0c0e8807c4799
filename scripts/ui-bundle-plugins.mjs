// esbuild plugins for bundles that hold Ink: the live views' bundle (scripts/build.mjs) and the
// dashboard redraw benchmark (bench/dashboard-redraw.mjs), so the benchmark measures what ships.
import { dirname } from 'node:path';

/** react-devtools-core (Ink imports it only when DEV=true) becomes an empty module. */
const noReactDevtools = {
  name: 'no-react-devtools',
  setup(b) {
    b.onResolve({ filter: /^react-devtools-core$/ }, () => ({
      path: 'react-devtools-core',
      namespace: 'empty',
    }));
    b.onLoad({ filter: /.*/, namespace: 'empty' }, () => ({
      contents: 'export default {};',
      loader: 'js',
    }));
  },
};

/**
 * Ink's CI detection (is-in-ci: CI or CONTINUOUS_INTEGRATION set) becomes `false`. In CI mode Ink
 * draws only the last frame, at exit; these views run only on a TTY (the CLI refuses them
 * otherwise), so a person with CI=true in their shell, or a test in a CI job, must see them live.
 */
const neverInCi = {
  name: 'never-in-ci',
  setup(b) {
    b.onResolve({ filter: /^is-in-ci$/ }, () => ({ path: 'is-in-ci', namespace: 'never-in-ci' }));
    b.onLoad({ filter: /.*/, namespace: 'never-in-ci' }, () => ({
      contents: 'export default false;',
      loader: 'js',
    }));
  },
};

// Ink measures and tokenizes every line of every frame again: `widestLine` on each text node and
// the styled characters of each written line, with caches that live for one frame only. A
// dashboard frame is mostly the lines of the frame before, and the sparklines' block characters
// take string-width's slow path (grapheme segmentation and an emoji test per character), so this
// was most of a redraw's time. Both functions are pure, so their answers are kept across frames:
// by text (bounded: the map is emptied when it reaches MEMO_LIMIT), and the styled characters by
// the identity of the memoized tokens. Nothing mutates the returned arrays (checked in Ink 6.8's
// output.js and in @alcalzone/ansi-tokenize).
const MEMO_LIMIT = 20_000;
const memoSources = {
  'string-width': (real) => `
    import realStringWidth from ${JSON.stringify(real)};
    const widths = new Map();
    export default function stringWidth(text, options) {
      if (options !== undefined || typeof text !== 'string') return realStringWidth(text, options);
      let width = widths.get(text);
      if (width === undefined) {
        width = realStringWidth(text);
        if (widths.size >= ${MEMO_LIMIT}) widths.clear();
        widths.set(text, width);
      }
      return width;
    }`,
  '@alcalzone/ansi-tokenize': (real) => `
    export * from ${JSON.stringify(real)};
    import { tokenize as realTokenize, styledCharsFromTokens as realStyledChars } from ${JSON.stringify(real)};
    const tokens = new Map();
    const styled = new WeakMap();
    export function tokenize(text, endChar) {
      if (endChar !== undefined || typeof text !== 'string') return realTokenize(text, endChar);
      let result = tokens.get(text);
      if (result === undefined) {
        result = realTokenize(text);
        if (tokens.size >= ${MEMO_LIMIT}) tokens.clear();
        tokens.set(text, result);
      }
      return result;
    }
    export function styledCharsFromTokens(list) {
      let result = styled.get(list);
      if (result === undefined) {
        result = realStyledChars(list);
        styled.set(list, result);
      }
      return result;
    }`,
};

const memoizedTextMeasure = {
  name: 'memoized-text-measure',
  setup(b) {
    b.onResolve({ filter: /^(string-width|@alcalzone\/ansi-tokenize)$/ }, async (args) => {
      // The wrapper's own import of the real module resolves normally.
      if (args.pluginData === 'real') return undefined;
      // Each importer keeps the version it would have had (wrap-ansi has its own string-width).
      const real = await b.resolve(args.path, {
        resolveDir: args.resolveDir,
        kind: args.kind,
        pluginData: 'real',
      });
      if (real.errors.length > 0) return { errors: real.errors };
      return { path: real.path, namespace: 'memoized', pluginData: { name: args.path } };
    });
    b.onLoad({ filter: /.*/, namespace: 'memoized' }, (args) => ({
      contents: memoSources[args.pluginData.name](args.path),
      loader: 'js',
      resolveDir: dirname(args.path),
    }));
  },
};

/** The plugins, in the order they apply. */
export function uiBundlePlugins() {
  return [noReactDevtools, neverInCi, memoizedTextMeasure];
}
