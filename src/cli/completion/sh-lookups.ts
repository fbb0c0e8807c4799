/**
 * @module The lookup functions the bash and zsh scripts share: one `case` statement per table
 * (subcommands, flags, arities, option values, positional arguments), keyed by `path|…` words.
 * The two shells write them alike but for a `case` arm's opening parenthesis, how a list of
 * words is given to the menu, and how a value source is completed; {@link ShSpelling} says how.
 */
import type { PlainSource, ValueSource } from './spec.js';
import { shQuote, type Described, type Tables } from './tables.js';

/** What the bash and zsh scripts spell differently in the lookup functions. */
export interface ShSpelling {
  /** Whether a `case` arm opens with `(` (zsh's form; bash writes `pattern)` alone). */
  openArms: boolean;
  /** How the command and flag lists are held in `reply`, for the comments ('' or ', as …'). */
  listedAs: string;
  /** The `reply=(…)` that sets a command or flag list. */
  entries(entries: Described[]): string;
  /** The command that completes a plain value source. */
  plain(source: PlainSource): string;
  /** The test that `flag` was typed before (for a `when` source). */
  seen(flag: string): string;
}

/** A `case` over `$1` with one arm per entry and a default arm. */
function caseOf(
  spell: ShSpelling,
  arms: [pattern: string, body: string][],
  otherwise: string,
): string {
  const open = spell.openArms ? '(' : '';
  const lines = arms.map(([pattern, body]) => `    ${open}${pattern}) ${body} ;;`);
  return `  case $1 in\n${lines.join('\n')}\n    ${open}*) ${otherwise} ;;\n  esac`;
}

/** A `path|…` key as a pattern: a `*` path stays a wildcard; everything else is quoted. */
function pattern(path: string, ...rest: (string | number)[]): string {
  const tail = `|${rest.join('|')}`;
  return path === '*' ? `*${shQuote(tail)}` : shQuote(`${path}${tail}`);
}

/** The command that completes `source`: a `when` source is an if/elif chain on the flags seen. */
function sourceCode(spell: ShSpelling, source: ValueSource): string {
  if (source.type !== 'when') return spell.plain(source);
  const branches = source.cases.map(
    (c, i) => `${i === 0 ? 'if' : 'elif'} ${spell.seen(c.flag)}; then ${spell.plain(c.source)}`,
  );
  return `${branches.join('; ')}; else ${spell.plain(source.otherwise)}; fi`;
}

/** The five lookup functions, commented, as the bash and zsh scripts hold them. */
export function shLookupFunctions(t: Tables, spell: ShSpelling): string {
  const f = t.fn;
  const commands = caseOf(
    spell,
    t.commands.map((c) => [shQuote(c.path), spell.entries(c.entries)]),
    'reply=()',
  );
  const flags = caseOf(
    spell,
    t.flags.map((c) => [shQuote(c.path), spell.entries(c.entries)]),
    'reply=()',
  );
  const arities = caseOf(
    spell,
    t.arities.map((a) => [pattern(a.path, a.flag), `REPLY=${shQuote(a.arity)}`]),
    'REPLY=0',
  );
  const values = caseOf(
    spell,
    t.values.map((v) => [pattern(v.path, v.flag, v.slot), sourceCode(spell, v.source)]),
    ':',
  );
  const args = caseOf(
    spell,
    t.args.map((a) => [pattern(a.path, a.index), sourceCode(spell, a.source)]),
    'return 1',
  );
  return `# The subcommands of a command path ('' is the top)${spell.listedAs}.
${f}_commands() {
${commands}
}

# The flags offered at a command path, with the global ones${spell.listedAs}.
${f}_flags() {
${flags}
}

# 'path|flag' -> how many values the option takes: 0, 1, 2, ? (optional) or + (a list).
${f}_arity() {
${arities}
}

# 'path|flag|slot' -> completes that value of the option.
${f}_value() {
${values}
}

# 'path|n' -> completes positional argument n; fails when it has nothing to offer.
${f}_arg() {
${args}
}`;
}
