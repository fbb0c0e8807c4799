/**
 * @module Splits a command line into argv the way a POSIX shell would, without running a shell.
 *
 * Quotes and backslashes group and escape; nothing is expanded (`$HOME`, `*`, `~` stay as
 * written), and there are no pipes or redirections. Running without a shell means a stored
 * check can never be turned into shell injection.
 */

/** One word of the command line. */
export interface Word {
  value: string;
  /** True when no quote or backslash was involved: only bare words can be shell operators. */
  bare: boolean;
}

const SPACE = /\s/;

/**
 * Splits `text` into words.
 *
 * @returns the words, or a sentence saying what is wrong (an unclosed quote, a trailing `\`).
 */
export function splitWords(text: string): Word[] | string {
  const words: Word[] = [];
  let current = '';
  let started = false;
  let bare = true;
  let i = 0;
  const end = (): void => {
    if (started) words.push({ value: current, bare });
    current = '';
    started = false;
    bare = true;
  };
  while (i < text.length) {
    const c = text[i] as string;
    if (SPACE.test(c)) {
      end();
      i += 1;
    } else if (c === "'") {
      const close = text.indexOf("'", i + 1);
      if (close < 0) return `unclosed ' at position ${i + 1}`;
      current += text.slice(i + 1, close);
      started = true;
      bare = false;
      i = close + 1;
    } else if (c === '"') {
      // Inside double quotes a backslash escapes only what a shell would let it escape.
      let j = i + 1;
      for (;;) {
        if (j >= text.length) return `unclosed " at position ${i + 1}`;
        const d = text[j] as string;
        if (d === '"') break;
        if (d === '\\' && j + 1 < text.length && '"\\$`'.includes(text[j + 1] as string)) {
          current += text[j + 1];
          j += 2;
        } else {
          current += d;
          j += 1;
        }
      }
      started = true;
      bare = false;
      i = j + 1;
    } else if (c === '\\') {
      if (i + 1 >= text.length) return 'a \\ at the end escapes nothing';
      current += text[i + 1];
      started = true;
      bare = false;
      i += 2;
    } else {
      current += c;
      started = true;
      i += 1;
    }
  }
  end();
  return words;
}

const OPERATORS = new Set(['|', '||', '&&', ';', '&', '>', '>>', '<', '2>', '2>&1', '&>']);

/**
 * Splits `text` into argv and refuses bare shell operators, which would reach the program as
 * arguments and surprise whoever wrote them.
 *
 * @returns argv (never empty), or a sentence saying what is wrong.
 */
export function splitArgv(text: string): string[] | string {
  const words = splitWords(text);
  if (typeof words === 'string') return words;
  if (words.length === 0) return 'the command is empty';
  const operator = words.find((word) => word.bare && OPERATORS.has(word.value));
  if (operator !== undefined) {
    return `'${operator.value}' would be passed to the program as an argument, because commands run without a shell; use sh -c '...' if you need a shell`;
  }
  return words.map((word) => word.value);
}
