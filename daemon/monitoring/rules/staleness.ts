/**
 * @module Staleness markers: the special NaN Prometheus writes when a series disappears.
 *
 * A marker is a sample whose float bits are exactly 0x7ff0000000000002. JS numbers cannot carry
 * a NaN payload reliably, so markers are written and read through the bytes of the Float64Array
 * itself; copy such arrays with `set`/`slice` (byte copies), never element by element.
 */

/** The high and low 32-bit words of Prometheus's stale NaN. */
const STALE_HIGH = 0x7ff00000;
const STALE_LOW = 0x00000002;
const littleEndian = new Uint8Array(new Uint32Array([1]).buffer)[0] === 1;
const hiWord = littleEndian ? 1 : 0;
const loWord = littleEndian ? 0 : 1;

function words(values: Float64Array, index: number): Uint32Array {
  return new Uint32Array(values.buffer, values.byteOffset + index * 8, 2);
}

/** Writes a staleness marker into `values[index]`. */
export function writeStaleMarker(values: Float64Array, index: number): void {
  const w = words(values, index);
  w[hiWord] = STALE_HIGH;
  w[loWord] = STALE_LOW;
}

/**
 * True when `values[index]` is a staleness marker. Cheap for ordinary numbers: the byte view is
 * only built when the value is a NaN.
 */
export function isStaleMarker(values: Float64Array, index: number): boolean {
  const v = values[index] as number;
  if (v === v) return false;
  const w = words(values, index);
  return w[hiWord] === STALE_HIGH && w[loWord] === STALE_LOW;
}
