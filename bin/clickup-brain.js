#!/usr/bin/env node
// Launcher only: the CLI is the bundle that `npm run build` (and so `npm install`) makes.
// CommonJS (see bin/package.json), like the bundle, so Node starts it without the ES module loader.
'use strict';
try {
  require('../dist/cli/clickup-brain.cjs');
} catch (error) {
  if (error && error.code === 'MODULE_NOT_FOUND' && String(error.message).includes('clickup-brain.cjs')) {
    process.stderr.write('clickup-brain: the CLI is not built; run `npm run build` in the package folder\n');
    process.exitCode = 1;
  } else {
    throw error;
  }
}
