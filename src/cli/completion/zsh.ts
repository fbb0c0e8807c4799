/**
 * @module The zsh completion script, rendered from the tables: the same walk as the bash script
 * (see bash.ts), with zsh's own menus (`_describe` for commands and flags with their
 * descriptions, `compadd` for values, `_files` for paths).
 *
 * It works both from `$fpath` (autoloaded as `_clickup-brain`) and sourced after `compinit`.
 */
import type { CompletionSpec, PlainSource } from './spec.js';
import { shLookupFunctions, type ShSpelling } from './sh-lookups.js';
import {
  completionTables,
  generatedHeader,
  shortDescription,
  shQuote,
  type Described,
  type Tables,
} from './tables.js';

/** `word:description` items for _describe (a colon in the word is escaped). */
function described(entries: Described[]): string {
  const items = entries.map((e) =>
    shQuote(`${e.word.replace(/:/g, '\\:')}:${shortDescription(e.description)}`),
  );
  return `reply=(\n      ${items.join('\n      ')}\n    )`;
}

function spelling(fn: string): ShSpelling {
  return {
    openArms: true,
    listedAs: ', as word:description',
    entries: described,
    plain: (source: PlainSource) => {
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
    },
    seen: (flag) => `(( \${seen[(Ie)${flag}]} ))`,
  };
}

function render(t: Tables): string {
  const f = t.fn;
  return `#compdef ${t.program}
${generatedHeader('zsh', t.program)}

${shLookupFunctions(t, spelling(f))}

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
