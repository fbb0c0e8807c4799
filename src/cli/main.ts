/**
 * @module The CLI process entry (bundled to dist/cli/clickup-brain.js). The only place that ends
 * the process.
 */
import { fileURLToPath } from 'node:url';
import { runCli } from './run.js';

const code = await runCli(process.argv.slice(2), {
  env: process.env,
  stdout: process.stdout,
  stderr: process.stderr,
  stdin: process.stdin,
  daemonEntry: fileURLToPath(new URL('../daemon/main.js', import.meta.url)),
  now: () => Date.now(),
});
process.exitCode = code;
