/**
 * @module Newline-delimited JSON framing with a size limit.
 *
 * A frame is one JSON text followed by `\n`. JSON.stringify never emits a raw newline, so the
 * delimiter cannot occur inside a frame.
 */

/** Default largest frame, in bytes (1 MiB). */
export const DEFAULT_MAX_FRAME_BYTES = 1024 * 1024;

/** Why the decoder gave up. */
export class FrameTooLargeError extends Error {
  constructor(readonly limit: number) {
    super(`frame exceeds the limit of ${limit} bytes`);
    this.name = 'FrameTooLargeError';
  }
}

/**
 * Splits a byte stream into frames. Feed it chunks as they arrive; it returns the complete frames
 * in arrival order and keeps the partial tail for the next chunk.
 */
export class FrameDecoder {
  private parts: Buffer[] = [];
  private buffered = 0;

  constructor(private readonly maxFrameBytes = DEFAULT_MAX_FRAME_BYTES) {}

  /**
   * @returns the complete frames in `chunk` (without their newline).
   * @throws FrameTooLargeError when a frame grows past the limit; the decoder is then unusable.
   */
  push(chunk: Buffer): string[] {
    const frames: string[] = [];
    let start = 0;
    let nl = chunk.indexOf(0x0a, start);
    while (nl !== -1) {
      const piece = chunk.subarray(start, nl);
      if (this.buffered + piece.length > this.maxFrameBytes) throw new FrameTooLargeError(this.maxFrameBytes);
      if (this.parts.length > 0) {
        this.parts.push(piece);
        frames.push(Buffer.concat(this.parts).toString('utf8'));
        this.parts = [];
        this.buffered = 0;
      } else {
        frames.push(piece.toString('utf8'));
      }
      start = nl + 1;
      nl = chunk.indexOf(0x0a, start);
    }
    if (start < chunk.length) {
      const tail = chunk.subarray(start);
      this.buffered += tail.length;
      if (this.buffered > this.maxFrameBytes) throw new FrameTooLargeError(this.maxFrameBytes);
      this.parts.push(tail);
    }
    return frames;
  }

  /** Bytes held for an incomplete frame. */
  get pendingBytes(): number {
    return this.buffered;
  }
}

/** Encodes one message as a frame. */
export function encodeFrame(message: unknown): string {
  return `${JSON.stringify(message)}\n`;
}
