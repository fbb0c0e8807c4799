/**
 * @module Little-endian binary writer and bounds-checked reader for the snapshot format.
 *
 * Typed arrays are copied as raw bytes (fast, and exact for every float64 bit pattern) on
 * little-endian hosts; a big-endian host goes element by element so the file stays portable.
 */
import { endianness } from 'node:os';

const LITTLE_ENDIAN_HOST = endianness() === 'LE';

/** Writes into a buffer of a size computed beforehand. */
export class BinaryWriter {
  pos = 0;
  private readonly view: DataView;

  constructor(readonly buf: Buffer) {
    this.view = new DataView(buf.buffer, buf.byteOffset, buf.byteLength);
  }

  u8(value: number): void {
    this.view.setUint8(this.pos, value);
    this.pos += 1;
  }

  u32(value: number): void {
    this.view.setUint32(this.pos, value, true);
    this.pos += 4;
  }

  f64(value: number): void {
    this.view.setFloat64(this.pos, value, true);
    this.pos += 8;
  }

  str(value: string): void {
    const length = this.buf.write(value, this.pos + 4, 'utf8');
    this.u32(length);
    this.pos += length;
  }

  f64s(values: Float64Array): void {
    if (LITTLE_ENDIAN_HOST) {
      this.buf.set(new Uint8Array(values.buffer, values.byteOffset, values.byteLength), this.pos);
      this.pos += values.byteLength;
    } else {
      for (const v of values) this.f64(v);
    }
  }

  i32s(values: Int32Array): void {
    if (LITTLE_ENDIAN_HOST) {
      this.buf.set(new Uint8Array(values.buffer, values.byteOffset, values.byteLength), this.pos);
      this.pos += values.byteLength;
    } else {
      for (const v of values) {
        this.view.setInt32(this.pos, v, true);
        this.pos += 4;
      }
    }
  }
}

/** Bytes a string takes in the format (length prefix included). */
export function strSize(value: string): number {
  return 4 + Buffer.byteLength(value, 'utf8');
}

/** Reads what BinaryWriter wrote; every read is bounds-checked and throws `fail(message)`. */
export class BinaryReader {
  pos: number;
  private readonly view: DataView;

  constructor(
    private readonly buf: Buffer,
    start: number,
    private readonly fail: (message: string) => Error,
  ) {
    this.pos = start;
    this.view = new DataView(buf.buffer, buf.byteOffset, buf.byteLength);
  }

  get remaining(): number {
    return this.buf.byteLength - this.pos;
  }

  private need(bytes: number): void {
    if (bytes > this.remaining)
      throw this.fail(`ends early at byte ${this.pos} (needs ${bytes} more)`);
  }

  u8(): number {
    this.need(1);
    return this.view.getUint8(this.pos++);
  }

  u32(): number {
    this.need(4);
    const value = this.view.getUint32(this.pos, true);
    this.pos += 4;
    return value;
  }

  f64(): number {
    this.need(8);
    const value = this.view.getFloat64(this.pos, true);
    this.pos += 8;
    return value;
  }

  str(): string {
    const length = this.u32();
    this.need(length);
    const value = this.buf.toString('utf8', this.pos, this.pos + length);
    this.pos += length;
    return value;
  }

  f64s(count: number): Float64Array {
    this.need(count * 8);
    const out = new Float64Array(count);
    if (LITTLE_ENDIAN_HOST) {
      // Copy rather than view: the buffer's offset need not be 8-aligned, and the store outlives it.
      new Uint8Array(out.buffer).set(this.buf.subarray(this.pos, this.pos + count * 8));
      this.pos += count * 8;
    } else {
      for (let i = 0; i < count; i++) out[i] = this.f64();
    }
    return out;
  }

  i32s(count: number): Int32Array {
    this.need(count * 4);
    const out = new Int32Array(count);
    if (LITTLE_ENDIAN_HOST) {
      new Uint8Array(out.buffer).set(this.buf.subarray(this.pos, this.pos + count * 4));
      this.pos += count * 4;
    } else {
      for (let i = 0; i < count; i++) {
        out[i] = this.view.getInt32(this.pos, true);
        this.pos += 4;
      }
    }
    return out;
  }
}
