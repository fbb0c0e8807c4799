/**
 * @module Loading keytar (the OS keychain) only when a login is saved or read, and only if present.
 *
 * keytar is an optional, native dependency: it may be missing, fail to load (no libsecret), or load
 * and then reject every call (no D-Bus session, no Secret Service). All of these mean "no
 * keychain", never a failed command.
 *
 * Why a dynamic `import()` of a specifier held in a parameter rather than
 * `createRequire(import.meta.url)('keytar')`: the CLI is an esbuild CommonJS bundle, where
 * `import.meta` is empty, so that `createRequire` would throw there and the keychain would silently
 * never be used. esbuild leaves an `import()` of a non-literal alone (no bundling, so the build's
 * keytar guard is not tripped), and Node resolves it from the calling file in both the ES module
 * build and the bundle: dist/cli/program.cjs finds node_modules/keytar like any other file.
 */

/** The three keytar calls the credential store uses. */
export interface KeytarLike {
  getPassword(service: string, account: string): Promise<string | null>;
  setPassword(service: string, account: string, password: string): Promise<void>;
  deletePassword(service: string, account: string): Promise<boolean>;
}

function asKeytar(value: unknown): KeytarLike | null {
  if (typeof value !== 'object' || value === null) return null;
  const api = value as Partial<Record<keyof KeytarLike, unknown>>;
  return typeof api.getPassword === 'function' &&
    typeof api.setPassword === 'function' &&
    typeof api.deletePassword === 'function'
    ? (value as KeytarLike)
    : null;
}

/**
 * @param specifier - the module to load; a parameter so that no bundler sees a literal (and so
 *   that tests can name a missing module).
 * @returns keytar's API, or null when it is not installed or cannot load.
 */
export async function loadKeytar(specifier = 'keytar'): Promise<KeytarLike | null> {
  try {
    const loaded = (await import(specifier)) as { default?: unknown };
    // keytar is CommonJS: its API is the default export, or the namespace itself elsewhere.
    return asKeytar(loaded.default) ?? asKeytar(loaded);
  } catch {
    return null;
  }
}
