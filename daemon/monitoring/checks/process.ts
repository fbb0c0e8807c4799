/**
 * @module The process check: is the process in a pid file alive, or is any process of a given name running?
 *
 * Names are looked up in /proc (Linux): `comm` (the kernel's name, cut to 15 characters) or the
 * first word of `cmdline` (full path or its last part), so `name:nginx` finds `/usr/sbin/nginx`.
 */
import { readFile as fsReadFile, readdir as fsReaddir } from 'node:fs/promises';
import { basename } from 'node:path';
import type { ProcessCheckDefinition } from './definition.js';
import { errorCode, errorText, monotonic, since, type Probe, type ProbeResult, type Timer } from './probe.js';

export interface ProcessProbeDeps {
  readFile?: (path: string) => Promise<string>;
  readdir?: (path: string) => Promise<string[]>;
  /** Signal 0 probes for a pid without touching it (default process.kill). */
  kill?: (pid: number, signal: 0) => void;
  /** Where proc is mounted (default /proc). */
  procRoot?: string;
  timer?: Timer;
}

interface Io {
  readFile: (path: string) => Promise<string>;
  readdir: (path: string) => Promise<string[]>;
  kill: (pid: number, signal: 0) => void;
  proc: string;
}

/** True when /proc says `pid` is a zombie: it has exited and only waits to be reaped. */
async function isZombie(io: Io, pid: number): Promise<boolean> {
  try {
    const stat = await io.readFile(`${io.proc}/${pid}/stat`);
    // The state follows the name in parentheses; the name itself may hold spaces and ')'.
    return stat.slice(stat.lastIndexOf(')') + 2, stat.lastIndexOf(')') + 3) === 'Z';
  } catch {
    return false;
  }
}

async function alive(io: Io, pid: number): Promise<boolean> {
  try {
    io.kill(pid, 0);
  } catch (error) {
    // EPERM: it exists but belongs to someone else, which is still running.
    if (errorCode(error) !== 'EPERM') return false;
  }
  return !(await isZombie(io, pid));
}

async function byPidFile(io: Io, path: string): Promise<{ ok: boolean; detail: string }> {
  let text: string;
  try {
    text = (await io.readFile(path)).trim();
  } catch (error) {
    return { ok: false, detail: `cannot read pid file ${path}: ${errorText(error)}` };
  }
  if (!/^\d{1,10}$/.test(text) || Number(text) < 1) {
    return { ok: false, detail: `pid file ${path} holds no pid (content: '${text.slice(0, 20)}')` };
  }
  const pid = Number(text);
  return (await alive(io, pid))
    ? { ok: true, detail: `pid ${pid} from ${path} is running` }
    : { ok: false, detail: `pid ${pid} from ${path} is not running` };
}

async function matches(io: Io, pid: string, name: string): Promise<boolean> {
  try {
    const comm = (await io.readFile(`${io.proc}/${pid}/comm`)).trim();
    if (comm === name) return true;
    const argv0 = (await io.readFile(`${io.proc}/${pid}/cmdline`)).split('\0')[0] ?? '';
    return argv0 !== '' && (argv0 === name || basename(argv0) === name);
  } catch {
    return false; // it exited while we looked
  }
}

/** The pids of running processes named `name`, in ascending order. */
async function findProcesses(io: Io, name: string): Promise<number[]> {
  const entries = (await io.readdir(io.proc)).filter((entry) => /^\d+$/.test(entry));
  const found: number[] = [];
  // In batches: a busy host has thousands of processes, and one open file each at once hits EMFILE.
  for (let i = 0; i < entries.length; i += 64) {
    const batch = entries.slice(i, i + 64);
    const hits = await Promise.all(batch.map(async (pid) => (await matches(io, pid, name)) && !(await isZombie(io, Number(pid)))));
    for (const [j, pid] of batch.entries()) if (hits[j] === true) found.push(Number(pid));
  }
  return found.sort((a, b) => a - b);
}

async function byName(io: Io, name: string): Promise<{ ok: boolean; detail: string }> {
  let pids: number[];
  try {
    pids = await findProcesses(io, name);
  } catch (error) {
    const why = errorCode(error) === 'ENOENT' ? `${io.proc} is not available (looking up by name needs Linux)` : errorText(error);
    return { ok: false, detail: `cannot list processes: ${why}` };
  }
  if (pids.length === 0) return { ok: false, detail: `no process named '${name}' is running` };
  const shown = pids.length > 5 ? `${pids.slice(0, 5).join(', ')}, …` : pids.join(', ');
  return { ok: true, detail: `${pids.length} process${pids.length === 1 ? '' : 'es'} named '${name}' (pid ${shown})` };
}

/** Builds the process check for `def`. */
export function processProbe(def: ProcessCheckDefinition, deps: ProcessProbeDeps = {}): Probe {
  const io: Io = {
    readFile: deps.readFile ?? ((path) => fsReadFile(path, 'utf8')),
    readdir: deps.readdir ?? ((path) => fsReaddir(path)),
    kill: deps.kill ?? ((pid, sig) => void process.kill(pid, sig)),
    proc: deps.procRoot ?? '/proc',
  };
  const timer = deps.timer ?? monotonic;
  return {
    async run(): Promise<ProbeResult> {
      const started = timer();
      const outcome = def.target.startsWith('name:') ? await byName(io, def.target.slice('name:'.length)) : await byPidFile(io, def.target);
      return { ...outcome, latencyMs: since(timer, started) };
    },
  };
}
