/**
 * @module Version-keyed store migrations.
 *
 * `migrations[n]` turns a version n-1 document into version n. They run in order on open, on a
 * copy, and the result is validated before anything is written back; a failed migration leaves
 * the file as it was.
 */

/** One step: takes the document at version `n - 1`, returns it at version `n`. */
export type Migration = (data: Record<string, unknown>) => Record<string, unknown>;

export const migrations: Record<number, Migration> = {
  // Version 1 is the first released shape; a file without a version predates releases and only
  // ever held the blacklist.
  1: (data) => ({
    version: 1,
    blacklist: Array.isArray(data['blacklist']) ? data['blacklist'] : [],
  }),
  // Version 2 adds monitoring: alert rules, health checks, silences, acknowledgements, alert state.
  2: (data) => ({
    ...data,
    rules: [],
    checks: [],
    silences: [],
    acks: [],
    alerts: [],
    alertHistory: [],
  }),
  // Version 3 adds recurring maintenance windows.
  3: (data) => ({ ...data, maintenance: [] }),
  // Version 4 adds the security engine: users, sessions, secrets, ban history and the allowlist.
  4: (data) => ({
    ...data,
    users: [],
    sessions: [],
    secrets: [],
    ipOffenses: [],
    allowlist: [],
    lastPosture: null,
  }),
  // Version 5 adds notifications: channels, routes, the dispatcher's state and the delivery log.
  5: (data) => ({ ...data, channels: [], routes: [], notificationState: null, deliveries: [] }),
  // Version 6 adds the hourly uptime buckets of health checks (the public status page's 30 days).
  6: (data) => ({ ...data, checkUptime: {} }),
};

/**
 * Applies the steps from the document's version up to `target`.
 *
 * @returns the migrated document and the versions it passed through.
 * @throws Error when the document is newer than this build or a step is missing.
 */
export function migrate(
  input: Record<string, unknown>,
  target: number,
  steps: Record<number, Migration> = migrations,
): { data: Record<string, unknown>; applied: number[] } {
  const from = typeof input['version'] === 'number' ? input['version'] : 0;
  if (!Number.isInteger(from) || from < 0)
    throw new Error(`has an invalid version ${String(input['version'])}`);
  if (from > target) {
    throw new Error(
      `is version ${from}, newer than this build understands (${target}); upgrade clickup-brain`,
    );
  }
  let data: Record<string, unknown> = structuredClone(input);
  const applied: number[] = [];
  for (let version = from + 1; version <= target; version++) {
    const step = steps[version];
    if (step === undefined)
      throw new Error(`cannot be migrated: no migration to version ${version}`);
    data = { ...step(data), version };
    applied.push(version);
  }
  return { data, applied };
}
