/**
 * @module What the signed-in user may do, from the permissions the session reply lists.
 *
 * The server decides every request on its own; this only hides buttons that would be refused.
 */

/**
 * The permission names held, from a list of names or of `{ permission, revokedBy? }` rows.
 * @param {unknown} list
 * @returns {string[]}
 */
export function heldPermissions(list) {
  if (!Array.isArray(list)) return [];
  /** @type {string[]} */
  const out = [];
  for (const item of list) {
    if (typeof item === 'string') out.push(item);
    else if (item !== null && typeof item === 'object') {
      const row = /** @type {{ permission?: unknown, revokedBy?: unknown }} */ (item);
      if (typeof row.permission === 'string' && row.revokedBy === undefined)
        out.push(row.permission);
    }
  }
  return out;
}

/**
 * Whether `held` covers `wanted`: an exact name, `*`, or a `prefix.*` pattern.
 * @param {readonly string[]} held
 * @param {string} wanted
 */
export function can(held, wanted) {
  for (const p of held) {
    if (p === wanted || p === '*') return true;
    if (p.endsWith('.*') && wanted.startsWith(p.slice(0, -1))) return true;
  }
  return false;
}
