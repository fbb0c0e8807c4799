import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { CliContext } from '../../../../../../src/cli/context.js';
import {
  NEEDS_TERMINAL,
  terminalIo,
  wantsColor,
} from '../../../../../../src/cli/commands/monitoring/dashboard.js';
import {
  inProcessCli,
  offlineDeps,
  type InProcessCli,
} from '../../../../../helpers/cli-in-process.js';

describe('monitoring --dashboard', () => {
  let cli: InProcessCli;
  before(async () => {
    cli = await inProcessCli(['monitoring']);
  });
  after(() => cli.cleanup());

  it('refuses when stdout is not a terminal, pointing to --json (exit 2, nothing on stdout)', async () => {
    await cli.usage(['--dashboard'], NEEDS_TERMINAL);
    assert.equal(
      NEEDS_TERMINAL,
      'the dashboard needs a terminal; use --json with --health, --alerts or --metrics for scripts',
    );
  });

  it('refuses --json too, as JSON', async () => {
    const result = await cli.run('--dashboard', '--json');
    assert.equal(result.code, 2);
    assert.equal(result.stdout, '');
    assert.deepEqual(JSON.parse(result.stderr), {
      error: { code: 'INVALID_INPUT', message: NEEDS_TERMINAL },
    });
  });

  it('takes no mode options', async () => {
    await cli.usage(
      ['--dashboard', '--all'],
      '--all does not apply to --dashboard; it goes with --alerts',
    );
    await cli.usage(
      ['--dashboard', '--health'],
      '--health and --dashboard cannot be used together',
    );
  });

  it('gives the view the terminal streams only on a terminal', async () => {
    const ctx = await CliContext.fromOptions({}, offlineDeps({ NO_COLOR: '1' }, true));
    const io = terminalIo(ctx, 'refused');
    assert.equal(io.stdout, ctx.deps.stdout);
    assert.equal(io.stdin, ctx.deps.stdin);
    const piped = await CliContext.fromOptions({}, offlineDeps({}, false));
    assert.throws(() => terminalIo(piped, 'refused'), {
      code: 'INVALID_INPUT',
      message: 'refused',
    });
  });

  it('colours follow NO_COLOR, --no-color and FORCE_COLOR', async () => {
    assert.equal(
      wantsColor(await CliContext.fromOptions({}, offlineDeps({ NO_COLOR: '1' }, true))),
      false,
    );
    assert.equal(
      wantsColor(await CliContext.fromOptions({ color: false }, offlineDeps({}, true))),
      false,
    );
    assert.equal(
      wantsColor(await CliContext.fromOptions({}, offlineDeps({ TERM: 'xterm' }, true))),
      true,
    );
    assert.equal(
      wantsColor(await CliContext.fromOptions({}, offlineDeps({ FORCE_COLOR: '1' }, false))),
      true,
    );
  });
});

describe('security live views', () => {
  let cli: InProcessCli;
  before(async () => {
    cli = await inProcessCli(['security']);
  });
  after(() => cli.cleanup());

  it('--status --watch refuses off a terminal (exit 2) and --watch belongs to --status only', async () => {
    await cli.usage(
      ['--status', '--watch'],
      'the live security view needs a terminal; use --status --json, or --events --follow for one line per event',
    );
    await cli.usage(
      ['--users', '--watch'],
      '--watch does not apply to --users; it goes with --status',
    );
  });
});
