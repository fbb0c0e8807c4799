/**
 * @module The completion model flattened into the lookup tables every shell script is made of:
 * for each command path its subcommands and flags, for each option its arity and value sources,
 * for each positional argument its source. The three renderers only spell these in their shell.
 */
import { allCommands, flagName, type CompletionSpec, type ValueSource } from './spec.js';

/** An option's arity as the scripts spell it: `1`, `2`, `?` (optional value) or `+` (a list). */
export type ArityCode = '1' | '2' | '?' | '+';

export interface Described {
  word: string;
  description: string;
}

export interface Tables {
  /** The program's name (`clickup-brain`). */
  program: string;
  /** A shell identifier made from it (`_clickup_brain`). */
  fn: string;
  /** By command path (`''`, `'daemon'`): the subcommands. */
  commands: { path: string; entries: Described[] }[];
  /** By command path: the flags offered there, its own and the global ones. */
  flags: { path: string; entries: Described[] }[];
  /** `pattern|flag` → arity; the pattern is a path, or `*` for a global option. */
  arities: { path: string; flag: string; arity: ArityCode }[];
  /** The source of value `slot` (1-based) of `flag` at `path` (`*` for global options). */
  values: { path: string; flag: string; slot: number; source: ValueSource }[];
  /** The source of positional argument `index` (1-based) at `path` (`text`: offer nothing). */
  args: { path: string; index: number; source: ValueSource }[];
}

const ARITY: Record<string, ArityCode> = { one: '1', two: '2', optional: '?', list: '+' };

/** Lays the model out as tables (global options last, so a command's own option wins). */
export function completionTables(spec: CompletionSpec): Tables {
  const { root } = spec;
  const program = root.name;
  const tables: Tables = {
    program,
    fn: `_${program.replace(/[^A-Za-z0-9]/g, '_')}`,
    commands: [],
    flags: [],
    arities: [],
    values: [],
    args: [],
  };
  const globals: Described[] = root.options.map((o) => ({
    word: flagName(o),
    description: o.description,
  }));
  const globalEntries: Pick<Tables, 'arities' | 'values'> = { arities: [], values: [] };
  for (const command of allCommands(root)) {
    const path = command.path.join(' ');
    const isRoot = command === root;
    if (command.commands.length > 0) {
      tables.commands.push({
        path,
        entries: command.commands.map((c) => ({ word: c.name, description: c.description })),
      });
    }
    const own = command.options.map((o) => ({ word: flagName(o), description: o.description }));
    const seen = new Set(own.map((d) => d.word));
    tables.flags.push({
      path,
      entries: isRoot ? own : [...own, ...globals.filter((g) => !seen.has(g.word))],
    });
    const into = isRoot ? globalEntries : tables;
    const pattern = isRoot ? '*' : path;
    for (const option of command.options) {
      if (option.arity === 'none') continue;
      for (const flag of [option.long, option.short]) {
        if (flag === null) continue;
        into.arities.push({ path: pattern, flag, arity: ARITY[option.arity] as ArityCode });
        option.values.forEach((source, i) => {
          if (source.type !== 'text')
            into.values.push({ path: pattern, flag, slot: i + 1, source });
        });
      }
    }
    // Free-text arguments are listed too: at their place nothing is offered, not the flags.
    command.args.forEach((arg, i) => tables.args.push({ path, index: i + 1, source: arg.source }));
  }
  tables.arities.push(...globalEntries.arities);
  tables.values.push(...globalEntries.values);
  return tables;
}

/** Quotes text for bash or zsh (single quotes; a quote inside becomes '\''). */
export function shQuote(text: string): string {
  return `'${text.replace(/'/g, `'\\''`)}'`;
}

/** The first line of a description, shortened for a completion menu. */
export function shortDescription(text: string, max = 80): string {
  const line = (text.split('\n')[0] ?? '').trim();
  return line.length <= max ? line : `${line.slice(0, max - 1).trimEnd()}…`;
}

/** The comment lines every script starts with: which shell, generated, how to install. */
export function generatedHeader(shell: string, program: string): string {
  return `# ${shell} completion for ${program}
# Generated from the CLI's command tree by \`npm run completions\`: do not edit by hand.
# Install: \`${program} completion --help\` shows how.`;
}
