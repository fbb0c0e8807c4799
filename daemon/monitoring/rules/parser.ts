/**
 * @module The parser: tokens → a type-checked syntax tree, by recursive descent with precedence
 * climbing for binary operators. Every refusal names the position and the reason.
 */
import {
  AGGREGATE_OPS,
  type AggregateOp,
  type BinaryOp,
  type Expr,
  FUNCTIONS,
  isComparison,
  isSetOp,
  PRECEDENCE,
  typeName,
  type ValueType,
  type VectorMatching,
  type VectorSelector,
} from './ast.js';
import { describeToken, syntaxError, type Token, tokenize } from './lexer.js';
import { parseLabelList, parseSelector } from './selectors.js';
import { TokenStream } from './token-stream.js';

const keywords = new Set(['and', 'or', 'unless', 'by', 'without', 'on', 'ignoring', 'group_left', 'group_right', 'bool', 'offset']);
// Unary minus binds tighter than `*` but looser than `^` (PromQL: `-2 ^ 2` is -4).
const UNARY_OPERAND_PREC = PRECEDENCE['^'];

/**
 * Parses and type-checks a rule expression. The result must be an instant vector or a scalar.
 * Throws InvalidInputError (code INVALID_INPUT) with a message such as
 * `unexpected '>' at column 12` or `rate() expects a range vector at column 6`.
 */
export function parseExpression(text: string): Expr {
  const parser = new Parser(text, tokenize(text));
  const expr = parser.parseExpr(0);
  parser.expectEnd();
  if (expr.type === 'matrix') {
    throw syntaxError(text, expr.pos, 'a rule expression must be an instant vector or a scalar, not a range vector');
  }
  return expr;
}

class Parser extends TokenStream {
  private binaryOp(tok: Token): BinaryOp | undefined {
    if (tok.kind === 'op' && Object.hasOwn(PRECEDENCE, tok.text)) return tok.text as BinaryOp;
    const kw = this.keyword(tok);
    return kw === 'and' || kw === 'or' || kw === 'unless' ? kw : undefined;
  }

  /** Precedence climbing: parses operators binding at least as tight as `minPrec`. */
  parseExpr(minPrec: number): Expr {
    let left = this.parseUnary();
    for (;;) {
      const tok = this.peek();
      const op = this.binaryOp(tok);
      if (op === undefined || PRECEDENCE[op] < minPrec) return left;
      this.next();
      let returnBool = false;
      if (this.keyword(this.peek()) === 'bool') {
        if (!isComparison(op)) this.fail(this.peek().pos, 'bool modifier can only be used on comparison operators');
        returnBool = true;
        this.next();
      }
      let matching: VectorMatching | undefined;
      const kw = this.keyword(this.peek());
      if (kw === 'on' || kw === 'ignoring') {
        this.next();
        matching = { on: kw === 'on', labels: parseLabelList(this) };
      }
      const group = this.peek();
      const groupKw = this.keyword(group);
      if (groupKw === 'group_left' || groupKw === 'group_right') {
        this.fail(group.pos, `${groupKw} is not supported (only one-to-one vector matching)`);
      }
      // `^` is right-associative: its right operand may hold another `^`.
      const right = this.parseExpr(op === '^' ? PRECEDENCE[op] : PRECEDENCE[op] + 1);
      left = this.binary(op, left, right, returnBool, matching, tok);
    }
  }

  private binary(op: BinaryOp, left: Expr, right: Expr, returnBool: boolean, matching: VectorMatching | undefined, tok: Token): Expr {
    for (const side of [left, right]) {
      if (side.type === 'matrix') this.fail(side.pos, 'binary expression must contain only scalar and instant vector types');
    }
    const scalars = left.type === 'scalar' || right.type === 'scalar';
    if (isSetOp(op) && scalars) this.fail(tok.pos, `set operator '${op}' not allowed in binary scalar expression`);
    if (matching !== undefined && scalars) this.fail(tok.pos, 'vector matching only allowed between instant vectors');
    const type = left.type === 'scalar' && right.type === 'scalar' ? 'scalar' : 'vector';
    if (type === 'scalar' && isComparison(op) && !returnBool) {
      this.fail(tok.pos, 'comparisons between scalars must use bool modifier');
    }
    return { kind: 'binary', type, op, left, right, returnBool, matching, pos: left.pos };
  }

  private parseUnary(): Expr {
    const tok = this.peek();
    if (this.is(tok, 'op', '-') || this.is(tok, 'op', '+')) {
      this.next();
      const expr = this.parseExpr(UNARY_OPERAND_PREC);
      if (expr.type === 'matrix') this.fail(expr.pos, `unary '${tok.text}' expects a scalar or an instant vector`);
      if (tok.text === '+') return expr;
      return { kind: 'unary', type: expr.type, op: '-', expr, pos: tok.pos };
    }
    // A parenthesised selector is an expression, not a selector: `(x)[5m]` is refused.
    const parenthesised = this.is(tok, 'punct', '(');
    const primary = this.parsePrimary();
    return primary.kind === 'selector' && !parenthesised ? this.parseSuffixes(primary) : this.refuseSuffix(primary);
  }

  private refuseSuffix(expr: Expr): Expr {
    const tok = this.peek();
    if (this.is(tok, 'punct', '[')) this.fail(tok.pos, 'ranges are only allowed on instant vector selectors');
    if (this.keyword(tok) === 'offset') this.fail(tok.pos, 'offset is only allowed on instant or range vector selectors');
    return expr;
  }

  /** `[5m]` and `offset 5m` after a selector. */
  private parseSuffixes(selector: VectorSelector): Expr {
    let sel = selector;
    if (this.keyword(this.peek()) === 'offset') sel = { ...sel, offsetMs: this.offset() };
    const open = this.peek();
    if (!this.is(open, 'punct', '[')) return sel;
    if (sel.offsetMs !== 0) this.fail(open.pos, 'no offset modifiers allowed before range');
    this.next();
    const rangeMs = this.duration('range');
    if (this.is(this.peek(), 'punct', ':')) this.fail(this.peek().pos, 'subqueries are not supported');
    this.expect('punct', ']');
    if (this.keyword(this.peek()) === 'offset') sel = { ...sel, offsetMs: this.offset() };
    this.refuseSuffix(sel);
    return { kind: 'matrix', type: 'matrix', selector: sel, rangeMs, pos: sel.pos };
  }

  private offset(): number {
    this.next();
    const negative = this.is(this.peek(), 'op', '-');
    if (negative) this.next();
    const ms = this.duration('offset');
    return negative ? -ms : ms;
  }

  private duration(what: 'range' | 'offset'): number {
    const tok = this.peek();
    if (tok.kind !== 'duration') this.fail(tok.pos, `expected a duration such as 5m`, ` but found ${describeToken(tok)}`);
    if (what === 'range' && tok.value <= 0) this.fail(tok.pos, 'range must be greater than zero');
    this.next();
    return tok.value;
  }

  private parsePrimary(): Expr {
    const tok = this.peek();
    if (tok.kind === 'number') {
      this.next();
      return { kind: 'number', type: 'scalar', value: tok.value, pos: tok.pos };
    }
    if (this.is(tok, 'punct', '(')) {
      this.next();
      const expr = this.parseExpr(0);
      this.expect('punct', ')');
      return expr;
    }
    if (this.is(tok, 'punct', '{')) return parseSelector(this, undefined, tok.pos);
    if (tok.kind !== 'ident') this.unexpected(tok);
    const lower = tok.text.toLowerCase();
    if (lower === 'inf' || lower === 'nan') {
      this.next();
      return { kind: 'number', type: 'scalar', value: lower === 'inf' ? Infinity : NaN, pos: tok.pos };
    }
    const after = this.peek(1);
    const afterKw = this.keyword(after);
    if (AGGREGATE_OPS.has(lower) && (this.is(after, 'punct', '(') || afterKw === 'by' || afterKw === 'without')) {
      return this.aggregate(lower as AggregateOp);
    }
    if (keywords.has(lower)) this.unexpected(tok);
    if (this.is(after, 'punct', '(')) return this.call();
    this.next();
    return parseSelector(this, tok.text, tok.pos);
  }

  private aggregate(op: AggregateOp): Expr {
    const start = this.next();
    let grouping: readonly string[] = [];
    let without = false;
    let modifier = this.keyword(this.peek());
    const hasModifierFirst = modifier === 'by' || modifier === 'without';
    if (hasModifierFirst) {
      this.next();
      without = modifier === 'without';
      grouping = parseLabelList(this);
    }
    this.expect('punct', '(');
    const expr = this.parseExpr(0);
    this.expect('punct', ')');
    modifier = this.keyword(this.peek());
    if (!hasModifierFirst && (modifier === 'by' || modifier === 'without')) {
      this.next();
      without = modifier === 'without';
      grouping = parseLabelList(this);
    }
    if (expr.type !== 'vector') this.fail(expr.pos, `${op}() expects an instant vector`);
    return { kind: 'aggregate', type: 'vector', op, expr, grouping, without, pos: start.pos };
  }

  private call(): Expr {
    const name = this.next();
    const sig = FUNCTIONS[name.text];
    if (sig === undefined) this.fail(name.pos, `unknown function '${name.text}'`);
    this.expect('punct', '(');
    const args: Expr[] = [];
    if (!this.is(this.peek(), 'punct', ')')) {
      args.push(this.parseExpr(0));
      while (this.is(this.peek(), 'punct', ',')) {
        this.next();
        args.push(this.parseExpr(0));
      }
    }
    const close = this.expect('punct', ')');
    if (args.length !== sig.args.length) {
      const at = args.length > sig.args.length ? (args[sig.args.length] as Expr).pos : close.pos;
      this.fail(at, `${name.text}() expects ${plural(sig.args.length)} but got ${args.length}`);
    }
    args.forEach((arg, i) => {
      const want = sig.args[i] as ValueType;
      if (arg.type === want) return;
      const which = sig.args.length > 1 ? ` as argument ${i + 1}` : '';
      this.fail(arg.pos, `${name.text}() expects ${typeName(want)}${which}`);
    });
    return { kind: 'call', type: sig.returns, func: name.text, args, pos: name.pos };
  }
}

function plural(n: number): string {
  return n === 1 ? '1 argument' : `${n} arguments`;
}
