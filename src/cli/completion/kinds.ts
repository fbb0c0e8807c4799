/**
 * @module The dynamic kinds of `clickup-brain __complete <kind>`: for each, the read-only method
 * that lists the things and how to take their names out of its answer.
 *
 * Deliberately free of the protocol's schemas (zod): completion must start fast, and a wrong
 * shape only means nothing is offered.
 */
import type { MethodName } from '../../protocol/methods.js';

export interface KindQuery {
  method: MethodName;
  params: Record<string, unknown>;
  /** The names in the method's result (unsorted, maybe repeated). */
  names: (result: unknown) => string[];
}

/** `result[list][*][field]`, keeping the string values only. */
function field(list: string, name: string, keep?: (item: Record<string, unknown>) => boolean) {
  return (result: unknown): string[] => {
    const items = (result as Record<string, unknown> | null)?.[list];
    if (!Array.isArray(items)) return [];
    return items
      .filter((item): item is Record<string, unknown> => typeof item === 'object' && item !== null)
      .filter((item) => keep === undefined || keep(item))
      .map((item) => item[name])
      .filter((value): value is string => typeof value === 'string');
  };
}

function strings(list: string) {
  return (result: unknown): string[] => {
    const items = (result as Record<string, unknown> | null)?.[list];
    return Array.isArray(items) ? items.filter((v): v is string => typeof v === 'string') : [];
  };
}

/** Every permission some role holds (wildcards like `monitoring.*` included). */
function rolePermissions(result: unknown): string[] {
  const roles = (result as Record<string, unknown> | null)?.['roles'];
  if (!Array.isArray(roles)) return [];
  return roles.flatMap((role: unknown) => {
    const list = (role as Record<string, unknown> | null)?.['permissions'];
    return Array.isArray(list) ? list.filter((v): v is string => typeof v === 'string') : [];
  });
}

const none = {};

/** Every kind, by the name the scripts pass. */
export const KINDS: Readonly<Record<string, KindQuery>> = {
  rule: { method: 'monitoring.rules.list', params: none, names: field('rules', 'name') },
  check: { method: 'monitoring.checks.list', params: none, names: field('checks', 'name') },
  heartbeat: {
    method: 'monitoring.checks.list',
    params: none,
    names: field('checks', 'name', (c) => c['type'] === 'heartbeat'),
  },
  metric: { method: 'monitoring.metrics.list', params: none, names: field('metrics', 'name') },
  alert: { method: 'monitoring.alerts.list', params: none, names: field('alerts', 'id') },
  silence: { method: 'monitoring.silences.list', params: none, names: field('silences', 'id') },
  maintenance: {
    method: 'monitoring.maintenance.list',
    params: none,
    names: field('windows', 'id'),
  },
  channel: { method: 'monitoring.channels.list', params: none, names: field('channels', 'name') },
  route: { method: 'monitoring.routes.list', params: none, names: field('routes', 'id') },
  user: { method: 'security.users.list', params: none, names: field('users', 'username') },
  permission: { method: 'security.roles', params: none, names: rolePermissions },
  blacklist: {
    method: 'security.blacklist.list',
    params: none,
    names: field('entries', 'target'),
  },
  allowlist: { method: 'security.allowlist.list', params: none, names: strings('entries') },
  // Needs security.secrets.read: refused (so nothing offered) unless the store has no users yet.
  secret: { method: 'security.secrets.list', params: none, names: field('secrets', 'name') },
};

/** The names to print: those starting with `prefix`, sorted, each once. */
export function namesFor(query: KindQuery, result: unknown, prefix: string): string[] {
  const names = new Set(
    query.names(result).filter((n) => n.startsWith(prefix) && !n.includes('\n')),
  );
  return [...names].sort();
}
