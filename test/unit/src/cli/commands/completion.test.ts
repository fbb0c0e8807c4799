import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PassThrough } from 'node:stream';
import { after, describe, it } from 'node:test';
import { Command, CommanderError } from 'commander';
import {
  makeCompleteCommand,
  makeCompletionCommand,
  SCRIPT_FILES,
} from '../../../../../src/cli/commands/completion.js';
import type { CliDeps } from '../../../../../src/cli/context.js';

const dir = mkdtempSync(join(tmpdir(), 'cbcc-'));
after(() => rmSync(dir, { recursive: true, force: true }));
writeFileSync(join(dir, 'clickup-brain.bash'), '# the bash script\n');

function deps(): { deps: CliDeps; out: () => string } {
  const stdout = new PassThrough();
  let out = '';
  stdout.on('data', (chunk: Buffer) => (out += chunk.toString()));
  return {
    deps: {
      env: { CLICKUP_BRAIN_SOCKET: '/nonexistent/d.sock' },
      stdout,
      stderr: new PassThrough(),
      stdin: new PassThrough(),
      daemonEntry: '/nonexistent',
      now: () => 0,
    },
    out: () => out,
  };
}

/** A root program around the command, throwing instead of exiting. */
async function run(command: Command, argv: string[]): Promise<void> {
  const program = new Command('clickup-brain').option('--socket <path>').exitOverride();
  program.configureOutput({ writeErr: () => undefined, writeOut: () => undefined });
  command.exitOverride().configureOutput({ writeErr: () => undefined });
  program.addCommand(command);
  await program.parseAsync(argv, { from: 'user' });
}

describe('completion <shell>', () => {
  it('names the scripts as each shell looks them up', () => {
    assert.deepEqual(SCRIPT_FILES, {
      bash: 'clickup-brain.bash',
      zsh: '_clickup-brain',
      fish: 'clickup-brain.fish',
    });
  });

  it('prints the script file', async () => {
    const { deps: d, out } = deps();
    await run(makeCompletionCommand(d, { dir }), ['completion', 'bash']);
    assert.equal(out(), '# the bash script\n');
  });

  it('refuses another shell with exit code 2, naming the choices', async () => {
    const { deps: d } = deps();
    await assert.rejects(
      run(makeCompletionCommand(d, { dir }), ['completion', 'tcsh']),
      (error) => {
        assert.ok(error instanceof CommanderError);
        assert.equal(error.code, 'commander.invalidArgument');
        assert.equal(error.exitCode, 1);
        assert.equal(
          error.message,
          "error: command-argument value 'tcsh' is invalid for argument 'shell'. Allowed choices are bash, zsh, fish.",
        );
        return true;
      },
    );
  });

  it('says which script is missing (NOT_FOUND)', async () => {
    const { deps: d } = deps();
    await assert.rejects(run(makeCompletionCommand(d, { dir }), ['completion', 'fish']), {
      code: 'NOT_FOUND',
      message:
        'the fish completion script (completions/clickup-brain.fish) is missing from this installation',
    });
  });

  it('has install examples for each shell in its help', () => {
    const { deps: d } = deps();
    const command = makeCompletionCommand(d, { dir });
    let help = '';
    command.configureOutput({ writeOut: (text) => (help += text) });
    command.outputHelp();
    assert.match(
      help,
      /\$ clickup-brain completion bash > ~\/\.local\/share\/bash-completion\/completions\/clickup-brain\n/,
    );
    assert.match(help, /\$ echo 'source <\(clickup-brain completion bash\)' >> ~\/\.bashrc\n/);
    assert.match(
      help,
      /\$ mkdir -p ~\/\.zfunc && clickup-brain completion zsh > ~\/\.zfunc\/_clickup-brain\n/,
    );
    assert.match(
      help,
      /\$ clickup-brain completion fish > ~\/\.config\/fish\/completions\/clickup-brain\.fish\n/,
    );
  });

  it('refuses a dir that is not a string (TypeError)', () => {
    const { deps: d } = deps();
    assert.throws(() => makeCompletionCommand(d, { dir: 3 as unknown as string }), {
      name: 'TypeError',
      message: '"dir" option must be a string',
    });
  });
});

describe('__complete <kind> [prefix]', () => {
  it('prints nothing when no daemon answers (and never starts one)', async () => {
    const { deps: d, out } = deps();
    await run(makeCompleteCommand(d), ['__complete', 'rule', 'Hi']);
    await run(makeCompleteCommand(d), ['--socket', '/nonexistent/x.sock', '__complete', 'user']);
    assert.equal(out(), '');
  });
});
