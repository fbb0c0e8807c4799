/**
 * @module The bash completion script, rendered from the tables.
 *
 * One function walks the words before the cursor (the command path, which option's values are
 * being typed, how many positional arguments came) and then asks the generated lookup functions.
 * Dynamic names come from `<the typed command> __complete <kind> <prefix>`.
 */
import type { PlainSource, ValueSource } from './spec.js';
import { completionTables, shQuote, type Tables } from './tables.js';
import type { CompletionSpec } from './spec.js';

function plain(fn: string, source: PlainSource): string {
  switch (source.type) {
    case 'text':
      return ':';
    case 'choices':
      return `${fn}_words ${source.values.join(' ')}`;
    case 'dynamic':
      return `${fn}_dynamic ${source.kind}`;
    case 'file':
      return `${fn}_files`;
  }
}

function sourceCode(fn: string, source: ValueSource): string {
  if (source.type !== 'when') return plain(fn, source);
  const branches = source.cases.map(
    (c, i) => `${i === 0 ? 'if' : 'elif'} ${fn}_seen ${c.flag}; then ${plain(fn, c.source)}`,
  );
  return `${branches.join('; ')}; else ${plain(fn, source.otherwise)}; fi`;
}

/** A `case` over `$1` with one arm per entry and a default arm. */
function caseOf(arms: [pattern: string, body: string][], otherwise: string): string {
  const lines = arms.map(([pattern, body]) => `    ${pattern}) ${body} ;;`);
  return `  case $1 in\n${lines.join('\n')}\n    *) ${otherwise} ;;\n  esac`;
}

/** `*` stays a wildcard; everything else is quoted. */
function pattern(path: string, ...rest: (string | number)[]): string {
  const tail = `|${rest.join('|')}`;
  return path === '*' ? `*${shQuote(tail)}` : shQuote(`${path}${tail}`);
}

function render(t: Tables): string {
  const f = t.fn;
  const commands = caseOf(
    t.commands.map((c) => [shQuote(c.path), `reply=(${c.entries.map((e) => e.word).join(' ')})`]),
    'reply=()',
  );
  const flags = caseOf(
    t.flags.map((c) => [shQuote(c.path), `reply=(${c.entries.map((e) => e.word).join(' ')})`]),
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
  return `# bash completion for ${t.program}
# Generated from the CLI's command tree by \`npm run completions\`: do not edit by hand.
# Install: \`${t.program} completion --help\` shows how.

# The subcommands of a command path ('' is the top).
${f}_commands() {
${commands}
}

# The flags offered at a command path, with the global ones.
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

${f}_words() {
  local word
  for word in "$@"; do
    [[ $word == "$cur"* ]] && COMPREPLY+=("$word")
  done
}

${f}_seen() {
  local word
  for word in "\${seen[@]}"; do
    [[ $word == "$1" ]] && return 0
  done
  return 1
}

${f}_files() {
  local line
  compopt -o filenames 2>/dev/null
  while IFS= read -r line; do
    COMPREPLY+=("$line")
  done < <(compgen -f -- "$cur")
}

# Names the running daemon knows; nothing when it is down (the command never starts it).
${f}_dynamic() {
  local line cmd=\${COMP_WORDS[0]}
  local -a sockopt=()
  [[ $cmd == '~/'* ]] && cmd=$HOME/\${cmd:2}
  [[ -n $socket ]] && sockopt=(--socket "$socket")
  while IFS= read -r line; do
    [[ -n $line ]] && COMPREPLY+=("$(printf '%q' "$line")")
  done < <("$cmd" "\${sockopt[@]}" __complete "$1" "$cur" 2>/dev/null)
}

${f}() {
  local cur=\${COMP_WORDS[COMP_CWORD]} cmdpath='' socket='' flag='' arity=0 slot=0 npos=0
  local i word REPLY
  local -a seen=() reply=()
  COMPREPLY=()
  [[ $cur == '=' ]] && cur=''
  for ((i = 1; i < COMP_CWORD; i++)); do
    word=\${COMP_WORDS[i]}
    if [[ -n $flag ]]; then
      # bash splits --flag=value at the '='.
      [[ $word == '=' && $slot == 0 ]] && continue
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
      --*=*)
        seen+=("\${word%%=*}")
        [[ \${word%%=*} == --socket ]] && socket=\${word#*=}
        ;;
      -?*)
        seen+=("$word")
        ${f}_arity "$cmdpath|$word"
        [[ $REPLY != 0 ]] && flag=$word arity=$REPLY slot=0
        ;;
      *)
        ${f}_commands "$cmdpath"
        if ((npos == 0)) && [[ " \${reply[*]} " == *" $word "* ]]; then
          cmdpath=\${cmdpath:+$cmdpath }$word
        else
          npos=$((npos + 1))
        fi
        ;;
    esac
  done
  if [[ -n $flag ]] && ! [[ ($arity == '?' || $arity == '+') && $cur == -* ]]; then
    [[ $arity == '+' ]] && slot=0
    ${f}_value "$cmdpath|$flag|$((slot + 1))"
    return 0
  fi
  if [[ $cur != -* ]]; then
    ${f}_commands "$cmdpath"
    if ((npos == 0 && \${#reply[@]} > 0)); then
      ${f}_words "\${reply[@]}"
      return 0
    fi
    ${f}_arg "$cmdpath|$((npos + 1))" && return 0
  fi
  ${f}_flags "$cmdpath"
  ${f}_words "\${reply[@]}"
  return 0
}

complete -F ${f} ${t.program}
`;
}

/** The bash script for the tree described by `spec`. */
export function bashScript(spec: CompletionSpec): string {
  return render(completionTables(spec));
}
