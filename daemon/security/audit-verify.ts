/**
 * @module Checking the audit log's hash chain (`security --verify-log`).
 *
 * Each line is re-hashed with `hashEvent` and must link to the line before it through `prev`,
 * with `seq` one higher, across rotated files as well: rotation continues the chain, so `.1`'s
 * last line is the parent of the current file's first. The first line read is the one exception.
 * Rotation deletes the oldest file beyond `keep`, so the oldest file still kept may start from
 * a `prev` whose line no longer exists; that is not a break. The cost is that deleting lines
 * from the very start of the oldest file is indistinguishable from rotation and goes unseen;
 * everything after the first line is covered. A chain that claims to begin (`seq` 1) must
 * begin from `GENESIS_HASH`, and only there.
 */
import { GENESIS_HASH, hashEvent, type AuditEvent } from './audit-log.js';
import { parseAuditLine, readAuditLines } from './audit-query.js';

/** Why a line breaks the chain. */
export type BreakReason = 'unparseable' | 'hash-mismatch' | 'prev-mismatch' | 'seq-gap';

/** The first line that breaks the chain. */
export interface BrokenLine {
  /** The file, or `(memory)` for `verifyEvents`. */
  file: string;
  /** 1-based within the file (the position in the list for `verifyEvents`). */
  line: number;
  /** The line's `seq`, when it could be read. */
  seq: number | null;
  reason: BreakReason;
}

/** The outcome of a verification. */
export interface VerifyResult {
  ok: boolean;
  /** Lines found intact, before the first broken one. */
  lines: number;
  /** Files opened, up to and including the one with the break (0 for `verifyEvents`). */
  files: number;
  /** The hash of the last intact line (`GENESIS_HASH` when there is none). */
  lastHash: string;
  firstBroken: BrokenLine | null;
}

/** Carries the chain from one line to the next. */
class ChainCheck {
  lines = 0;
  lastHash = GENESIS_HASH;
  private lastSeq: number | null = null;

  /** @returns why `event` (null: unreadable) breaks the chain, or null when it continues it. */
  check(event: AuditEvent | null): BreakReason | null {
    if (event === null) return 'unparseable';
    const { hash, ...body } = event;
    if (hashEvent(body) !== hash) return 'hash-mismatch';
    if (this.lastSeq === null) {
      // The first line read: only a genesis line may link to GENESIS_HASH, and it must.
      if ((event.seq === 1) !== (event.prev === GENESIS_HASH)) return 'prev-mismatch';
    } else {
      if (event.prev !== this.lastHash) return 'prev-mismatch';
      if (event.seq !== this.lastSeq + 1) return 'seq-gap';
    }
    this.lines++;
    this.lastHash = hash;
    this.lastSeq = event.seq;
    return null;
  }

  result(files: number, firstBroken: BrokenLine | null): VerifyResult {
    return {
      ok: firstBroken === null,
      lines: this.lines,
      files,
      lastHash: this.lastHash,
      firstBroken,
    };
  }
}

/**
 * Verifies the chain through `files` (oldest first, as `AuditLog.files()` lists them), reading
 * them as streams, and stops at the first broken line. A newest file's unterminated last line
 * that does not parse is a write in progress (or torn by a crash, which the next open cuts off),
 * not a break; it is not counted.
 *
 * @example
 * const result = await verifyAuditLog(await log.files());
 * if (!result.ok) console.log(result.firstBroken); // { file, line, seq, reason }
 */
export async function verifyAuditLog(files: string[]): Promise<VerifyResult> {
  if (!Array.isArray(files) || files.some((f) => typeof f !== 'string')) {
    throw new TypeError('"files" must be an array of paths');
  }
  const chain = new ChainCheck();
  let read = 0;
  const newest = files.at(-1);
  for await (const line of readAuditLines(files, { onFile: () => read++ })) {
    const event = line.tooLong ? null : parseAuditLine(line.text);
    if (event === null && !line.terminated && line.file === newest) break;
    const reason = chain.check(event);
    if (reason !== null) {
      const broken = { file: line.file, line: line.line, seq: event?.seq ?? null, reason };
      return chain.result(read, broken);
    }
  }
  return chain.result(read, null);
}

/**
 * Verifies events held in memory (memory mode: `AuditLog.recent()`), under the same rules; the
 * oldest may start from a `prev` that has left the ring.
 */
export function verifyEvents(events: readonly AuditEvent[]): VerifyResult {
  if (!Array.isArray(events)) throw new TypeError('"events" must be an array');
  const chain = new ChainCheck();
  for (const [i, event] of events.entries()) {
    const readable = parseAuditLine(JSON.stringify(event));
    const reason = chain.check(readable);
    if (reason !== null) {
      const broken = { file: '(memory)', line: i + 1, seq: readable?.seq ?? null, reason };
      return chain.result(0, broken);
    }
  }
  return chain.result(0, null);
}
