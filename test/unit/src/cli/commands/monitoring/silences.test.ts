import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { renderSilences } from '../../../../../../src/cli/commands/monitoring/silences.js';
import { plainColors } from '../../../../../../src/cli/output.js';
import { ago, now } from './fixtures.js';

describe('renderSilences', () => {
  test('short id, matchers, state, end, author and comment', () => {
    const base = { matchers: ['alertname=HighQueue', 'severity=~"warn.*"'], comment: 'maintenance', createdBy: 'alice' };
    const silences = [
      { ...base, id: '7b1e0d44-1111-2222-3333-444444444444', startsAt: ago(10), endsAt: ago(-110) },
      { ...base, id: '00000000-1111-2222-3333-444444444444', startsAt: ago(-5), endsAt: ago(-65), matchers: ['job=db'] },
      { ...base, id: 'ffffffff-1111-2222-3333-444444444444', startsAt: ago(60), endsAt: ago(1), matchers: ['job=old'] },
    ];
    assert.equal(
      renderSilences(silences, now, plainColors),
      [
        'ID        MATCHERS                                 STATE    ENDS                             BY     COMMENT',
        '7b1e0d44  alertname=HighQueue, severity=~"warn.*"  active   in 1h50m (2026-01-01T13:50:00Z)  alice  maintenance',
        '00000000  job=db                                   pending  in 1h5m (2026-01-01T13:05:00Z)   alice  maintenance',
        'ffffffff  job=old                                  expired  1m ago (2026-01-01T11:59:00Z)    alice  maintenance',
      ].join('\n'),
    );
    assert.equal(renderSilences([], now, plainColors), 'No silences.');
  });
});
