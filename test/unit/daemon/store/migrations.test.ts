import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { type Migration, migrate, migrations } from '../../../../daemon/store/migrations.js';

describe('migrate', () => {
  test('runs the steps from the document version up to the target, in order', () => {
    const order: number[] = [];
    const steps: Record<number, Migration> = {
      1: (d) => (order.push(1), { ...d, a: 1 }),
      2: (d) => (order.push(2), { ...d, b: (d['a'] as number) + 1 }),
      3: (d) => (order.push(3), { ...d, c: (d['b'] as number) + 1 }),
    };
    const { data, applied } = migrate({ x: 'kept' }, 3, steps);
    assert.deepEqual(order, [1, 2, 3]);
    assert.deepEqual(applied, [1, 2, 3]);
    assert.deepEqual(data, { x: 'kept', a: 1, b: 2, c: 3, version: 3 });
  });

  test('starts after the current version', () => {
    const order: number[] = [];
    const steps: Record<number, Migration> = {
      1: () => assert.fail('step 1 must not run'),
      2: (d) => (order.push(2), { ...d, two: true }),
      3: (d) => (order.push(3), { ...d, three: true }),
    };
    const { data, applied } = migrate({ version: 1 }, 3, steps);
    assert.deepEqual(applied, [2, 3]);
    assert.deepEqual(data, { version: 3, two: true, three: true });
  });

  test('the version is set by migrate even when a step forgets it', () => {
    assert.deepEqual(migrate({ version: 1 }, 2, { 2: () => ({ version: 99, y: 1 }) }).data, {
      version: 2,
      y: 1,
    });
  });

  test('a document at the target version passes unchanged, as a copy', () => {
    const input = { version: 2, nested: { list: [1, 2] } };
    const { data, applied } = migrate(input, 2, {});
    assert.deepEqual(applied, []);
    assert.deepEqual(data, input);
    assert.notEqual(data, input);
    (data['nested'] as { list: number[] }).list.push(3);
    assert.deepEqual(input.nested.list, [1, 2]);
  });

  test('steps work on a copy: the input is not changed', () => {
    const input = { version: 0, list: [1] };
    migrate(input, 1, {
      1: (d) => {
        (d['list'] as number[]).push(2);
        return d;
      },
    });
    assert.deepEqual(input, { version: 0, list: [1] });
  });

  test('a document newer than this build is refused', () => {
    assert.throws(() => migrate({ version: 5 }, 2, {}), {
      message: 'is version 5, newer than this build understands (2); upgrade clickup-brain',
    });
  });

  test('a missing step is refused', () => {
    assert.throws(() => migrate({ version: 1 }, 3, { 2: (d) => d }), {
      message: 'cannot be migrated: no migration to version 3',
    });
  });

  test('an invalid version is refused', () => {
    assert.throws(() => migrate({ version: 1.5 }, 2, {}), {
      message: 'has an invalid version 1.5',
    });
    assert.throws(() => migrate({ version: -1 }, 2, {}), { message: 'has an invalid version -1' });
    assert.throws(() => migrate({ version: Number.NaN }, 2, {}), {
      message: 'has an invalid version NaN',
    });
  });

  test('a document without a numeric version counts as version 0', () => {
    assert.deepEqual(migrate({}, 1, { 1: (d) => ({ ...d, v1: true }) }).data, {
      v1: true,
      version: 1,
    });
  });
});

describe('the built-in migrations', () => {
  test('version 1 keeps the blacklist of an unversioned file', () => {
    const { data, applied } = migrate(
      { blacklist: [{ target: '1.2.3.4' }], other: 1 },
      1,
      migrations,
    );
    assert.deepEqual(applied, [1]);
    assert.deepEqual(data, { version: 1, blacklist: [{ target: '1.2.3.4' }] });
  });

  test('version 1 starts an empty blacklist when there is none', () => {
    assert.deepEqual(migrate({}, 1, migrations).data, { version: 1, blacklist: [] });
    assert.deepEqual(migrate({ blacklist: 'nope' }, 1, migrations).data, {
      version: 1,
      blacklist: [],
    });
  });
});

describe('the built-in migrations: version 2 (monitoring)', () => {
  const monitoring = {
    rules: [],
    checks: [],
    silences: [],
    acks: [],
    alerts: [],
    alertHistory: [],
  };

  test('version 1 to 2 keeps the blacklist and adds the empty monitoring arrays', () => {
    const blacklist = [{ target: '1.2.3.4' }, { target: '10.0.0.0/8' }];
    const { data, applied } = migrate({ version: 1, blacklist }, 2, migrations);
    assert.deepEqual(applied, [2]);
    assert.deepEqual(data, { version: 2, blacklist, ...monitoring });
  });

  test('an unversioned file passes through both steps', () => {
    const { data, applied } = migrate(
      { blacklist: [{ target: '5.6.7.8' }], stray: true },
      2,
      migrations,
    );
    assert.deepEqual(applied, [1, 2]);
    assert.deepEqual(data, { version: 2, blacklist: [{ target: '5.6.7.8' }], ...monitoring });
  });

  test('version 0 without a blacklist ends as the empty version 2 store', () => {
    assert.deepEqual(migrate({}, 2, migrations).data, { version: 2, blacklist: [], ...monitoring });
  });

  test('a version 2 document is left as it is', () => {
    const current = { version: 2, blacklist: [], ...monitoring, rules: [{ name: 'r' }] };
    const { data, applied } = migrate(current, 2, migrations);
    assert.deepEqual(applied, []);
    assert.deepEqual(data, current);
  });
});

describe('the built-in migrations: version 5 (notifications)', () => {
  test('version 4 to 5 keeps everything and adds channels, routes, dispatcher state and deliveries', () => {
    const v4 = { version: 4, blacklist: [{ target: '1.2.3.4' }], users: [{ username: 'ada' }] };
    const { data, applied } = migrate(v4, 5, migrations);
    assert.deepEqual(applied, [5]);
    assert.deepEqual(data, {
      ...v4,
      version: 5,
      channels: [],
      routes: [],
      notificationState: null,
      deliveries: [],
    });
  });
});

describe('the built-in migrations: version 6 (check uptime buckets)', () => {
  test('version 5 to 6 keeps everything and adds an empty uptime map', () => {
    const v5 = { version: 5, checks: [{ name: 'web' }], deliveries: [{ id: 'd' }] };
    const { data, applied } = migrate(v5, 6, migrations);
    assert.deepEqual(applied, [6]);
    assert.deepEqual(data, { ...v5, version: 6, checkUptime: {} });
  });
});

describe('the built-in migrations: version 4 (security)', () => {
  test('version 3 to 4 keeps everything and adds the empty security collections', () => {
    const v3 = {
      version: 3,
      blacklist: [{ target: '1.2.3.4' }],
      rules: [{ name: 'r' }],
      maintenance: [{ id: 'm' }],
    };
    const { data, applied } = migrate(v3, 4, migrations);
    assert.deepEqual(applied, [4]);
    assert.deepEqual(data, {
      ...v3,
      version: 4,
      users: [],
      sessions: [],
      secrets: [],
      ipOffenses: [],
      allowlist: [],
      lastPosture: null,
    });
  });
});

describe('the built-in migrations: version 3 (maintenance windows)', () => {
  test('version 2 to 3 keeps everything and adds an empty maintenance list', () => {
    const v2 = {
      version: 2,
      blacklist: [{ target: '1.2.3.4' }],
      rules: [{ name: 'r' }],
      checks: [{ name: 'c' }],
      silences: [{ id: 's' }],
      acks: [{ alertId: 'a' }],
      alerts: [{ id: 'a' }],
      alertHistory: [{ kind: 'firing' }],
    };
    const { data, applied } = migrate(v2, 3, migrations);
    assert.deepEqual(applied, [3]);
    assert.deepEqual(data, { ...v2, version: 3, maintenance: [] });
  });

  test('version 1 passes through 2 and 3', () => {
    const { data, applied } = migrate({ version: 1, blacklist: [] }, 3, migrations);
    assert.deepEqual(applied, [2, 3]);
    assert.deepEqual(data, {
      version: 3,
      blacklist: [],
      rules: [],
      checks: [],
      silences: [],
      acks: [],
      alerts: [],
      alertHistory: [],
      maintenance: [],
    });
  });

  test('every step up to the current store version exists and ends in the empty store', async () => {
    const { STORE_VERSION, emptyStore, storeSchema } =
      await import('../../../../daemon/store/schema.js');
    assert.equal(STORE_VERSION, 6);
    for (let v = 1; v <= STORE_VERSION; v++)
      assert.equal(typeof migrations[v], 'function', `step ${v}`);
    for (const start of [{}, { version: 1, blacklist: [] }]) {
      const { data } = migrate(start, STORE_VERSION, migrations);
      assert.deepEqual(storeSchema.parse(data), emptyStore());
    }
  });
});
