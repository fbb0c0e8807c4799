import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import {
  followsBottom,
  lockedUsers,
  MODES,
  panelsOf,
  rowsOf,
  selectedIndex,
  threats,
} from '../../../../../src/ui/security/panels.js';
import { sampleData } from './fixtures.js';

describe('security panels', () => {
  it('lists the panels of each mode in Tab order', () => {
    assert.deepEqual(MODES, ['status', 'events']);
    assert.deepEqual(panelsOf('status'), ['sessions', 'locked', 'bans', 'threats']);
    assert.deepEqual(panelsOf('events'), ['events']);
    assert.deepEqual(
      (['sessions', 'locked', 'bans', 'threats', 'events'] as const).map(followsBottom),
      [false, false, false, true, true],
    );
  });

  it('gives each panel its rows, tagged by kind', () => {
    const data = sampleData();
    assert.deepEqual(
      rowsOf('sessions', data).map((r) => [r.kind, r.kind === 'session' ? r.value.id : '']),
      [
        ['session', 's-alice-1'],
        ['session', 's-carol-1'],
      ],
    );
    assert.deepEqual(
      lockedUsers(data).map((u) => u.username),
      ['bob'],
    );
    assert.deepEqual(
      rowsOf('locked', data).map((r) => r.kind),
      ['user'],
    );
    assert.deepEqual(rowsOf('bans', data).length, 3);
    assert.deepEqual(
      threats(data).map((e) => e.seq),
      [1, 3, 4],
    );
    assert.deepEqual(
      rowsOf('events', data).map((r) => (r.kind === 'event' ? r.value.seq : 0)),
      [1, 2, 3, 4],
    );
    assert.deepEqual(rowsOf('sessions', { ...data, sessions: null }), []);
  });

  it('selectedIndex follows the last row for -1 or past the end', () => {
    assert.equal(selectedIndex(0, 0), -1);
    assert.equal(selectedIndex(-1, 4), 3);
    assert.equal(selectedIndex(9, 4), 3);
    assert.equal(selectedIndex(1, 4), 1);
  });
});
