import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import {
  cell,
  clockTime,
  isThreat,
  outcomeColour,
  timeLeft,
  timeLeftIso,
  tint,
} from '../../../../../src/ui/security/format.js';
import { event, NOW } from './fixtures.js';

describe('security view formatters', () => {
  it('timeLeft rounds up to whole seconds, says expired and permanent', () => {
    assert.equal(timeLeft(NOW + 900_000, NOW), '15m');
    assert.equal(timeLeft(NOW + 89_001, NOW), '1m30s');
    assert.equal(timeLeft(NOW + 1, NOW), '1s');
    assert.equal(timeLeft(NOW, NOW), 'expired');
    assert.equal(timeLeft(NOW - 5, NOW), 'expired');
    assert.equal(timeLeft(null, NOW), 'permanent');
  });

  it('timeLeftIso reads ISO deadlines', () => {
    assert.equal(timeLeftIso(new Date(NOW + 3_600_000).toISOString(), NOW), '1h');
    assert.equal(timeLeftIso(null, NOW), 'permanent');
  });

  it('clockTime shows UTC HH:MM:SS, or dashes for a bad time', () => {
    assert.equal(clockTime('2026-01-01T11:58:21.000Z'), '11:58:21');
    assert.equal(clockTime(NOW), '12:00:00');
    assert.equal(clockTime('not a time'), '--:--:--');
  });

  it('cell pads and cuts with an ellipsis', () => {
    assert.equal(cell('bob', 5), 'bob  ');
    assert.equal(cell('abcdef', 5), 'abcd…');
    assert.equal(cell('abcde', 5), 'abcde');
  });

  it('tint gives the colour only when colours are on', () => {
    assert.equal(tint(true, 'red'), 'red');
    assert.equal(tint(false, 'red'), undefined);
  });

  it('colours outcomes and picks threats', () => {
    assert.deepEqual((['success', 'failure', 'refused', 'info'] as const).map(outcomeColour), [
      'green',
      'red',
      'yellow',
      'cyan',
    ]);
    assert.deepEqual(
      ['threat.detected', 'ip.banned', 'login.failure', 'login.success', 'user.created'].map((t) =>
        isThreat(event(1, t)),
      ),
      [true, true, true, false, false],
    );
  });
});
