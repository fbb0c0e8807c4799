/**
 * @module Shared assertions for the metrics tests.
 */
import assert from 'node:assert/strict';
import { InvalidInputError } from '../../../../../src/protocol/errors.js';

/** Asserts that `fn` throws an InvalidInputError (code INVALID_INPUT) with exactly `message`. */
export function throwsInvalid(fn: () => unknown, message: string, field?: string): void {
  assert.throws(fn, (error: unknown) => {
    assert.ok(
      error instanceof InvalidInputError,
      `expected InvalidInputError, got ${String(error)}`,
    );
    assert.equal(error.code, 'INVALID_INPUT');
    assert.equal(error.message, message);
    if (field !== undefined) assert.equal(error.details.field, field);
    return true;
  });
}

/** A clock the test moves by hand (ms since the epoch). */
export function manualClock(start = 1_700_000_000_000): {
  now: () => number;
  advance: (ms: number) => void;
  set: (ms: number) => void;
} {
  let time = start;
  return {
    now: () => time,
    advance: (ms) => {
      time += ms;
    },
    set: (ms) => {
      time = ms;
    },
  };
}
