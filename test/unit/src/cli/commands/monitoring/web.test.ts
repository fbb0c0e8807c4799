import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { CliContext } from '../../../../../../src/cli/context.js';
import { shouldOpenBrowser } from '../../../../../../src/cli/commands/monitoring/web.js';
import {
  inProcessCli,
  offlineDeps,
  type InProcessCli,
} from '../../../../../helpers/cli-in-process.js';

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
      shouldOpenBrowser(await CliContext.fromOptions({}, offlineDeps(x11, true)), {
        web: true,
        open: true,
      }),
      true,
    );
    assert.equal(
      shouldOpenBrowser(
        await CliContext.fromOptions({}, offlineDeps({ WAYLAND_DISPLAY: 'wayland-0' }, true)),
        { web: true },
      ),
      true,
    );
    assert.equal(
      shouldOpenBrowser(await CliContext.fromOptions({}, offlineDeps(x11, true)), {
        web: true,
        open: false,
      }),
      false,
    );
    assert.equal(
      shouldOpenBrowser(await CliContext.fromOptions({}, offlineDeps(x11, false)), { web: true }),
      false,
    );
    assert.equal(
      shouldOpenBrowser(await CliContext.fromOptions({ json: true }, offlineDeps(x11, true)), {
        web: true,
      }),
      false,
    );
    assert.equal(
      shouldOpenBrowser(await CliContext.fromOptions({}, offlineDeps({}, true)), { web: true }),
      false,
    );
  });
});
