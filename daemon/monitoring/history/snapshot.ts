/**
 * @module The snapshot format: every series with its blocks, in one checksummed binary buffer.
 *
 * Layout (little-endian):
 *   header  magic "CBHS" | u16 version | u16 0 | u64 payload bytes | SHA-256 of the payload (32 bytes)
 *   payload u32 series count, then per series:
 *     str name | u32 labels, then str key, str value each | f64 time of the newest sample
 *     u32 blocks, each: f64 start | f64 step | u8 explicit | u32 n | f64 values[n] | i32 offsets[n] if explicit
 *     u8 levels, each: f64 step | u32 blocks, each: f64 base | u32 n | i32 offsets[n] | f64 fields[5n]
 *   then (version 2) u32 attached entries, each a str: JSON its owner reads (the monitoring
 *   engine keeps its pushed metric families there), opaque to the history
 *   (str = u32 byte length + UTF-8)
 * Values are stored as raw float64 bits, so they round-trip exactly (NaN payloads included).
 * Version 1 files (no attached entries) are still read.
 * SHA-256 rather than CRC32 because node:zlib only gained crc32 in Node 22.
 */
import { createHash } from 'node:crypto';
import { AppError } from '../../../src/protocol/errors.js';
import { BinaryReader, BinaryWriter, strSize } from './binary.js';
import { ROLLUP_FIELDS } from './aggregator.js';
import type { RollupChunkData } from './rollup-chunk.js';
import type { SampleChunkData } from './sample-chunk.js';

/** The format version written; a reader also reads version 1 and refuses any other. */
export const SNAPSHOT_VERSION = 2;
const READABLE_VERSIONS: readonly number[] = [1, 2];
const MAGIC = Buffer.from('CBHS', 'latin1');
const HEADER_BYTES = 48;

/** A snapshot cannot be used: wrong file, other version, truncated or corrupt. Nothing was loaded. */
export class SnapshotError extends AppError {
  constructor(
    readonly reason: string,
    readonly file?: string,
  ) {
    super('INTERNAL', `history snapshot ${file === undefined ? '' : `${file} `}${reason}`);
  }
}

/** One series as the snapshot holds it. */
export interface SeriesRecord {
  name: string;
  labels: Readonly<Record<string, string>>;
  lastTime: number;
  full: SampleChunkData[];
  levels: { stepMs: number; chunks: RollupChunkData[] }[];
}

function recordSize(record: SeriesRecord): number {
  let size = strSize(record.name) + 4 + 8 + 4 + 1;
  for (const [key, value] of Object.entries(record.labels)) size += strSize(key) + strSize(value);
  for (const chunk of record.full)
    size += 8 + 8 + 1 + 4 + chunk.values.byteLength + (chunk.offsets?.byteLength ?? 0);
  for (const level of record.levels) {
    size += 8 + 4;
    for (const chunk of level.chunks)
      size += 8 + 4 + chunk.offsets.byteLength + chunk.fields.byteLength;
  }
  return size;
}

function writeRecord(w: BinaryWriter, record: SeriesRecord): void {
  w.str(record.name);
  const labels = Object.entries(record.labels);
  w.u32(labels.length);
  for (const [key, value] of labels) {
    w.str(key);
    w.str(value);
  }
  w.f64(record.lastTime);
  w.u32(record.full.length);
  for (const chunk of record.full) {
    w.f64(chunk.start);
    w.f64(chunk.step);
    w.u8(chunk.offsets === null ? 0 : 1);
    w.u32(chunk.values.length);
    w.f64s(chunk.values);
    if (chunk.offsets !== null) w.i32s(chunk.offsets);
  }
  w.u8(record.levels.length);
  for (const level of record.levels) {
    w.f64(level.stepMs);
    w.u32(level.chunks.length);
    for (const chunk of level.chunks) {
      w.f64(chunk.base);
      w.u32(chunk.offsets.length);
      w.i32s(chunk.offsets);
      w.f64s(chunk.fields);
    }
  }
}

/** What a snapshot holds. */
export interface SnapshotContents {
  series: SeriesRecord[];
  /** The attached entries, in the order written (none in a version 1 file). */
  attached: string[];
}

/**
 * Encodes `count` series and the `attached` entries. `records` is called twice (once to size the
 * buffer, once to fill it) so that only one series' copy is alive at a time instead of a second
 * copy of the whole store.
 */
export function encodeSnapshot(
  count: number,
  records: () => Iterable<SeriesRecord>,
  attached: readonly string[] = [],
): Buffer {
  let size = HEADER_BYTES + 4 + 4;
  for (const entry of attached) size += strSize(entry);
  let seen = 0;
  for (const record of records()) {
    size += recordSize(record);
    seen++;
  }
  if (seen !== count) throw new Error(`snapshot: expected ${count} series, got ${seen}`);
  const buf = Buffer.allocUnsafe(size);
  const w = new BinaryWriter(buf);
  w.pos = HEADER_BYTES;
  w.u32(count);
  for (const record of records()) writeRecord(w, record);
  w.u32(attached.length);
  for (const entry of attached) w.str(entry);
  if (w.pos !== size) throw new Error(`snapshot: wrote ${w.pos} bytes, sized ${size}`);
  MAGIC.copy(buf, 0);
  buf.writeUInt16LE(SNAPSHOT_VERSION, 4);
  buf.writeUInt16LE(0, 6);
  buf.writeBigUInt64LE(BigInt(size - HEADER_BYTES), 8);
  createHash('sha256').update(buf.subarray(HEADER_BYTES)).digest().copy(buf, 16);
  return buf;
}

function finite(value: number, what: string): number {
  if (!Number.isFinite(value))
    throw new SnapshotError(`is corrupt: ${what} is not a finite number`);
  return value;
}

function readRecord(r: BinaryReader): SeriesRecord {
  const name = r.str();
  const labels: Record<string, string> = {};
  for (let n = r.u32(); n > 0; n--) {
    const key = r.str();
    labels[key] = r.str();
  }
  const lastTime = finite(r.f64(), 'a series time');
  const full: SampleChunkData[] = [];
  for (let n = r.u32(); n > 0; n--) {
    const start = finite(r.f64(), 'a block start');
    const step = finite(r.f64(), 'a block step');
    const explicit = r.u8();
    const length = r.u32();
    if (length === 0 || explicit > 1) throw new SnapshotError('is corrupt: bad block header');
    const values = r.f64s(length);
    full.push({ start, step, values, offsets: explicit === 1 ? r.i32s(length) : null });
  }
  const levels: SeriesRecord['levels'] = [];
  for (let n = r.u8(); n > 0; n--) {
    const stepMs = finite(r.f64(), 'a rollup step');
    const chunks: RollupChunkData[] = [];
    for (let c = r.u32(); c > 0; c--) {
      const base = finite(r.f64(), 'a rollup base');
      const length = r.u32();
      if (length === 0) throw new SnapshotError('is corrupt: empty rollup block');
      chunks.push({ base, offsets: r.i32s(length), fields: r.f64s(length * ROLLUP_FIELDS) });
    }
    levels.push({ stepMs, chunks });
  }
  return { name, labels, lastTime, full, levels };
}

/** Checks the header and checksum, then parses every series and attached entry. @throws SnapshotError */
export function decodeSnapshot(buf: Buffer): SnapshotContents {
  if (buf.length < HEADER_BYTES || !buf.subarray(0, 4).equals(MAGIC)) {
    throw new SnapshotError(
      buf.length < HEADER_BYTES
        ? 'is truncated (shorter than its header)'
        : 'is not a history snapshot',
    );
  }
  const version = buf.readUInt16LE(4);
  if (!READABLE_VERSIONS.includes(version)) {
    throw new SnapshotError(
      `has format version ${version}; this daemon reads versions ${READABLE_VERSIONS.join(' and ')}`,
    );
  }
  const declared = buf.readBigUInt64LE(8);
  const actual = BigInt(buf.length - HEADER_BYTES);
  if (declared !== actual) {
    throw new SnapshotError(
      declared > actual
        ? `is truncated: ${actual} of ${declared} payload bytes`
        : `has ${actual - declared} bytes of trailing garbage`,
    );
  }
  const digest = createHash('sha256').update(buf.subarray(HEADER_BYTES)).digest();
  if (!digest.equals(buf.subarray(16, HEADER_BYTES)))
    throw new SnapshotError('is corrupt: checksum mismatch');
  const r = new BinaryReader(
    buf,
    HEADER_BYTES,
    (message) => new SnapshotError(`is corrupt: ${message}`),
  );
  const series: SeriesRecord[] = [];
  for (let n = r.u32(); n > 0; n--) series.push(readRecord(r));
  const attached: string[] = [];
  if (version >= 2) for (let n = r.u32(); n > 0; n--) attached.push(r.str());
  if (r.remaining !== 0) throw new SnapshotError(`is corrupt: ${r.remaining} unread bytes`);
  return { series, attached };
}
