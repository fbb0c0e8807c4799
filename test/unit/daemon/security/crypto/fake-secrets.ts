/** An in-memory stand-in for the daemon's SecretStore, recording writes. */
import type { SecretBackend } from '../../../../../daemon/security/crypto/index.js';

export class FakeSecrets implements SecretBackend {
  readonly values = new Map<string, string>();
  writes = 0;
  failNextWrite = false;

  async get(name: string): Promise<string | null> {
    return this.values.get(name) ?? null;
  }

  async set(name: string, value: string): Promise<void> {
    if (this.failNextWrite) {
      this.failNextWrite = false;
      throw new Error('disk full');
    }
    this.writes += 1;
    this.values.set(name, value);
  }
}
