/**
 * @module `SecuritySystem`: the spec's security calls (`get_security_system()`), in-process.
 *
 * Each method checks its arguments (a `TypeError` naming the argument for a wrong type) and hands
 * the call to the security engine, whose coded errors pass through unchanged. The caller owns the
 * process, so there is no access gate: every call acts as the system's actor (`library` unless
 * the options name another), and that is the name the audit log records.
 *
 * The calls are written in three layers, one file each, so that no file does every job:
 * accounts, then logins on top, then this class with the rest; callers see one object.
 */
import type { BlacklistChange, BlacklistEntry } from '../../src/protocol/schemas.js';
import type { SignatureResult, SigningAlgorithm } from '../security/crypto/index.js';
import type { ScreenResult } from '../security/engine/threat-screen.js';
import type { SecurityEngine } from '../security/engine/security-engine.js';
import { detectThreat, type Threat } from '../security/threats/index.js';
import type { SecretInfo } from '../security/vault/secret-record.js';
import {
  algorithmArg,
  bytesArg,
  ipArg,
  keyVersionArg,
  optionalStringArg,
  optionsArg,
  stringArg,
} from './arguments.js';
import { SecurityLogins } from './security-logins.js';

/** What {@link SecuritySystem.rotateKeys} did. */
export type KeyRotation = Awaited<ReturnType<SecurityEngine['rotateKeys']>>;

/**
 * The security engine in-process: users and permissions ({@link SecurityAccounts}), logins and
 * tokens ({@link SecurityLogins}), and here encryption, signing, secrets, threats and the
 * blacklist.
 */
export class SecuritySystem extends SecurityLogins {
  /**
   * Encrypts with AES-256-GCM under the newest data key (the spec's `encrypt_data`).
   * @param aad - associated data: the same text must be given to decrypt.
   * @returns self-describing text, `cbv<key version>:…`.
   */
  async encryptData(data: string | Buffer, aad?: string): Promise<string> {
    const args = [bytesArg(data, 'data'), optionalStringArg(aad, 'aad')] as const;
    return (await this.engine()).encrypt(...args);
  }

  /**
   * Decrypts what {@link encryptData} made (the spec's `decrypt_data`).
   * @throws CryptoInputError INVALID_INPUT, `reason` malformed, tampered or unknown_key_version.
   */
  async decryptData(ciphertext: string, aad?: string): Promise<Buffer> {
    const args = [stringArg(ciphertext, 'ciphertext'), optionalStringArg(aad, 'aad')] as const;
    const core = await this.core;
    const plain = await core.security.decrypt(...args);
    await core.audit.append({
      type: 'data.decrypted',
      actor: this.actor,
      outcome: 'success',
      details: { bytes: plain.length },
    });
    return plain;
  }

  /** {@link decryptData}, read as UTF-8 text. */
  async decryptText(ciphertext: string, aad?: string): Promise<string> {
    return (await this.decryptData(ciphertext, aad)).toString('utf8');
  }

  /** Signs with the newest key of `algorithm` (a key is made on first use). */
  async signData(
    data: string | Buffer,
    algorithm: SigningAlgorithm = 'rsa-pss',
  ): Promise<SignatureResult> {
    const args = [bytesArg(data, 'data'), algorithmArg(algorithm)] as const;
    const core = await this.core;
    const result = await core.security.sign(...args);
    await core.audit.append({
      type: 'data.signed',
      actor: this.actor,
      outcome: 'success',
      details: { algorithm: result.algorithm, kid: result.kid },
    });
    return result;
  }

  /**
   * Checks a signature: the base64 text with its algorithm (and key version; default, any key
   * of the algorithm), or the whole result of {@link signData}.
   */
  async verifySignature(
    data: string | Buffer,
    signature: string | SignatureResult,
    algorithm: SigningAlgorithm = 'rsa-pss',
    keyVersion?: number,
  ): Promise<boolean> {
    const bytes = bytesArg(data, 'data');
    if (typeof signature === 'object' && signature !== null) {
      const given = optionsArg(signature, 'signature');
      const args = [
        stringArg(given['signature'], 'signature.signature'),
        algorithmArg(given['algorithm'], 'signature.algorithm'),
        keyVersionArg(given['keyVersion'], 'signature.keyVersion'),
      ] as const;
      return (await this.engine()).verify(bytes, ...args);
    }
    const args = [
      stringArg(signature, 'signature'),
      algorithmArg(algorithm),
      keyVersionArg(keyVersion),
    ] as const;
    return (await this.engine()).verify(bytes, ...args);
  }

  /** New data and signing keys; stored secrets are resealed under the new data key. */
  async rotateKeys(): Promise<KeyRotation> {
    return (await this.engine()).rotateKeys(this.actor);
  }

  /**
   * The detector's verdict on a request (the spec's `detect_threat`): SQL injection, XSS, path
   * traversal or command injection in any string of it, or null. Nothing is recorded or enforced
   * (see {@link screenRequest}), so this is synchronous and never throws.
   */
  detectThreat(request: unknown): Threat | null {
    return detectThreat(request);
  }

  /**
   * Screens a request with enforcement: a threat is a `threat.detected` event and a failure of
   * `ip`, so repeats from one address lead to its ban. `refused` says whether to turn it away.
   */
  async screenRequest(request: unknown, options?: { ip?: string | null }): Promise<ScreenResult> {
    const ip = ipArg(optionsArg(options)['ip'], 'options.ip');
    return (await this.engine()).screen.screen(request, {
      ip,
      actor: this.actor,
      source: 'library',
    });
  }

  /** Stores (or replaces) a secret, encrypted at rest. @throws InvalidInputError (name, value) */
  async putSecret(
    name: string,
    value: string | Buffer,
  ): Promise<{ secret: SecretInfo; created: boolean }> {
    const args = [stringArg(name, 'name'), bytesArg(value, 'value')] as const;
    return (await this.engine()).vault.put(...args, this.actor);
  }

  /** A secret's value; the read is an audit event. @throws NotFoundError */
  async getSecret(name: string): Promise<Buffer> {
    return (await this.engine()).vault.get(stringArg(name, 'name'), this.actor);
  }

  /** @throws NotFoundError */
  async deleteSecret(name: string): Promise<SecretInfo> {
    return (await this.engine()).vault.delete(stringArg(name, 'name'), this.actor);
  }

  /** Names and metadata, never values. */
  async listSecrets(): Promise<SecretInfo[]> {
    return (await this.engine()).vault.list();
  }

  /** Blocks an address or CIDR network; an existing entry gets the new reason and expiry. */
  async addToBlacklist(
    target: string,
    options: { ttlMs?: number | null; reason?: string } = {},
  ): Promise<{ entry: BlacklistEntry; created: boolean }> {
    return (await this.core).blacklist.add(target, {
      ...options,
      source: 'manual',
      actor: this.actor,
    });
  }

  /** Unblocks exactly this address or network. @throws NotFoundError */
  async removeFromBlacklist(target: string): Promise<BlacklistEntry> {
    return (await this.core).blacklist.remove(target, this.actor);
  }

  /** The entry that blocks `ip`, or null. @throws InvalidInputError for a bad address. */
  async isBlacklisted(ip: string): Promise<BlacklistEntry | null> {
    return (await this.core).blacklist.check(ip);
  }

  async listBlacklist(): Promise<BlacklistEntry[]> {
    return (await this.core).blacklist.list();
  }

  /** Calls `listener` after each durable change. @returns a function that unsubscribes. */
  async onBlacklistChange(listener: (change: BlacklistChange) => void): Promise<() => void> {
    const { blacklist } = await this.core;
    blacklist.on('change', listener);
    return () => blacklist.off('change', listener);
  }

  /** Removes entries whose time is up (the daemon does this on a schedule). */
  async expireBlacklist(): Promise<number> {
    return (await this.core).blacklist.expireDue();
  }
}
