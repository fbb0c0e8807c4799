/**
 * @module The cheap guard in front of the SQL tokenizer: does a value hold a word that every rule
 * of `anywhere` and `leading` needs (a statement or clause keyword, a dangerous function), or a
 * logic operator next to a comparison? Prose without them skips the full tokenization.
 */
import { EQUALS, GT, LT, NON_ASCII } from './char-flags.js';

// Case-insensitive regexes over the value itself: V8 runs them faster than it lower-cases a copy.
const STRUCTURE_WORDS =
  /\b(?:u(?:nion|pdate(?:xml)?)|s(?:elect|hutdown|leep|ys_e(?:val|xec))|d(?:elete|rop|eclare)|in(?:sert)|c(?:reate|urrent_setting)|a(?:lter)|t(?:runcate)|e(?:xec(?:ute)?|xtractvalue)|w(?:aitfor|here)|b(?:ackup|enchmark)|g(?:rant|roup)|r(?:evoke|ename|eplace|andomblob)|l(?:oad|oad_file)|p(?:g_sleep|g_read_file)|o(?:rder)|h(?:aving))\b|xp_cmdshell|utl_|dbms_/i;
const LOGIC_WORDS = /\b(?:and|or|xor)\b|&&|\|\|/i;
const COMPARISON_WORDS = /\b(?:like|rlike|regexp|is)\b/i;
const STARTS_WITH_LOGIC = /^\s*(?:and|or|xor|&&|\|\|)/i;
// The only characters that lower-case to ASCII: U+0130 (to `i` and a combining dot) and the
// Kelvin sign (to `k`). A case-insensitive regex does not fold them, so a value that holds one is
// tested as its lower-cased copy, which is what the tokenizer's words are made of.
const FOLDS_TO_ASCII = /[\u0130\u212a]/;

/**
 * Whether `input` (quotes already folded; `flags` its {@link charFlags}) needs the full SQL
 * tokenization: a structure word, or a logic operator with a comparison (or leading the value).
 */
export function needsSqlTokens(input: string, flags: number): boolean {
  const text = (flags & NON_ASCII) !== 0 && FOLDS_TO_ASCII.test(input) ? input.toLowerCase() : input;
  if (STRUCTURE_WORDS.test(text)) return true;
  if (!LOGIC_WORDS.test(text)) return false;
  return (flags & (EQUALS | LT | GT)) !== 0 || COMPARISON_WORDS.test(text) || STARTS_WITH_LOGIC.test(text);
}
