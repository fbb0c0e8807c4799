/**
 * @module The keys of a hidden password line, without any terminal I/O.
 *
 * In raw mode the terminal hands over every key as typed, so the line editing a cooked terminal
 * would do (backspace, Ctrl-U, Enter) happens here. Keeping it pure lets the prompt's tests feed
 * exact key sequences and lets one chunk that holds both answers (typed ahead, or pasted) be split
 * between the prompt and its confirmation.
 */

/** What a chunk of keys led to. */
export type KeyResult =
  | { kind: 'pending' }
  /** Enter or Ctrl-D: `value` is the line; `rest` is whatever followed it in the same chunk. */
  | { kind: 'done'; value: string; rest: string }
  /** Ctrl-C. */
  | { kind: 'cancelled' }
  /** The line grew past `maxBytes` (UTF-8). */
  | { kind: 'too-long' };

const ESC = '\u001b';

/**
 * Collects one hidden line from raw terminal input.
 *
 * Escape sequences (arrow keys, function keys, Alt+key, the bracketed-paste markers) and other
 * control characters are dropped: they would otherwise end up, invisibly, inside the password.
 */
export class PasswordKeyEditor {
  private chars: string[] = [];
  private bytes = 0;
  /** Where we are inside an escape sequence; it may span chunks. */
  private escape: 'none' | 'esc' | 'csi' | 'ss3' = 'none';
  private finished = false;

  /** @param maxBytes - the longest line accepted, in UTF-8 bytes. */
  constructor(private readonly maxBytes: number) {
    if (!Number.isSafeInteger(maxBytes) || maxBytes < 1) {
      throw new TypeError('PasswordKeyEditor: maxBytes must be a positive integer');
    }
  }

  /** Applies the keys in `text` (already decoded); stops at the first key that ends the line. */
  feed(text: string): KeyResult {
    if (this.finished) throw new TypeError('PasswordKeyEditor: feed() after the line ended');
    const keys = Array.from(text);
    for (let i = 0; i < keys.length; i++) {
      const key = keys[i] as string;
      if (this.skipEscape(key)) continue;
      switch (key) {
        case '\r':
        case '\n':
        case '\u0004': {
          // A pasted "\r\n" is one Enter, not an Enter and an empty confirmation.
          const next = key === '\r' && keys[i + 1] === '\n' ? i + 2 : i + 1;
          this.finished = true;
          return { kind: 'done', value: this.chars.join(''), rest: keys.slice(next).join('') };
        }
        case '\u0003':
          this.finished = true;
          return { kind: 'cancelled' };
        case '\u007f':
        case '\b': {
          const last = this.chars.pop();
          if (last !== undefined) this.bytes -= Buffer.byteLength(last);
          break;
        }
        case '\u0015':
          this.chars = [];
          this.bytes = 0;
          break;
        default:
          if (isControl(key)) break;
          this.chars.push(key);
          this.bytes += Buffer.byteLength(key);
          if (this.bytes > this.maxBytes) {
            this.finished = true;
            return { kind: 'too-long' };
          }
      }
    }
    return { kind: 'pending' };
  }

  /** @returns true when `key` belongs to an escape sequence and must be dropped. */
  private skipEscape(key: string): boolean {
    switch (this.escape) {
      case 'none':
        if (key !== ESC) return false;
        this.escape = 'esc';
        return true;
      case 'esc':
        // ESC [ starts a CSI sequence, ESC O an SS3 one; anything else is Alt+key, one key long.
        this.escape = key === '[' ? 'csi' : key === 'O' ? 'ss3' : 'none';
        return true;
      case 'csi': {
        // Parameters and intermediates are 0x20-0x3F; a byte in 0x40-0x7E ends the sequence.
        const code = key.codePointAt(0) ?? 0;
        if (code >= 0x40 && code <= 0x7e) this.escape = 'none';
        else if (code < 0x20 || code > 0x3f) {
          // Not a CSI byte after all: stop skipping and let the key be read normally.
          this.escape = 'none';
          return false;
        }
        return true;
      }
      case 'ss3':
        this.escape = 'none';
        return true;
    }
  }
}

/** C0 controls, DEL and C1 controls: nothing a person means to put in a password. */
function isControl(key: string): boolean {
  const code = key.codePointAt(0) ?? 0;
  return code < 0x20 || (code >= 0x7f && code <= 0x9f);
}
