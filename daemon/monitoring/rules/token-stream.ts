/**
 * @module A cursor over the tokens of one expression, with the helpers every parsing step shares:
 * look-ahead, keyword tests, and errors that name the position.
 */
import { describeToken, syntaxError, type Token } from './lexer.js';

/** The token cursor the parser builds on. */
export class TokenStream {
  private i = 0;

  constructor(
    readonly src: string,
    private readonly toks: readonly Token[],
  ) {}

  /** The token `ahead` places after the current one (the final `eof` when past the end). */
  peek(ahead = 0): Token {
    return this.toks[Math.min(this.i + ahead, this.toks.length - 1)] as Token;
  }

  /** Consumes and returns the current token. */
  next(): Token {
    const tok = this.peek();
    if (tok.kind !== 'eof') this.i++;
    return tok;
  }

  /** Throws `<reason> at column N<suffix>`. */
  fail(pos: number, reason: string, suffix = ''): never {
    throw syntaxError(this.src, pos, reason, suffix);
  }

  /** Throws `unexpected '<tok>' at column N`. */
  unexpected(tok: Token): never {
    this.fail(tok.pos, `unexpected ${describeToken(tok)}`);
  }

  /** True when `tok` is the operator or punctuation `text`. */
  is(tok: Token, kind: 'punct' | 'op', text: string): boolean {
    return tok.kind === kind && tok.text === text;
  }

  /** The lower-cased text of an identifier (keywords are case-insensitive, as in PromQL). */
  keyword(tok: Token): string | undefined {
    return tok.kind === 'ident' ? tok.text.toLowerCase() : undefined;
  }

  /** Consumes `text` or throws `expected '<text>' at column N but found <tok>`. */
  expect(kind: 'punct' | 'op', text: string): Token {
    const tok = this.peek();
    if (!this.is(tok, kind, text)) this.fail(tok.pos, `expected '${text}'`, ` but found ${describeToken(tok)}`);
    return this.next();
  }

  /** Throws unless every token was consumed. */
  expectEnd(): void {
    const tok = this.peek();
    if (tok.kind !== 'eof') this.unexpected(tok);
  }
}
