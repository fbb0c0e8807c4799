/**
 * @module The fish completion script, rendered from the tables: the same walk as the bash script
 * (see bash.ts) in one function whose output (word, tab, description) fish filters and shows.
 */
import type { CompletionSpec, PlainSource, ValueSource } from './spec.js';
import {
  completionTables,
  generatedHeader,
  shortDescription,
  type Described,
  type Tables,
} from './tables.js';

/** Quotes text for fish (single quotes; only \\ and \' are special inside). */
export function fishQuote(text: string): string {
  return `'${text.replace(/\\/g, '\\\\').replace(/'/g, "\\'")}'`;
}

function plain(fn: string, source: PlainSource): string {
  switch (source.type) {
    case 'text':
      return 'true';
    case 'choices':
      return `printf '%s\\n' ${source.values.join(' ')}`;
    case 'dynamic':
      return `${fn}_dynamic ${source.kind} "$cur" "$socket" "$cmd"`;
    case 'file':
      return '__fish_complete_path "$cur"';
  }
}

function sourceCode(fn: string, source: ValueSource, indent: string): string {
  if (source.type !== 'when') return `${indent}${plain(fn, source)}`;
  const lines = source.cases.flatMap((c, i) => [
    `${indent}${i === 0 ? 'if' : 'else if'} contains -- ${c.flag} $seen`,
    `${indent}    ${plain(fn, c.source)}`,
  ]);
  return [
    ...lines,
    `${indent}else`,
    `${indent}    ${plain(fn, source.otherwise)}`,
    `${indent}end`,
  ].join('\n');
}

function switchOf(arms: [pattern: string, body: string][], otherwise: string): string {
  const lines = arms.map(([pattern, body]) => `        case ${pattern}\n${body}`);
  return `    switch $argv[1]\n${lines.join('\n')}\n        case '*'\n${otherwise}\n    end`;
}

/** In a fish `case`, `*` is a wildcard even inside quotes; a path never holds one. */
function pattern(path: string, ...rest: (string | number)[]): string {
  return fishQuote(`${path}|${rest.join('|')}`);
}

function described(entries: Described[]): string {
  const items = entries.map(
    (e) => `${fishQuote(e.word)} ${fishQuote(shortDescription(e.description))}`,
  );
  return `            printf '%s\\t%s\\n' \\\n                ${items.join(' \\\n                ')}`;
}

function render(t: Tables): string {
  const f = t.fn;
  const commands = switchOf(
    t.commands.map((c) => [fishQuote(c.path), described(c.entries)]),
    '            return 1',
  );
  const flags = switchOf(
    t.flags.map((c) => [fishQuote(c.path), described(c.entries)]),
    '            return 1',
  );
  const arities = switchOf(
    t.arities.map((a) => [pattern(a.path, a.flag), `            echo ${fishQuote(a.arity)}`]),
    '            echo 0',
  );
  const values = switchOf(
    t.values.map((v) => [pattern(v.path, v.flag, v.slot), sourceCode(f, v.source, '            ')]),
    '            true',
  );
  const args = switchOf(
    t.args.map((a) => [pattern(a.path, a.index), sourceCode(f, a.source, '            ')]),
    '            return 1',
  );
  return `${generatedHeader('fish', t.program)}

# The subcommands of a command path ('' is the top), as word<tab>description.
function ${f}_commands
${commands}
end

# The flags offered at a command path, with the global ones, as word<tab>description.
function ${f}_flags
${flags}
end

# 'path|flag' -> how many values the option takes: 0, 1, 2, ? (optional) or + (a list).
function ${f}_arity
${arities}
end

# 'path|flag|slot' cur socket cmd seen... -> completes that value of the option.
function ${f}_value
    set -l cur $argv[2]
    set -l socket $argv[3]
    set -l cmd $argv[4]
    set -l seen $argv[5..-1]
${values}
end

# 'path|n' cur socket cmd -> completes positional argument n; fails when it has nothing to offer.
function ${f}_arg
    set -l cur $argv[2]
    set -l socket $argv[3]
    set -l cmd $argv[4]
${args}
end

# Names the running daemon knows; nothing when it is down (the command never starts it).
function ${f}_dynamic -a kind cur socket cmd
    set -l sockopt
    test -n "$socket"; and set sockopt --socket $socket
    string match -q -- '~/*' $cmd; and set cmd $HOME/(string sub -s 3 -- $cmd)
    command -q -- $cmd; or return 0
    $cmd $sockopt __complete $kind $cur 2>/dev/null
end

function ${f}_complete
    set -l tokens (commandline -opc)
    set -l cur (commandline -ct)
    set -q cur[1]; or set cur ''
    set -l cmd $tokens[1]
    set -l cmdpath ''
    set -l socket ''
    set -l flag ''
    set -l arity 0
    set -l slot 0
    set -l npos 0
    set -l seen
    for word in $tokens[2..-1]
        if test -n "$flag"
            if contains -- $arity '?' '+'; and string match -q -- '-*' $word
                set flag ''
            else
                set slot (math $slot + 1)
                test "$flag" = --socket; and set socket $word
                if test "$arity" = 1 -o "$arity" = '?' -o \\( "$arity" = 2 -a $slot -eq 2 \\)
                    set flag ''
                end
                continue
            end
        end
        switch $word
            case '--*=*'
                set -l parts (string split -m 1 = -- $word)
                set -a seen $parts[1]
                test "$parts[1]" = --socket; and set socket $parts[2]
            case '-?*'
                set -a seen $word
                set -l a (${f}_arity "$cmdpath|$word")
                if test "$a" != 0
                    set flag $word
                    set arity $a
                    set slot 0
                end
            case '*'
                if test $npos -eq 0; and contains -- $word (${f}_commands $cmdpath | string replace -r '\\t.*' '')
                    set cmdpath (string trim -- "$cmdpath $word")
                else
                    set npos (math $npos + 1)
                end
        end
    end
    if test -n "$flag"; and not begin; contains -- $arity '?' '+'; and string match -q -- '-*' $cur; end
        test "$arity" = '+'; and set slot 0
        ${f}_value "$cmdpath|$flag|"(math $slot + 1) "$cur" "$socket" "$cmd" $seen
        return 0
    end
    if not string match -q -- '-*' $cur
        set -l subcommands (${f}_commands $cmdpath)
        if test $npos -eq 0 -a (count $subcommands) -gt 0
            printf '%s\\n' $subcommands
            return 0
        end
        ${f}_arg "$cmdpath|"(math $npos + 1) "$cur" "$socket" "$cmd"; and return 0
    end
    ${f}_flags $cmdpath
end

complete -c ${t.program} -f -a '(${f}_complete)'
`;
}

/** The fish script for the tree described by `spec`. */
export function fishScript(spec: CompletionSpec): string {
  return render(completionTables(spec));
}
