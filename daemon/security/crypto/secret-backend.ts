/**
 * @module The slice of the daemon's SecretStore that key material goes through.
 *
 * Injected rather than imported so the engine runs in-process as a library and in tests with a
 * fake, while in the daemon keys live in the OS keychain or 0600 files (daemon/security/secret-store.ts).
 */

/** Where key rings and signing keys are persisted; the daemon's SecretStore fits. */
export interface SecretBackend {
  get(name: string): Promise<string | null>;
  set(name: string, value: string): Promise<void>;
}

/** Parses a stored JSON secret, or returns undefined when it is not JSON. */
export function parseStoredJson(raw: string): unknown {
  try {
    return JSON.parse(raw) as unknown;
  } catch {
    return undefined;
  }
}

/** Runs async mutations one after another so two rotations never read the same old state. */
export class SerialQueue {
  #tail: Promise<unknown> = Promise.resolve();

  /** Queues `task` behind every earlier one; a failure does not block later tasks. */
  run<T>(task: () => Promise<T>): Promise<T> {
    const next = this.#tail.then(task, task);
    this.#tail = next.catch(() => undefined);
    return next;
  }
}
