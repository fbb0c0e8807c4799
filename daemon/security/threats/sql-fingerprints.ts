/**
 * @module Structural SQL-injection rules over the token streams of {@link tokenizeSql}. Each rule
 * names a shape an injection needs — a quote closed and followed by logic or a comment, a stacked
 * statement, a UNION SELECT, a tautology, a time-delay call — so plain prose with SQL words
 * ("select a plan", "drop me a line") and punctuation-heavy passwords do not match.
 */
import type { Finding } from './types.js';
import { clip } from './types.js';
import { fingerprint, foldQuotes, tokenizeSql, type SqlToken } from './sql-tokenizer.js';
import { charFlags, DQUOTE, NON_ASCII, QUOTE } from './char-flags.js';
import { needsSqlTokens } from './sql-hints.js';

const COMPARE = new Set(['=', '<', '>', '<=', '>=', '<>', '!=', '==', 'like', 'rlike', 'regexp', 'is']);
// Functions whose only use in an injected value is to probe or exfiltrate: time delays, out-of-band
// lookups, file reads, error-based extraction.
const DANGEROUS_FUNCTIONS = new Set([
  'sleep', 'benchmark', 'pg_sleep', 'load_file', 'utl_inaddr.get_host_address', 'utl_http.request',
  'dbms_pipe.receive_message', 'extractvalue', 'updatexml', 'xp_cmdshell', 'dbms_lock.sleep',
  'randomblob', 'current_setting', 'pg_read_file', 'sys_eval', 'sys_exec',
]);
const TIME_FUNCTIONS = new Set(['sleep', 'benchmark', 'pg_sleep', 'dbms_lock.sleep']);
// What each statement keyword must be followed by to be SQL rather than an English verb.
const STATEMENT_OBJECTS: Record<string, ReadonlySet<string>> = {
  drop: new Set(['table', 'database', 'function', 'procedure', 'view', 'user', 'index', 'schema', 'trigger', 'column']),
  create: new Set(['table', 'database', 'function', 'procedure', 'view', 'user', 'index', 'schema', 'trigger']),
  alter: new Set(['table', 'database', 'user', 'view', 'schema', 'procedure', 'function']),
  truncate: new Set(['table']),
  delete: new Set(['from']),
  insert: new Set(['into']),
  replace: new Set(['into']),
  waitfor: new Set(['delay', 'time']),
  backup: new Set(['database']),
  load: new Set(['data']),
  rename: new Set(['table', 'user']),
};
// Words that continue a DDL statement after the object's name (`create user x identified by`).
const DDL_CONTINUATIONS = new Set(['identified', 'cascade', 'restrict', 'add', 'modify', 'rename', 'with', 'owner', 'purge', 'force']);
const OPERANDS = new Set(['s', 'n', 'v', 'f', '(', 'w', 'k']);

function isLiteral(tok: SqlToken | undefined): boolean {
  return tok !== undefined && (tok.t === 'n' || tok.t === 's' || (tok.t === 'k' && (tok.v === 'null' || tok.v === 'true' || tok.v === 'false')));
}

function hit(rule: string, confidence: number, tokens: readonly SqlToken[], from: number, detail = ''): Finding {
  const fp = fingerprint(tokens, from);
  return { type: 'sqli', rule: `sqli.${rule}`, confidence, evidence: clip(detail ? `${fp} ${detail}` : fp) };
}

// What may follow `FROM table` in a query; prose goes on with more words instead.
const AFTER_TABLE = new Set(['where', 'limit', 'order', 'group', 'join', 'union', 'having', 'offset', 'into']);

/** `select id, name from users limit 1`: a column list, FROM, a table, then the end or a clause. */
function selectFromLooksReal(tokens: readonly SqlToken[], from: number): boolean {
  for (let j = from; j < tokens.length && j < from + 12; j++) {
    const t = tokens[j] as SqlToken;
    if (t.v === 'from') {
      const table = tokens[j + 1];
      const after = tokens[j + 2];
      if (!table || (table.t !== 'w' && table.t !== 'k' && table.t !== '(')) return false;
      return after === undefined || after.t === ')' || after.t === ';' || after.t === 'c' || after.t === 'U' || after.t === ',' || AFTER_TABLE.has(after.v);
    }
    if (t.t !== 'w' && t.t !== ',' && t.t !== 'f' && t.t !== '(' && t.t !== ')' && t.t !== 'o' && t.t !== 'n' && t.t !== 'v') return false;
  }
  return false;
}

/** Whether the statement keyword at `i` is followed by what makes it a SQL statement. */
function statementLooksReal(tokens: readonly SqlToken[], i: number): boolean {
  const kw = tokens[i];
  const next = tokens[i + 1];
  if (!kw || !next) return kw?.v === 'shutdown';
  const objects = STATEMENT_OBJECTS[kw.v];
  // `DROP TABLE users` ends or goes on in SQL; "drop table tennis next" goes on in words.
  if (objects) {
    const then = tokens[i + 3];
    return objects.has(next.v) && (kw.v === 'waitfor' || then?.t !== 'w' || DDL_CONTINUATIONS.has(then.v));
  }
  if (kw.v === 'select') {
    let j = i + 1;
    if (tokens[j]?.v === 'all' || tokens[j]?.v === 'distinct') j++;
    const t = tokens[j];
    if (t !== undefined && (t.t === 'n' || t.t === 'v' || t.t === 'f' || t.t === 's' || t.v === '*' || t.t === '(' || t.v === 'null')) return true;
    // `select current_user;`: one name closed by a terminator, which prose does not do.
    const after = tokens[j + 1];
    if (t?.t === 'w' && (after?.t === ';' || after?.t === 'c') && t.v.includes('_')) return true;
    return selectFromLooksReal(tokens, j);
  }
  if (kw.v === 'exec' || kw.v === 'execute') return /^(master\.|xp_|sp_)|\.\.(xp|sp)_/.test(next.v) || next.t === 'v' || next.t === '(';
  if (kw.v === 'declare') return next.t === 'v';
  if (kw.v === 'update') return tokens[i + 2]?.v === 'set';
  if (kw.v === 'grant' || kw.v === 'revoke') return tokens.some((t) => t.v === 'to' || t.v === 'on');
  return false;
}

/** Rules that hold wherever they occur in the value. */
function anywhere(tokens: readonly SqlToken[], start: number): Finding | null {
  for (let i = start; i < tokens.length; i++) {
    const t = tokens[i] as SqlToken;
    if (t.t === 'U') {
      let j = i + 1;
      if (tokens[j]?.v === 'all' || tokens[j]?.v === 'distinct') j++;
      const n = tokens[j];
      if (n && (n.v === 'select' || n.t === '(' || (n.v.startsWith('select') && n.t === 'f'))) return hit('union-select', 0.97, tokens, i);
    }
    if (t.t === 'E' && statementLooksReal(tokens, i)) {
      const prev = tokens[i - 1];
      // A stacked or leading statement: after `;`, a closed paren or quote, or as the whole value.
      if (i === start || prev?.t === ';' || prev?.t === ')' || prev?.t === '(' || prev?.t === 'U' || (prev?.t === 's' && i === 1)) {
        return hit('statement', t.v === 'select' ? 0.85 : 0.95, tokens, i, t.v);
      }
      if (t.v === 'waitfor' || t.v === 'shutdown' || t.v === 'exec' || t.v === 'execute') return hit('statement', 0.9, tokens, i, t.v);
    }
    if (t.t === '&') {
      let j = i + 1;
      while (tokens[j]?.t === '(') j++;
      const a = tokens[j];
      const op = tokens[j + 1];
      let k = j + 2;
      while (tokens[k]?.t === '(') k++;
      const b = tokens[k];
      if (op && op.t === 'o' && COMPARE.has(op.v)) {
        // Tautology: two literals, the same name twice, or a literal against a function call.
        // What follows must continue SQL, not prose: "1 or 2 = 3 things" is a sentence.
        const rest = tokens[k + 1];
        const sqlAfter = b?.t === 'f' || rest === undefined || rest.t !== 'w';
        if (sqlAfter && ((isLiteral(a) && (isLiteral(b) || b?.t === 'f')) || (a?.t === 'w' && b?.t === 'w' && a.v === b.v))) {
          return hit('tautology', 0.92, tokens, i);
        }
      }
    }
    if (t.t === 'f' && DANGEROUS_FUNCTIONS.has(t.v)) {
      const arg = tokens[i + 2];
      if (!TIME_FUNCTIONS.has(t.v) || arg?.t === 'n' || arg?.t === 'f' || arg?.t === 's') return hit('dangerous-function', 0.85, tokens, i, t.v);
    }
    // `xp_cmdshell` or `master..xp_cmdshell`: endsWith, not a regex, as every name passes here.
    if (t.t === 'w' && (t.v === 'xp_cmdshell' || t.v.endsWith('.xp_cmdshell'))) return hit('dangerous-function', 0.9, tokens, i, t.v);
  }
  return null;
}

/** Rules for a value read as closing a quote the application opened. */
function afterQuote(tokens: readonly SqlToken[]): Finding | null {
  let i = 1;
  while (tokens[i]?.t === ')') i++;
  const t = tokens[i];
  if (!t) return null;
  const a = tokens[i + 1];
  if (t.t === '&' && a && OPERANDS.has(a.t)) {
    const after = tokens[i + 2];
    // `16" or 18"` is a measurement: a number must be followed by SQL, not by another quote.
    if (a.t === 'n' && after && (after.t === 's' || after.t === 'w')) return null;
    // An unclosed last string is closed by the application's own quote (`'or'1=1`): it must hold
    // a comparison or a bare literal, not text (`"a" and "disney:`).
    if (a.t === 's' && !a.closed && !/^\s*(?:[\w.-]{0,12}\s*(?:[=<>!]|$))/.test(a.v)) return null;
    // `Mary' and John went` is prose: a bare name needs an operator or comment after it.
    if (a.t !== 'w' && a.t !== 'k') return hit('quote-logic', 0.95, tokens, 0);
    if (after && (after.t === 'o' || after.t === 'c' || after.t === '&' || after.t === ';' || after.t === ')')) return hit('quote-logic', 0.9, tokens, 0);
  }
  // `admin'--`: only a login-like prefix; a password such as `G6{I3'#` is not a truncated query.
  const loginLike = /^[\w.@-]{0,32}$/.test(tokens[0]?.v ?? ' ');
  // The comment must end the value or be followed by a space or dash, as a truncating one is.
  const bareComment = t.t === 'c' && (t.v === '/*' || /^(?:#|--)(?:$|[\s\-#])/.test(t.v));
  if (bareComment && i === tokens.length - 1 && loginLike) {
    return hit('quote-comment', 0.8, tokens, 0);
  }
  if (t.t === ';' && loginLike && (!a || a.t === 'c')) return hit('quote-terminate', 0.8, tokens, 0);
  if (t.t === 'k' && (t.v === 'order' || t.v === 'group') && a?.v === 'by') return hit('quote-clause', 0.9, tokens, 0);
  if (t.t === 'k' && (t.v === 'having' || t.v === 'where' || t.v === 'limit' || t.v === 'into' || t.v === 'procedure')) {
    return hit('quote-clause', 0.85, tokens, 0);
  }
  if ((t.t === 'o' || t.t === ',') && a && a.t === 'f' && DANGEROUS_FUNCTIONS.has(a.v)) return hit('quote-function', 0.9, tokens, 0);
  return null;
}

/** Rules for a value that starts a clause on its own (`ORDER BY 1--`, `or 1=1`). */
function leading(tokens: readonly SqlToken[]): Finding | null {
  const t = tokens[0];
  const a = tokens[1];
  if (!t || !a) return null;
  if (t.t === 'k' && (t.v === 'order' || t.v === 'group') && a.v === 'by') {
    const b = tokens[2];
    if (b && (b.t === 'n' || b.t === 'f') && (tokens.length === 3 || tokens[3]?.t === 'c' || tokens[3]?.t === ',')) return hit('clause', 0.85, tokens, 0);
    if (tokens.some((x) => x.v === 'having')) return hit('clause', 0.85, tokens, 0);
  }
  if (t.t === '&' && a.t === 'f' && DANGEROUS_FUNCTIONS.has(a.v)) return hit('logic-function', 0.9, tokens, 0);
  // A value that is only a condition: `or x=y#`, `or true--`, `HAVING 1=1`.
  if (t.t === '&' || (t.t === 'k' && (t.v === 'having' || t.v === 'where'))) {
    const op = tokens[2];
    const rest = tokens[4];
    const ends = rest === undefined || rest.t === 'c' || rest.t === '&' || rest.t === ')' || rest.t === ';';
    if (a && OPERANDS.has(a.t) && op?.t === 'o' && COMPARE.has(op.v) && tokens[3] && OPERANDS.has(tokens[3].t) && ends) return hit('condition', 0.85, tokens, 0);
    if (isLiteral(a) && (a?.t !== 's' || a.closed) && (tokens.length === 2 || tokens[2]?.t === 'c')) return hit('condition', 0.8, tokens, 0);
  }
  return null;
}

// After a closing quote, only these can start an injection: `)`, logic, comment, `;`, a clause
// word, an operator or comma before a function.
const AFTER_QUOTE = /^[\s)]*(?:[&|#;,+\-*/=<>]|(?:and|or|xor|order|group|having|where|limit|into|procedure)\b)/i;

/** The stream with comments dropped: to SQL an inline comment between UNION and SELECT is a space. */
function withoutComments(tokens: SqlToken[]): SqlToken[] {
  for (const t of tokens) if (t.t === 'c') return tokens.filter((x) => x.t !== 'c');
  return tokens;
}

/** Looks for SQL-injection structure in one value; `null` when there is none. */
export function detectSqli(value: string): Finding | null {
  return detectSqliFlagged(value, charFlags(value));
}

/** {@link detectSqli} for a value whose {@link charFlags} the caller already has. */
export function detectSqliFlagged(value: string, valueFlags: number): Finding | null {
  // Typographic quotes are non-ASCII: an ASCII value has none to fold.
  const input = (valueFlags & NON_ASCII) !== 0 ? foldQuotes(value) : value;
  const flags = input === value ? valueFlags : charFlags(input);
  const needsKeywords = needsSqlTokens(input, flags);
  if (needsKeywords) {
    const plain = tokenizeSql(input);
    const folded = withoutComments(plain);
    const found = anywhere(folded, 0) ?? leading(plain) ?? (folded.length < plain.length ? leading(folded) : null);
    if (found) return found;
  }
  for (const quote of ["'", '"'] as const) {
    if ((flags & (quote === "'" ? QUOTE : DQUOTE)) === 0) continue;
    const at = input.indexOf(quote);
    if (at < 0) continue;
    // Only a value whose first quote is followed by injection-capable syntax is read in this context.
    if (!needsKeywords && !AFTER_QUOTE.test(input.slice(at + 1, at + 24))) continue;
    const tokens = tokenizeSql(input, quote, needsKeywords ? undefined : 8);
    if (tokens.length < 2) continue;
    const folded = withoutComments(tokens);
    const r = afterQuote(tokens) ?? (folded.length < tokens.length ? afterQuote(folded) : null) ?? (needsKeywords ? anywhere(folded, 1) : null);
    if (r) return r;
  }
  return null;
}
