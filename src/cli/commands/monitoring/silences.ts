/**
 * @module `monitoring --silence <matcher>... --for --comment`, `--silences` and `--unsilence`.
 */
import type { Command } from 'commander';
import type { SilenceInfo } from '../../../protocol/schemas.js';
import type { CliContext } from '../../context.js';
import { relative } from '../../format.js';
import type { Colors } from '../../output.js';
import { shortId, shortIso } from '../../render/values.js';
import { renderTable } from '../../table.js';
import { atLeast, type MonitoringOptions } from './modes.js';

/** Registers --silence, --silences and --unsilence. */
export function addSilencesOptions(command: Command): Command {
  return command
    .option('--silence <matcher...>', 'mute the alerts whose labels match every matcher (name=value, name!=value, name=~regex, name!~regex); needs --for and --comment')
    .option('--silences', 'the silences: matchers, state, end, author and comment')
    .option('--unsilence <id>', 'end a silence now (the id or its first characters)');
}

function silenceState(s: SilenceInfo, now: number, c: Colors): string {
  if (Date.parse(s.endsAt) <= now) return c.dim('expired');
  return Date.parse(s.startsAt) > now ? c.yellow('pending') : c.green('active');
}

export function renderSilences(silences: readonly SilenceInfo[], now: number, c: Colors): string {
  if (silences.length === 0) return 'No silences.';
  const rows = silences.map((s) => [
    shortId(s.id),
    s.matchers.join(', '),
    silenceState(s, now, c),
    `${relative(s.endsAt, now)} (${shortIso(s.endsAt)})`,
    s.createdBy,
    s.comment,
  ]);
  return renderTable(['ID', 'MATCHERS', 'STATE', 'ENDS', 'BY', 'COMMENT'], rows);
}

/** `--silence <matcher>... --for <duration> --comment <text>`. */
export async function runSilence(ctx: CliContext, o: MonitoringOptions): Promise<void> {
  atLeast(o.for, 1000, '--for', '1s');
  const result = await (await ctx.client()).request('monitoring.silences.add', {
    matchers: o.silence as string[],
    durationMs: o.for as number,
    comment: o.comment as string,
  });
  const { silence } = result;
  ctx.out.data(result, () => `Silenced ${silence.matchers.join(', ')} until ${shortIso(silence.endsAt)} (id ${shortId(silence.id)})`);
}

/** `--silences`. */
export async function runSilences(ctx: CliContext): Promise<void> {
  const result = await (await ctx.client()).request('monitoring.silences.list', {});
  ctx.out.data(result, () => renderSilences(result.silences, ctx.deps.now(), ctx.out.color));
}

/** `--unsilence <id>`. */
export async function runUnsilence(ctx: CliContext, o: MonitoringOptions): Promise<void> {
  const result = await (await ctx.client()).request('monitoring.silences.remove', { id: o.unsilence as string });
  ctx.out.data(result, () => `Removed silence ${shortId(result.silence.id)} (${result.silence.matchers.join(', ')})`);
}
