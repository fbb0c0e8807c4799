/**
 * @module Bench helper: what a benchmark file does when it is run directly (`node bench/x.mjs`)
 * rather than imported by bench/run.mjs — print its readable report, or the failure and exit 1.
 */
import { resolve } from 'node:path';
import { pathToFileURL } from 'node:url';

/**
 * When the module at `moduleUrl` is the program node was started with, prints `report(await
 * run())`; a failure prints its message (its stack with `{ stack: true }`) and sets exit code 1.
 * Does nothing when the module is imported.
 * @example await runWhenMain(import.meta.url, run, report);
 */
export async function runWhenMain(moduleUrl, run, report, { stack = false } = {}) {
  if (process.argv[1] === undefined || pathToFileURL(resolve(process.argv[1])).href !== moduleUrl)
    return;
  try {
    console.log(report(await run()));
  } catch (error) {
    console.error((stack ? error?.stack : error?.message) ?? error);
    process.exitCode = 1;
  }
}
