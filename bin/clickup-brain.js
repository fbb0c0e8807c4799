#!/usr/bin/env node
// Launcher only: the CLI is the bundle built by `npm run build` (run by `npm install` too).
import('../dist/cli/clickup-brain.js').catch((error) => {
  if (error?.code === 'ERR_MODULE_NOT_FOUND' && String(error.message).includes('clickup-brain.js')) {
    process.stderr.write('clickup-brain: the CLI is not built; run `npm run build` in the package folder\n');
  } else {
    process.stderr.write(`clickup-brain: ${error?.stack ?? error}\n`);
  }
  process.exitCode = 1;
});
