/**
 * @module The library's `dashboardStatusPage` option: whether the embedded dashboard serves the
 * public status page (`/status` and `/api/v1/status`, no login).
 *
 * The embedding process has no config keys, so the option is the setting: a boolean, or a
 * function read at every request so the page can be switched on and off while it runs.
 */

/**
 * The option as the getter the routes read. A function that throws or returns anything but
 * `true` counts as off: a public page fails closed.
 * @param value - `true`, `false` or `() => boolean`; default (undefined): off.
 * @throws TypeError when `value` is none of those.
 */
export function statusPageOption(value: unknown): () => boolean {
  if (value === undefined || value === false) return () => false;
  if (value === true) return () => true;
  if (typeof value !== 'function')
    throw new TypeError(
      '"dashboardStatusPage" option must be a boolean or a function returning one',
    );
  const read = value as () => unknown;
  return () => {
    try {
      return read() === true;
    } catch {
      return false;
    }
  };
}
