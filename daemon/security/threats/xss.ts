/**
 * @module Cross-site-scripting rules: markup that runs script (script-capable tags, event-handler
 * attributes, `javascript:`/`data:` URLs, CSS expressions) found with {@link tokenizeHtml}, and
 * script injected without markup (a quote breaking out of an attribute into a handler, a call to a
 * script sink right after a syntax break). Harmless markup such as `<b>` or `<3` is not flagged.
 */
import type { Finding } from './types.js';
import { clip } from './types.js';
import { tokenizeHtml } from './html-tokenizer.js';
import { BACKSLASH, BACKTICK, BRACKET, charFlags, COLON, DQUOTE, EQUALS, LT, NON_ASCII, PAREN, PLUS, QUOTE, SEMI } from './char-flags.js';

// Tags whose mere presence loads or runs active content.
const ACTIVE_TAGS = new Set([
  'script', 'iframe', 'frame', 'frameset', 'object', 'embed', 'applet', 'meta', 'base', 'link', 'style',
  'xml', 'import', 'vmlframe', 'stylesheet', 'eval', 'set', 'animate', 'handler', 'listener', 'isindex', 'xss', 'svg', 'math', 'template', 'portal', 'layer', 'ilayer', 'bgsound',
]);
// Attributes that take a URL or script a browser will follow or run.
const URL_ATTRIBUTES = new Set([
  'href', 'src', 'action', 'formaction', 'data', 'lowsrc', 'dynsrc', 'background', 'poster', 'xlink:href',
  'srcdoc', 'content', 'code', 'codebase', 'to', 'values', 'from', 'by', 'folder', 'style', 'ping', 'manifest',
]);
const SCRIPT_URL = /(?:java|vb|live|ecma)script:|mocha:|data:[^,]*(?:text\/html|image\/svg|base64)|expression\(|behavior:|-moz-binding|url\(\s*['"]?\s*javascript/;
// Controls and whitespace that browsers skip inside a scheme (`jav&#x09;ascript:`) and escape
// spellings of them left literal in payload lists (`\x0F`).
const SCHEME_NOISE = /[\s\u0000-\u001f\u007f-\u00a0\u2028\u2029\ufeff]+|\\x[0-9a-f]{2}|\\u[0-9a-f]{4}/gi;
const HANDLER = /^on[a-z]{3,}/;
// Inline CSS written to slip past a filter: escapes (`\\63olor`), comments, or a url() to
// something other than a web address or a local path.
const CSS_OBFUSCATION = /\\[0-9a-f]|\/\*|url\s*\(\s*['"]?\s*(?!https?:|\/|#|['")])/i;
// The prefixes that bring other markup languages' semantics: SVG, XSLT, HTML+TIME (t:), VML (v:, o:).
const NAMESPACED = /^(?:svg|xsl|xsl-fo|t|v|o|vml|html|xhtml|xml|math|xlink|x|w):([a-z][a-z0-9-]*)$/;
const SINKS = new Set([
  'alert', 'prompt', 'confirm', 'eval', 'settimeout', 'setinterval', 'function', 'msgbox', 'execscript',
  'fromcharcode', 'write', 'writeln', 'atob', 'import', 'constructor', 'activexobject',
]);
// A cheap guard before the identifier scan: every sink name contains one of these.
const SINK_HINT = /alert|prompt|confirm|eval|settimeout|setinterval|function|msgbox|execscript|fromcharcode|write|atob|import|constructor|activexobject/;
// Sinks so specific to script that a member call (`parentWindow.alert(1)`) or a bare reference
// (`a=alert,a(1)`, `[1].find(alert)`) is enough.
const STRONG_SINKS = new Set(['alert', 'prompt', 'confirm', 'eval', 'fromcharcode', 'write', 'writeln', 'constructor']);
const SINK_PROPERTY = /(?:^|[;{}])\s*(?:window\.|document\.)?location\s*=|\bwindow\s*\.\s*open\s*\(|\b(?:document\s*\.\s*(?:cookie|domain|write|location)|window\s*\.\s*location|location\s*\.\s*(?:hash|href)|\.innerhtml\s*=|string\s*\.\s*fromcharcode)\b/;

function hit(rule: string, confidence: number, evidence: string): Finding {
  return { type: 'xss', rule: `xss.${rule}`, confidence, evidence: clip(evidence) };
}

function scriptUrl(value: string): string | null {
  const folded = value.replace(SCHEME_NOISE, '').toLowerCase();
  const m = SCRIPT_URL.exec(folded);
  return m ? m[0] : null;
}

function fromTags(text: string): Finding | null {
  for (const tag of tokenizeHtml(text)) {
    const ns = NAMESPACED.exec(tag.name);
    const base = ns ? (ns[1] as string) : tag.name;
    // A namespaced tag (`<svg:rect>`, `<t:set>`) brings SVG, VML or XSLT semantics into a page;
    // the name must be clean, as `<j:q8u"3+[` in a random password is not markup.
    if (ns) return hit('namespaced-tag', 0.8, `<${tag.name}>`);
    if (ACTIVE_TAGS.has(base)) return hit('active-tag', tag.end ? 0.85 : 0.95, `<${tag.end ? '/' : ''}${tag.name}>`);
    for (const attr of tag.attributes) {
      if (HANDLER.test(attr.name)) return hit('event-handler', 0.95, `<${tag.name} ${attr.name.slice(0, 24)}=`);
      if (attr.name === 'style' && attr.value !== null && CSS_OBFUSCATION.test(attr.value)) {
        return hit('css-obfuscation', 0.7, `<${tag.name} style=${attr.value.slice(0, 24)}`);
      }
      if (attr.name.startsWith('xmlns')) return hit('namespaced-tag', 0.8, `<${tag.name} ${attr.name.slice(0, 24)}=`);
      if (attr.value !== null && (URL_ATTRIBUTES.has(attr.name) || attr.name.startsWith('xlink') || attr.value.includes(':'))) {
        const url = scriptUrl(attr.value);
        if (url) return hit('script-url', 0.95, `<${tag.name} ${attr.name}=${url}`);
      }
    }
  }
  return null;
}

function isBreak(c: string | undefined): boolean {
  return c === undefined || `;"'}){[(>=+-*,:|&!?\`/`.includes(c);
}

/** A sink called right after a syntax break: `";alert(1)//`, `(alert)(1)`, ``alert`1` ``. */
function fromScript(text: string, lower: string): Finding | null {
  const re = /[a-z_$][\w$]*/g;
  let m: RegExpExecArray | null;
  let guard = 0;
  while ((m = re.exec(lower)) !== null && guard++ < 256) {
    const name = m[0];
    if (!SINKS.has(name)) continue;
    let before = m.index - 1;
    while (before >= 0 && /\s/.test(lower[before] ?? '')) before--;
    if (lower[before] === '.' && !STRONG_SINKS.has(name)) continue;
    if (lower[before] !== '.' && !isBreak(before < 0 ? undefined : lower[before])) continue;
    let after = m.index + name.length;
    while (after < lower.length && /\s/.test(lower[after] ?? '')) after++;
    const prevChar = lower[before];
    const following = lower[after];
    if (STRONG_SINKS.has(name) && (prevChar === '=' || prevChar === '(') && (following === ',' || following === ')')) {
      return hit('script-reference', 0.75, text.slice(Math.max(0, before), m.index + name.length + 1));
    }
    if (following === ')') after++;
    const next = lower[after];
    if (next === '(' || next === '`') return hit('script-call', 0.85, text.slice(m.index, m.index + name.length + 8));
  }
  return null;
}

/** Undoes JavaScript string escapes (`al\\u0065rt`), which script contexts decode before running. */
export function jsUnescape(text: string): string {
  return text.replace(/\\u\{?([0-9a-fA-F]{4})\}?|\\x([0-9a-fA-F]{2})/g, (_m, u: string | undefined, x: string | undefined) =>
    String.fromCharCode(parseInt(u ?? x ?? '0', 16)),
  );
}

// `¼script¾` is `<script>` with the high bit set: US-ASCII pages that drop bit 8 read it as markup.
function foldHighBit(text: string): string {
  let out = '';
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    out += String.fromCharCode(c >= 0xa0 && c <= 0xff ? c & 0x7f : c);
  }
  return out;
}

/** Looks for XSS in one (already decoded) value, and in its JS-unescaped and 7-bit readings. */
export function detectXss(text: string): Finding | null {
  return detectXssFlagged(text, charFlags(text));
}

/** {@link detectXss} for a value whose {@link charFlags} the caller already has. */
export function detectXssFlagged(text: string, flags: number): Finding | null {
  const found = detectXssIn(text, flags);
  if (found) return found;
  if ((flags & BACKSLASH) !== 0) {
    const unescaped = jsUnescape(text);
    if (unescaped !== text) {
      const r = detectXssIn(unescaped, charFlags(unescaped));
      if (r) return r;
    }
  }
  if ((flags & NON_ASCII) !== 0 && text.indexOf('\u00bc') >= 0 && text.indexOf('\u00be') >= 0) {
    const folded = foldHighBit(text);
    return detectXssIn(folded, charFlags(folded));
  }
  return null;
}

// Each rule below runs only when the value holds the punctuation its pattern cannot match without
// (lower-casing changes letters only, so `text`'s flags are `lower`'s).
function detectXssIn(text: string, flags: number): Finding | null {
  if ((flags & LT) !== 0) {
    const tagHit = fromTags(text);
    if (tagHit) return tagHit;
  }
  if ((flags & (COLON | PAREN | BACKTICK | EQUALS)) === 0) return null;
  const lower = text.toLowerCase();
  // A bare script URL: `javascript:alert(1)` pasted into a link field. "JavaScript: the good parts"
  // is prose, so the scheme must run straight into code.
  if ((flags & COLON) !== 0) {
    const scheme = /(?:java|vb)script:(?!\s)|data:text\/html/.exec(lower);
    if (scheme) return hit('script-url', 0.9, scheme[0]);
  }
  if ((flags & EQUALS) !== 0 && (flags & (QUOTE | DQUOTE | BACKTICK)) !== 0) {
    const breakout = /["'`]\s*\/?\s*(on[a-z]{3,})\s*=/.exec(lower);
    if (breakout) return hit('attribute-breakout', 0.9, breakout[0]);
  }
  if ((flags & PAREN) !== 0 && (flags & (COLON | EQUALS)) !== 0) {
    const css = /[:=]\s*expression\s*\(/.exec(lower);
    if (css) return hit('css-expression', 0.85, css[0]);
  }
  // A call needs `(` or a backtick after the sink, a reference `=` or `(` before it.
  if ((flags & (PAREN | BACKTICK | EQUALS)) !== 0 && SINK_HINT.test(lower)) {
    const call = fromScript(text, lower);
    if (call) return call;
  }
  if ((flags & (EQUALS | PAREN | PLUS | SEMI)) !== 0) {
    const prop = SINK_PROPERTY.exec(lower);
    if (prop) return hit('script-sink', 0.75, prop[0]);
  }
  if ((flags & BRACKET) !== 0 && (flags & PAREN) !== 0 && /\b(?:top|window|self|parent|this|frames)\s*\[[^\]]*\]\s*\(/.test(lower)) {
    return hit('computed-call', 0.8, 'top[…](');
  }
  return null;
}
