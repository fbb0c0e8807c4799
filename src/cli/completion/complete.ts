/**
 * @module `clickup-brain __complete <kind> [prefix]`: the names the shell scripts offer for a
 * flag's value, one per line, asked of the running daemon.
 *
 * It prints nothing and exits 0 whenever it cannot answer (no daemon, a slow one, a refused
 * kind), because a shell that is completing must never show an error or wait. It loads neither
 * commander nor anything of the full program: {@link parseCompleteCall} lets the entry answer it
 * before the program is loaded.
 */
import { resolvePaths, socketPathProblem } from '../../protocol/paths.js';
import { KINDS, namesFor } from './kinds.js';
import { queryDaemon } from './query.js';

/** The hidden command's name. */
export const COMPLETE_COMMAND = '__complete';

export interface CompleteCall {
  kind: string;
  prefix: string;
  /** The `--socket` given on the command line, if any. */
  socket?: string;
}

/**
 * Reads `[--socket <path>] __complete <kind> [prefix]` (the global flags may also come after the
 * command); null when `argv` is not such a call.
 */
export function parseCompleteCall(argv: readonly string[]): CompleteCall | null {
  let socket: string | undefined;
  const words: string[] = [];
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i] as string;
    if (arg === '--socket') {
      const value = argv[++i];
      if (value === undefined) return null;
      socket = value;
    } else if (arg.startsWith('--socket=')) socket = arg.slice('--socket='.length);
    else if (arg === '--json' || arg === '--quiet' || arg === '--no-color') continue;
    else words.push(arg);
  }
  const [command, kind, prefix = '', ...rest] = words;
  if (command !== COMPLETE_COMMAND || kind === undefined || rest.length > 0) return null;
  return { kind, prefix, ...(socket === undefined ? {} : { socket }) };
}

export interface CompleteDeps {
  env: Record<string, string | undefined>;
  write: (text: string) => void;
}

/** Answers one call; always resolves with exit code 0. */
export async function runComplete(call: CompleteCall, deps: CompleteDeps): Promise<number> {
  const query = Object.hasOwn(KINDS, call.kind) ? KINDS[call.kind] : undefined;
  if (query === undefined) return 0;
  const { socketPath } = resolvePaths(deps.env, call.socket);
  if (socketPathProblem(socketPath) !== null) return 0;
  const result = await queryDaemon({ socketPath, method: query.method, params: query.params });
  if (result === undefined) return 0;
  const names = namesFor(query, result, call.prefix);
  if (names.length > 0) deps.write(`${names.join('\n')}\n`);
  return 0;
}
