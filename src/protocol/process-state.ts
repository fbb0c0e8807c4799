/**
 * @module Is a process there? Shared by the client (waiting for a daemon to stop) and the daemon
 * (judging a store lock), which must agree.
 */
import { readFileSync } from 'node:fs';

/** The fields of /proc/<pid>/stat after the command name (which may hold spaces and parentheses). */
function statFields(pid: number): string[] | null {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    return stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  } catch {
    return null;
  }
}

/** The kernel's start time of a process (Linux), to tell a reused pid from the original. */
export function processStartTime(pid: number): string | null {
  return statFields(pid)?.[19] ?? null;
}

/**
 * True while `pid` runs. A zombie (exited, not yet reaped by its parent) counts as gone: it holds
 * no socket and no lock, and under a PID 1 that never reaps it would otherwise look alive forever.
 */
export function processAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
  return !isZombie(pid);
}

/** True when `pid` has exited but its parent has not reaped it yet. */
export function isZombie(pid: number): boolean {
  return statFields(pid)?.[0] === 'Z';
}
