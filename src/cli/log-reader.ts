/**
 * @module Reading the daemon's log files for `daemon logs` (no daemon needed).
 *
 * pino-roll writes `daemon.N.log` (N grows with each rotation) and keeps `current.log` pointing
 * at the newest. Lines are pino JSON; people get `time LEVEL message key=value`.
 */
import { open, readdir, readFile, realpath, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';

const levels: Record<number, string> = { 10: 'TRACE', 20: 'DEBUG', 30: 'INFO', 40: 'WARN', 50: 'ERROR', 60: 'FATAL' };

/** Log files oldest first. */
export async function logFiles(logDir: string): Promise<string[]> {
  const names = await readdir(logDir).catch(() => [] as string[]);
  return names
    .map((name) => ({ name, n: /^daemon\.(\d+)\.log$/.exec(name)?.[1] }))
    .filter((f): f is { name: string; n: string } => f.n !== undefined)
    .sort((a, b) => Number(a.n) - Number(b.n))
    .map((f) => join(logDir, f.name));
}

/** The last `count` lines across the files, oldest first. */
export async function lastLines(logDir: string, count: number): Promise<string[]> {
  const files = await logFiles(logDir);
  const out: string[] = [];
  for (let i = files.length - 1; i >= 0 && out.length < count; i--) {
    const lines = (await readFile(files[i] as string, 'utf8')).split('\n').filter((l) => l !== '');
    out.unshift(...lines.slice(Math.max(0, lines.length - (count - out.length))));
  }
  return out;
}

/** One pino line for people; lines that are not pino JSON pass through unchanged. */
export function formatLine(line: string): string {
  let parsed: unknown;
  try {
    parsed = JSON.parse(line);
  } catch {
    return line;
  }
  if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) return line;
  const record = parsed as Record<string, unknown>;
  const { time, level, msg, pid: _pid, hostname: _host, err, ...rest } = record;
  const when = typeof time === 'number' ? new Date(time).toISOString() : String(time ?? '');
  const extra = Object.entries(rest).map(([k, v]) => `${k}=${typeof v === 'string' ? v : JSON.stringify(v)}`);
  const error = err !== undefined && typeof err === 'object' && err !== null ? ` error=${JSON.stringify((err as { message?: unknown }).message ?? err)}` : '';
  return `${when} ${(levels[level as number] ?? String(level)).padEnd(5)} ${String(msg ?? '')}${extra.length > 0 ? ` ${extra.join(' ')}` : ''}${error}`;
}

/**
 * Calls `onLine` for each line appended to the current log, following rotations, until `signal`
 * aborts.
 */
export async function follow(logDir: string, onLine: (line: string) => void, signal: AbortSignal): Promise<void> {
  let file = await realpath(join(logDir, 'current.log')).catch(() => null);
  let position = file === null ? 0 : (await stat(file)).size;
  let partial = '';
  while (!signal.aborted) {
    const now = await realpath(join(logDir, 'current.log')).catch(() => null);
    if (now !== file) {
      file = now;
      position = 0;
      partial = '';
    }
    if (file !== null) {
      const size = (await stat(file).catch(() => null))?.size ?? 0;
      if (size < position) position = 0;
      if (size > position) {
        const handle = await open(file, 'r');
        const buffer = Buffer.alloc(size - position);
        await handle.read(buffer, 0, buffer.length, position);
        await handle.close();
        position = size;
        const text = partial + buffer.toString('utf8');
        const lines = text.split('\n');
        partial = lines.pop() ?? '';
        for (const line of lines) if (line !== '') onLine(line);
      }
    }
    await sleep(200, undefined, { signal }).catch(() => undefined);
  }
}
