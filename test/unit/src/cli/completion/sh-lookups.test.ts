import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import {
  shLookupFunctions,
  type ShSpelling,
} from '../../../../../src/cli/completion/sh-lookups.js';
import type { Tables } from '../../../../../src/cli/completion/tables.js';

const tables: Tables = {
  program: 'tool',
  fn: '_tool',
  commands: [{ path: '', entries: [{ word: 'mon', description: 'monitoring' }] }],
  flags: [{ path: 'mon', entries: [{ word: '--type', description: 'a type' }] }],
  arities: [
    { path: 'mon', flag: '--type', arity: '1' },
    { path: '*', flag: '--socket', arity: '1' },
  ],
  values: [
    { path: 'mon', flag: '--type', slot: 1, source: { type: 'choices', values: ['http', 'tcp'] } },
    {
      path: 'mon',
      flag: '--add',
      slot: 1,
      source: {
        type: 'when',
        cases: [
          { flag: '--a', source: { type: 'file' } },
          { flag: '--b', source: { type: 'text' } },
        ],
        otherwise: { type: 'choices', values: ['x'] },
      },
    },
  ],
  args: [{ path: "it's", index: 1, source: { type: 'text' } }],
};

const spelling: ShSpelling = {
  openArms: false,
  listedAs: '',
  entries: (entries) => `reply=(${entries.map((e) => e.word).join(' ')})`,
  plain: (source) =>
    source.type === 'choices' ? `words ${source.values.join(' ')}` : `<${source.type}>`,
  seen: (flag) => `seen ${flag}`,
};

describe('shLookupFunctions', () => {
  it('writes the five commented lookup functions, one case arm per table row', () => {
    assert.equal(
      shLookupFunctions(tables, spelling),
      `# The subcommands of a command path ('' is the top).
_tool_commands() {
  case $1 in
    '') reply=(mon) ;;
    *) reply=() ;;
  esac
}

# The flags offered at a command path, with the global ones.
_tool_flags() {
  case $1 in
    'mon') reply=(--type) ;;
    *) reply=() ;;
  esac
}

# 'path|flag' -> how many values the option takes: 0, 1, 2, ? (optional) or + (a list).
_tool_arity() {
  case $1 in
    'mon|--type') REPLY='1' ;;
    *'|--socket') REPLY='1' ;;
    *) REPLY=0 ;;
  esac
}

# 'path|flag|slot' -> completes that value of the option.
_tool_value() {
  case $1 in
    'mon|--type|1') words http tcp ;;
    'mon|--add|1') if seen --a; then <file>; elif seen --b; then <text>; else words x; fi ;;
    *) : ;;
  esac
}

# 'path|n' -> completes positional argument n; fails when it has nothing to offer.
_tool_arg() {
  case $1 in
    'it'\\''s|1') <text> ;;
    *) return 1 ;;
  esac
}`,
    );
  });

  it("opens each arm with ( and says how lists are held, in zsh's spelling", () => {
    const text = shLookupFunctions(tables, {
      ...spelling,
      openArms: true,
      listedAs: ', as word:description',
    });
    assert.match(
      text,
      /^# The subcommands of a command path \('' is the top\), as word:description\.$/m,
    );
    assert.match(
      text,
      /^# The flags offered at a command path, with the global ones, as word:description\.$/m,
    );
    assert.match(text, /^ {4}\('mon\|--type'\) REPLY='1' ;;$/m);
    assert.match(text, /^ {4}\(\*'\|--socket'\) REPLY='1' ;;$/m);
    assert.match(text, /^ {4}\(\*\) return 1 ;;$/m);
    assert.doesNotMatch(text, /^ {4}[^(]/m);
  });
});
