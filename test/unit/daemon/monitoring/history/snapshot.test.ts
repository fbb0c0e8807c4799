import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { describe, test } from 'node:test';
import {
  decodeSnapshot,
  encodeSnapshot,
  SnapshotError,
  SNAPSHOT_VERSION,
  type SeriesRecord,
} from '../../../../../daemon/monitoring/history/snapshot.js';

const T0 = Date.UTC(2025, 0, 1);

const records: SeriesRecord[] = [
  {
    name: 'cpu',
    labels: { host: 'ä', job: '' },
    lastTime: T0 + 30_000,
    full: [
      { start: T0, step: 10_000, values: new Float64Array([1, NaN, -0]), offsets: null },
      {
        start: T0 + 25_000,
        step: 0,
        values: new Float64Array([0.1, 2e300]),
        offsets: new Int32Array([0, 5000]),
      },
    ],
    levels: [
      {
        stepMs: 60_000,
        chunks: [
          {
            base: T0 - 120_000,
            offsets: new Int32Array([0, 1]),
            fields: new Float64Array(10).fill(3),
          },
        ],
      },
      { stepMs: 3_600_000, chunks: [] },
    ],
  },
  { name: 'empty', labels: {}, lastTime: T0, full: [], levels: [] },
];

const attached = ['{"kind":"pushed-family","name":"jobs_total"}', 'ünïcode ✓', ''];

function encoded(): Buffer {
  return encodeSnapshot(records.length, () => records);
}

/** Rewrites length and checksum so that only the payload's own checks can catch a problem. */
function reseal(buf: Buffer): Buffer {
  buf.writeBigUInt64LE(BigInt(buf.length - 48), 8);
  createHash('sha256').update(buf.subarray(48)).digest().copy(buf, 16);
  return buf;
}

function refused(buf: Buffer, message: RegExp): void {
  assert.throws(
    () => decodeSnapshot(buf),
    (error: unknown) => error instanceof SnapshotError && message.test(error.message),
  );
}

describe('snapshot format', () => {
  test('round trip is exact', () => {
    const buf = encoded();
    assert.equal(buf.subarray(0, 4).toString('latin1'), 'CBHS');
    assert.equal(buf.readUInt16LE(4), SNAPSHOT_VERSION);
    const back = decodeSnapshot(buf);
    assert.deepEqual(back, { series: records, attached: [] });
    assert.ok(Object.is(back.series[0]!.full[0]!.values[2], -0));
  });

  test('attached entries round-trip in order, after the series', () => {
    const back = decodeSnapshot(encodeSnapshot(records.length, () => records, attached));
    assert.deepEqual(back, { series: records, attached });
  });

  test('a version 1 file (no attached entries) is still read', () => {
    const v2 = encoded();
    // Version 1 ended after the series: drop the empty attached count and reseal.
    const v1 = reseal(Buffer.from(v2.subarray(0, v2.length - 4)));
    v1.writeUInt16LE(1, 4);
    assert.equal(SNAPSHOT_VERSION, 2);
    assert.deepEqual(decodeSnapshot(v1), { series: records, attached: [] });
  });

  test('encodeSnapshot checks the series count', () => {
    assert.throws(() => encodeSnapshot(3, () => records), /expected 3 series/);
  });

  test('refuses a flipped byte anywhere in the payload', () => {
    const buf = encoded();
    for (const at of [48, 60, buf.length - 1]) {
      const bad = Buffer.from(buf);
      bad[at]! ^= 0x10;
      refused(bad, /checksum mismatch/);
    }
  });

  test('refuses truncated, padded, foreign and future files', () => {
    const buf = encoded();
    refused(buf.subarray(0, buf.length - 1), /truncated: \d+ of \d+ payload bytes/);
    refused(buf.subarray(0, 20), /truncated \(shorter than its header\)/);
    refused(Buffer.alloc(0), /truncated/);
    refused(Buffer.concat([buf, Buffer.from([0])]), /trailing garbage/);
    refused(Buffer.from(`{"json": true}${' '.repeat(60)}`), /not a history snapshot/);
    const future = Buffer.from(buf);
    future.writeUInt16LE(SNAPSHOT_VERSION + 1, 4);
    refused(future, /has format version 3; this daemon reads versions 1 and 2/);
  });

  test('a payload that passes the checksum is still bounds-checked', () => {
    const buf = encoded();
    refused(reseal(Buffer.from(buf.subarray(0, buf.length - 3))), /is corrupt: ends early/);
    refused(reseal(Buffer.concat([buf, Buffer.alloc(2)])), /2 unread bytes/);
    const nonFinite = Buffer.from(buf);
    // first series: u32 count, name, u32 labels, two labels, then f64 lastTime
    const at = 48 + 4 + (4 + 3) + 4 + (4 + 4 + 4 + 2) + (4 + 3 + 4);
    assert.equal(nonFinite.readDoubleLE(at), T0 + 30_000);
    nonFinite.writeDoubleLE(NaN, at);
    refused(reseal(nonFinite), /not a finite number/);
  });
});
