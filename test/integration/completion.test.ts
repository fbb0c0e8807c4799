/**
 * Shell completion through the real binary: `completion <shell>` prints the committed scripts,
 * they parse, and bash completes subcommands, flags, fixed choices and — from a real daemon —
 * names, offering nothing (and starting nothing) when the daemon is stopped.
 */
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { readFileSync, writeFileSync, chmodSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { bashCompletions } from '../helpers/bash-completion.js';
import { exists, waitFor } from '../helpers/integration.js';
import { repoRoot, cliBin, tempHome, type TestHome } from '../helpers/home.js';
import { onPath } from '../helpers/system-tools.js';

const SCRIPTS = { bash: 'clickup-brain.bash', zsh: '_clickup-brain', fish: 'clickup-brain.fish' };

describe('completion', () => {
  let home: TestHome;
  let env: NodeJS.ProcessEnv;
  let script: string;

  before(async () => {
    home = await tempHome();
    // `clickup-brain` on the PATH, as the scripts call it by the typed name.
    const bin = join(home.dir, 'bin');
    mkdirSync(bin);
    writeFileSync(
      join(bin, 'clickup-brain'),
      `#!/bin/sh\nexec '${process.execPath}' '${cliBin}' "$@"\n`,
    );
    chmodSync(join(bin, 'clickup-brain'), 0o755);
    env = { ...home.env, PATH: `${bin}:${process.env['PATH'] ?? ''}` };
    script = join(home.dir, 'clickup-brain.bash');
  });
  after(() => home.cleanup());

  /** COMPREPLY of the bash script (printed by the binary) for the words after the program name. */
  function bashComplete(...words: string[]): string[] {
    return bashCompletions(script, '_clickup_brain', ['clickup-brain', ...words], env);
  }

  for (const [shell, file] of Object.entries(SCRIPTS)) {
    it(`completion ${shell} prints completions/${file}`, async () => {
      const result = await home.cli(['completion', shell]);
      assert.equal(result.code, 0, result.stderr);
      assert.ok(result.stdout === readFileSync(join(repoRoot, 'completions', file), 'utf8'));
      assert.equal(result.stderr, '');
      if (shell === 'bash') writeFileSync(script, result.stdout);
    });
  }

  it('completion with another shell exits 2 naming the choices', async () => {
    assert.deepEqual(await home.cli(['completion', 'tcsh']), {
      code: 2,
      stdout: '',
      stderr:
        "error: command-argument value 'tcsh' is invalid for argument 'shell'. Allowed choices are bash, zsh, fish.\n",
    });
  });

  it('the bash script parses', () => {
    execFileSync('bash', ['-n', script]);
  });

  it(
    'the zsh script parses',
    { skip: onPath('zsh') ? false : 'zsh is not installed (apt package zsh)' },
    () => {
      execFileSync('zsh', ['-n', join(repoRoot, 'completions', SCRIPTS.zsh)]);
    },
  );

  it(
    'the fish script parses',
    { skip: onPath('fish') ? false : 'fish is not installed (apt package fish)' },
    () => {
      execFileSync('fish', ['--no-execute', join(repoRoot, 'completions', SCRIPTS.fish)]);
    },
  );

  it('__complete without a daemon prints nothing, exits 0 and starts none', async () => {
    assert.deepEqual(await home.cli(['__complete', 'rule']), { code: 0, stdout: '', stderr: '' });
    assert.deepEqual(bashComplete('monitoring', '--remove-rule', ''), []);
    assert.equal(await exists(home.paths.socketPath), false);
    assert.equal(await home.daemonPid(), null);
  });

  it('bash completes subcommands, flags and fixed choices', () => {
    assert.deepEqual(bashComplete('mon'), ['monitoring']);
    assert.deepEqual(bashComplete('daemon', 'st'), ['start', 'stop', 'status']);
    assert.deepEqual(bashComplete('monitoring', '--remove-r'), ['--remove-rule', '--remove-route']);
    assert.deepEqual(bashComplete('monitoring', '--add-rule', 'X', '--severity', 'c'), [
      'critical',
    ]);
    assert.deepEqual(bashComplete('monitoring', '--add-check', 'x', '--type', 'h'), [
      'http',
      'heartbeat',
    ]);
    assert.deepEqual(bashComplete('config', 'get', 'monitoring.r'), ['monitoring.retention']);
    assert.deepEqual(bashComplete('completion', ''), ['bash', 'zsh', 'fish']);
  });

  it('bash completes names from the running daemon, and none once it is stopped', async () => {
    const started = await home.cli(['daemon', 'start']);
    assert.equal(started.code, 0, started.stderr);
    for (const args of [
      ['monitoring', '--add-rule', 'HighQueue', '--expr', 'queue_depth > 100'],
      ['monitoring', '--add-rule', 'HighCpu', '--expr', 'cpu > 90'],
      ['monitoring', '--add-rule', 'DiskFull', '--expr', 'disk > 95'],
      ['monitoring', '--add-channel', 'ops-log', '--type', 'log'],
    ]) {
      const result = await home.cli(args);
      assert.equal(result.code, 0, result.stderr);
    }
    // The query has a 200 ms budget; on a loaded machine one attempt may run out, so retry a few.
    const rules = await waitFor('rule names', () => {
      const names = bashComplete('monitoring', '--remove-rule', 'High');
      return names.length > 0 ? names : undefined;
    });
    assert.deepEqual(rules, ['HighCpu', 'HighQueue']);
    const channels = await waitFor('channel names', () => {
      const names = bashComplete('monitoring', '--test-channel', '');
      return names.length > 0 ? names : undefined;
    });
    assert.deepEqual(channels, ['ops-log']);

    const stopped = await home.cli(['daemon', 'stop']);
    assert.equal(stopped.code, 0, stopped.stderr);
    assert.deepEqual(bashComplete('monitoring', '--remove-rule', ''), []);
    assert.deepEqual(await home.cli(['__complete', 'rule']), { code: 0, stdout: '', stderr: '' });
    assert.equal(await exists(home.paths.socketPath), false);
  });
});
