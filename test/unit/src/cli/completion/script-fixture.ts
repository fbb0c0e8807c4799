/**
 * Test fixture for the shell script tests: a temporary folder, removed after the file's tests,
 * holding a generated script and `tool`, an executable stand-in for the program; and the skip
 * reason for a test that needs a shell the machine may lack.
 */
import { chmodSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after } from 'node:test';
import { onPath } from '../../../../helpers/system-tools.js';

export interface ScriptFixture {
  dir: string;
  /** The script's path. */
  script: string;
  /** The stand-in program's path (`<dir>/tool`). */
  fake: string;
}

/**
 * Writes `text` to `<dir>/<scriptName>` and the shell program `fakeBody` (given the folder, for
 * paths inside it) to `<dir>/tool`, executable.
 */
export function scriptFixture(
  scriptName: string,
  text: string,
  fakeBody: (dir: string) => string,
): ScriptFixture {
  const dir = mkdtempSync(join(tmpdir(), 'cbs-'));
  after(() => rmSync(dir, { recursive: true, force: true }));
  const script = join(dir, scriptName);
  writeFileSync(script, text);
  const fake = join(dir, 'tool');
  writeFileSync(fake, fakeBody(dir));
  chmodSync(fake, 0o755);
  return { dir, script, fake };
}

/** A test's `skip` option: false when `shell` is installed, else why the test is skipped. */
export function skipWithout(shell: string): false | string {
  return onPath(shell)
    ? false
    : `${shell} is not installed (CI needs the ${shell} package for this check)`;
}

/** A stand-in program that prints the arguments it was called with. */
export const ECHO_ARGS = `#!/bin/sh\nprintf '%s\\n' "$*"\n`;
