/**
 * @module The zsh completion script, rendered from the tables: the same walk as the bash script
 * (see bash.ts), with zsh's own menus (`_describe` for commands and flags with their
 * descriptions, `compadd` for values, `_files` for paths).
 *
 * It works both from `$fpath` (autoloaded as `_clickup-brain`) and sourced after `compinit`.
 */
import type { CompletionSpec, PlainSource, ValueSource } from './spec.js';
import {
  completionTables,
  shortDescription,
  shQuote,
  type Described,
  type Tables,
} from './tables.js';

function plain(fn: string, source: PlainSource): string {
  switch (source.type) {
    case 'text':
      return ':';
    case 'choices':
      return `compadd -- ${source.values.join(' ')}`;
    case 'dynamic':
      return `${fn}_dynamic ${source.kind}`;
    case 'file':
      return '_files';
  }
}

function sourceCode(fn: string, source: ValueSource): string {
  if (source.type !== 'when') return plain(fn, source);
  const branches = source.cases.map(
    (c, i) =>
      `${i === 0 ? 'if' : 'elif'} (( \${seen[(Ie)${c.flag}]} )); then ${plain(fn, c.source)}`,
  );
  return `${branches.join('; ')}; else ${plain(fn, source.otherwise)}; fi`;
}

function caseOf(arms: [pattern: string, body: string][], otherwise: string): string {
  const lines = arms.map(([pattern, body]) => `    (${pattern}) ${body} ;;`);
  return `  case $1 in\n${lines.join('\n')}\n    (*) ${otherwise} ;;\n  esac`;
}

function pattern(path: string, ...rest: (string | number)[]): string {
  const tail = `|${rest.join('|')}`;
  return path === '*' ? `*${shQuote(tail)}` : shQuote(`${path}${tail}`);
}

/** `word:description` items for _describe (a colon in the word is escaped). */
function described(entries: Described[]): string {
  const items = entries.map((e) =>
    shQuote(`${e.word.replace(/:/g, '\\:')}:${shortDescription(e.description)}`),
  );
  return `reply=(\n      ${items.join('\n      ')}\n    )`;
}

function render(t: Tables): string {
  const f = t.fn;
  const commands = caseOf(
    t.commands.map((c) => [shQuote(c.path), described(c.entries)]),
    'reply=()',
  );
  const flags = caseOf(
    t.flags.map((c) => [shQuote(c.path), described(c.entries)]),
    'reply=()',
  );
  const arities = caseOf(
    t.arities.map((a) => [pattern(a.path, a.flag), `REPLY=${shQuote(a.arity)}`]),
    'REPLY=0',
  );
  const values = caseOf(
    t.values.map((v) => [pattern(v.path, v.flag, v.slot), sourceCode(f, v.source)]),
    ':',
  );
  const args = caseOf(
    t.args.map((a) => [pattern(a.path, a.index), sourceCode(f, a.source)]),
    'return 1',
  );
  return `#compdef ${t.program}
# zsh completion for ${t.program}
# Generated from the CLI's command tree by \`npm run completions\`: do not edit by hand.
# Install: \`${t.program} completion --help\` shows how.

# The subcommands of a command path ('' is the top), as word:description.
${f}_commands() {
${commands}
}

# The flags offered at a command path, with the global ones, as word:description.
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
}

# Names the running daemon knows; nothing when it is down (the command never starts it).
${f}_dynamic() {
  local cmd=\${words[1]} line
  local -a sockopt vals
  [[ $cmd == '~/'* ]] && cmd=$HOME/\${cmd:2}
  [[ -n $socket ]] && sockopt=(--socket "$socket")
  vals=(\${(f)"$("$cmd" "\${sockopt[@]}" __complete "$1" "$PREFIX" 2>/dev/null)"})
  (( \${#vals} )) && compadd -- "\${vals[@]}"
}

${f}() {
  emulate -L zsh
  local cmdpath='' socket='' flag='' arity=0 slot=0 npos=0 i word REPLY
  local -a seen reply
  for ((i = 2; i < CURRENT; i++)); do
    word=\${words[i]}
    if [[ -n $flag ]]; then
      if [[ ($arity == '?' || $arity == '+') && $word == -* ]]; then
        flag=''
      else
        slot=$((slot + 1))
        [[ $flag == --socket ]] && socket=$word
        [[ $arity == 1 || $arity == '?' || ($arity == 2 && $slot == 2) ]] && flag=''
        continue
      fi
    fi
    case $word in
      (--*=*)
        seen+=("\${word%%=*}")
        [[ \${word%%=*} == --socket ]] && socket=\${word#*=}
        ;;
      (-?*)
        seen+=("$word")
        ${f}_arity "$cmdpath|$word"
        [[ $REPLY != 0 ]] && { flag=$word; arity=$REPLY; slot=0 }
        ;;
      (*)
        ${f}_commands "$cmdpath"
        if (( npos == 0 && \${reply[(I)\${(b)word}:*]} )); then
          cmdpath=\${cmdpath:+$cmdpath }$word
        else
          npos=$((npos + 1))
        fi
        ;;
    esac
  done
  if [[ -n $flag ]] && ! [[ ($arity == '?' || $arity == '+') && $PREFIX == -* ]]; then
    [[ $arity == '+' ]] && slot=0
    ${f}_value "$cmdpath|$flag|$((slot + 1))"
    return 0
  fi
  if [[ $PREFIX != -* ]]; then
    ${f}_commands "$cmdpath"
    if (( npos == 0 && \${#reply} > 0 )); then
      _describe -t commands 'command' reply
      return 0
    fi
    ${f}_arg "$cmdpath|$((npos + 1))" && return 0
  fi
  ${f}_flags "$cmdpath"
  _describe -t options 'option' reply
  return 0
}

if [[ $zsh_eval_context[-1] == loadautofunc ]]; then
  ${f} "$@"
else
  compdef ${f} ${t.program}
fi
`;
}

/** The zsh script for the tree described by `spec`. */
export function zshScript(spec: CompletionSpec): string {
  return render(completionTables(spec));
}
