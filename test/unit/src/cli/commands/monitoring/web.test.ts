import assert from 'node:assert/strict';
import { PassThrough } from 'node:stream';
import { after, before, describe, it } from 'node:test';
import { CliContext, type CliDeps } from '../../../../../../src/cli/context.js';
import { shouldOpenBrowser } from '../../../../../../src/cli/commands/monitoring/web.js';
import { inProcessCli, type InProcessCli } from '../../../../../helpers/cli-in-process.js';

function deps(env: NodeJS.ProcessEnv, tty: boolean): CliDeps {
  const stdout = Object.assign(new PassThrough(), tty ? { isTTY: true } : {});
  return {
    env,
    stdout,
    stderr: new PassThrough(),
    stdin: new PassThrough(),
    daemonEntry: '/nonexistent',
    now: () => 0,
  };
}

describe('monitoring --web', () => {
  let cli: InProcessCli;
  before(async () => {
    cli = await inProcessCli(['monitoring']);
  });
  after(() => cli.cleanup());

  it('--no-open goes with --web only', async () => {
    await cli.usage(
      ['--health', '--no-open'],
      '--no-open does not apply to --health; it goes with --web',
    );
    await cli.usage(['--web', '--all'], '--all does not apply to --web; it goes with --alerts');
    await cli.usage(['--web', '--dashboard'], '--dashboard and --web cannot be used together');
  });

  it('opens a browser only on a terminal, in a graphical session, without --json or --no-open', async () => {
    const x11 = { DISPLAY: ':0' };
    assert.equal(
      shouldOpenBrowser(await CliContext.fromOptions({}, deps(x11, true)), {
        web: true,
        open: true,
      }),
      true,
    );
    assert.equal(
      shouldOpenBrowser(
        await CliContext.fromOptions({}, deps({ WAYLAND_DISPLAY: 'wayland-0' }, true)),
        { web: true },
      ),
      true,
    );
    assert.equal(
      shouldOpenBrowser(await CliContext.fromOptions({}, deps(x11, true)), {
        web: true,
        open: false,
      }),
      false,
    );
    assert.equal(
      shouldOpenBrowser(await CliContext.fromOptions({}, deps(x11, false)), { web: true }),
      false,
    );
    assert.equal(
      shouldOpenBrowser(await CliContext.fromOptions({ json: true }, deps(x11, true)), {
        web: true,
      }),
      false,
    );
    assert.equal(
      shouldOpenBrowser(await CliContext.fromOptions({}, deps({}, true)), { web: true }),
      false,
    );
  });
});
