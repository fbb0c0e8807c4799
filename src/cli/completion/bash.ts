/**
 * @module The bash completion script, rendered from the tables.
 *
 * One function walks the words before the cursor (the command path, which option's values are
 * being typed, how many positional arguments came) and then asks the generated lookup functions.
 * Dynamic names come from `<the typed command> __complete <kind> <prefix>`. The lookup functions
 * are written by sh-lookups.ts, shared with the zsh script; this file says how bash spells them.
 */
import type { CompletionSpec, PlainSource } from './spec.js';
import { shLookupFunctions, type ShSpelling } from './sh-lookups.js';
import { completionTables, generatedHeader, type Tables } from './tables.js';

function spelling(fn: string): ShSpelling {
  return {
    openArms: false,
    listedAs: '',
    entries: (entries) => `reply=(${entries.map((e) => e.word).join(' ')})`,
    plain: (source: PlainSource) => {
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
    },
    seen: (flag) => `${fn}_seen ${flag}`,
  };
}

function render(t: Tables): string {
  const f = t.fn;
  return `${generatedHeader('bash', t.program)}

${shLookupFunctions(t, spelling(f))}

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
