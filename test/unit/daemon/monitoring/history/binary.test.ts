import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import {
  BinaryReader,
  BinaryWriter,
  strSize,
} from '../../../../../daemon/monitoring/history/binary.js';

describe('binary writer and reader', () => {
  test('round-trips every type, unaligned, with exact float bits', () => {
    const f = new Float64Array([
      0,
      -0,
      NaN,
      Infinity,
      -Infinity,
      0.1 + 0.2,
      Number.MIN_VALUE,
      -Number.MAX_VALUE,
    ]);
    const odd = new Float64Array(
      new BigUint64Array([0x7ff0_0000_0000_0002n, 0xfff8_0000_0000_0001n]).buffer,
    );
    const ints = new Int32Array([0, -1, 2 ** 31 - 1, -(2 ** 31)]);
    const size = 1 + 4 + 8 + strSize('héllo ✓') + f.byteLength + odd.byteLength + ints.byteLength;
    const buf = Buffer.alloc(size + 1);
    const w = new BinaryWriter(buf.subarray(1)); // odd offset: no alignment assumed
    w.u8(200);
    w.u32(4_000_000_000);
    w.f64(-1.5);
    w.str('héllo ✓');
    w.f64s(f);
    w.f64s(odd);
    w.i32s(ints);
    assert.equal(w.pos, size);
    const r = new BinaryReader(buf.subarray(1), 0, (m) => new Error(m));
    assert.equal(r.u8(), 200);
    assert.equal(r.u32(), 4_000_000_000);
    assert.equal(r.f64(), -1.5);
    assert.equal(r.str(), 'héllo ✓');
    const back = r.f64s(f.length);
    assert.ok([...f].every((v, i) => Object.is(v, back[i])));
    const oddBack = r.f64s(2);
    assert.deepEqual(
      [...new BigUint64Array(oddBack.buffer)],
      [0x7ff0_0000_0000_0002n, 0xfff8_0000_0000_0001n],
    );
    assert.deepEqual([...r.i32s(4)], [...ints]);
    assert.equal(r.remaining, 0);
  });

  test('reads past the end fail with the caller’s error', () => {
    const r = new BinaryReader(Buffer.from([1, 2, 3]), 0, (m) => new RangeError(`bad: ${m}`));
    assert.throws(() => r.u32(), /bad: ends early at byte 0/);
    assert.throws(() => r.f64s(1), RangeError);
    const s = new BinaryReader(Buffer.from([255, 255, 255, 0]), 0, (m) => new Error(m));
    assert.throws(() => s.str(), /ends early/);
  });
});
