/**
 * @module Password hashing with bcrypt, off the event loop, with no silent truncation.
 *
 * - Only the async `hash`/`verify` of @node-rs/bcrypt are used: they run on the libuv pool, where
 *   the `*Sync` ones would block the daemon (two cost-12 hashes ≈ 470 ms here).
 * - Passwords are NFKC-normalised; those over 72 UTF-8 bytes are pre-hashed and stored as
 *   `cbph1$<bcrypt>` (see `bcrypt-input.ts`); others are stored as plain `$2b$` strings.
 * - `$2a$`, `$2b$` and `$2y$` strings from other tools (`htpasswd -B`) verify, so users can be
 *   imported. A password over 72 bytes never verifies against a plain bcrypt string: that would
 *   accept any password sharing its first 72 bytes. (So a user imported from a tool that truncated
 *   a longer password needs a new password.)
 * - The cost is read from a function at every call, so a configuration change applies at once;
 *   `needsRehash` tells the login path when a stored hash should be replaced.
 */
import { randomBytes } from 'node:crypto';
import { bcryptHash, bcryptVerify } from './bcrypt-pool.js';
import { InvalidInputError } from '../../../src/protocol/errors.js';
import {
  BCRYPT_MAX_COST,
  BCRYPT_MIN_COST,
  PREHASH_PREFIX,
  parseStoredHash,
} from './bcrypt-format.js';
import {
  MAX_PASSWORD_UNITS,
  bcryptInput,
  exceedsBcryptLimit,
  normalisePassword,
  unhashableReason,
} from './bcrypt-input.js';

/** The lowest cost production code may use (the minimum). */
export const PRODUCTION_MIN_COST = 10;

export interface PasswordHasherOptions {
  /**
   * The bcrypt cost for new hashes (an integer from `minCost` to 31), read at every call so that a
   * configuration change applies without a restart. The product's default is 12.
   */
  cost: () => number;
  /**
   * The lowest cost `cost()` may return. Default 10. Only tests lower it (to 4), so that a suite
   * hashing hundreds of passwords runs in seconds: cost 12 takes about 235 ms per hash here.
   * Production code never sets it.
   */
  minCost?: number;
}

/** Hashes and verifies passwords; one instance per daemon. */
export class PasswordHasher {
  private readonly cost: () => number;
  private readonly minCost: number;
  /** The dummy hash for unknown users, per cost; made on first use. */
  private dummy: { cost: number; hash: Promise<string> } | null = null;

  constructor(options: PasswordHasherOptions) {
    if (typeof options !== 'object' || options === null) {
      throw new TypeError('"options" must be an object');
    }
    if (typeof options.cost !== 'function') {
      throw new TypeError('"cost" option must be a function returning the bcrypt cost');
    }
    const minCost = options.minCost ?? PRODUCTION_MIN_COST;
    if (!Number.isInteger(minCost) || minCost < BCRYPT_MIN_COST || minCost > BCRYPT_MAX_COST) {
      throw new TypeError(
        `"minCost" option must be an integer from ${BCRYPT_MIN_COST} to ${BCRYPT_MAX_COST}`,
      );
    }
    this.cost = options.cost;
    this.minCost = minCost;
    this.currentCost(); // a bad configuration shows at start, not at the first login
  }

  /** The cost to hash with now; a TypeError when `cost()` gives something unusable. */
  currentCost(): number {
    const cost = this.cost();
    if (!Number.isInteger(cost) || cost < this.minCost || cost > BCRYPT_MAX_COST) {
      throw new TypeError(
        `"cost" option must return an integer from ${this.minCost} to ${BCRYPT_MAX_COST}, got ${String(cost)}`,
      );
    }
    return cost;
  }

  /**
   * Hashes a new password at the current cost.
   *
   * @throws TypeError when `password` is not a string.
   * @throws InvalidInputError (field `password`) when it is empty, holds a NUL character or is
   *   longer than 4096 UTF-16 code units. The strength policy is the caller's: see
   *   `assertPasswordAcceptable`.
   */
  async hash(password: string): Promise<string> {
    assertString(password);
    const reason = unhashableReason(password);
    if (reason !== null) throw new InvalidInputError(UNHASHABLE_MESSAGES[reason], 'password');
    const cost = this.currentCost();
    const { input, form } = bcryptInput(normalisePassword(password));
    const hashed = await bcryptHash(input, cost);
    return form === 'prehashed' ? PREHASH_PREFIX + hashed : hashed;
  }

  /**
   * True when `password` matches `stored` (ours, or a `$2a$`/`$2b$`/`$2y$` string from another
   * tool). Resolves false, never throws, for a password that cannot match (empty, NUL, too long)
   * and for a stored value that is no bcrypt hash; the latter still costs one bcrypt verification.
   *
   * @throws TypeError when `password` or `stored` is not a string.
   */
  async verify(password: string, stored: string): Promise<boolean> {
    assertString(password);
    if (typeof stored !== 'string') throw new TypeError('"stored" must be a string');
    if (unhashableReason(password) !== null) return false;
    const parsed = parseStoredHash(stored);
    const normalised = normalisePassword(password);
    if (parsed === null) return this.verifyDummy(password);
    if (parsed.form === 'prehashed') {
      // Long or short, the password went through bcryptInput() when this was made.
      return bcryptVerify(bcryptInput(normalised).input, parsed.bcrypt);
    }
    if (exceedsBcryptLimit(normalised)) return this.verifyDummy(password);
    if (await bcryptVerify(normalised, parsed.bcrypt)) return true;
    // An imported hash may have been made from the password as typed, not its NFKC form.
    if (normalised !== password && !exceedsBcryptLimit(password)) {
      return bcryptVerify(password, parsed.bcrypt);
    }
    return false;
  }

  /**
   * True when `stored` should be replaced by a fresh hash of the password just verified: its cost
   * differs from the current one, or it is not in the form we write (`$2b$`, or `cbph1$$2b$`).
   */
  needsRehash(stored: string): boolean {
    const cost = this.currentCost();
    const parsed = parseStoredHash(stored);
    return parsed === null || parsed.variant !== '2b' || parsed.cost !== cost;
  }

  /**
   * Does the work of a failed `verify` when there is no user to verify against, so that an unknown
   * username and a wrong password take the same time: one bcrypt verification of the same input
   * (two when NFKC changes the password, as for an imported hash), against a dummy hash made once
   * at the current cost (and again when the cost changes). Always resolves false.
   *
   * @throws TypeError when `password` is not a string.
   */
  async verifyDummy(password: string): Promise<false> {
    assertString(password);
    if (unhashableReason(password) !== null) return false;
    const dummy = await this.dummyHash();
    const normalised = normalisePassword(password);
    await bcryptVerify(bcryptInput(normalised).input, dummy);
    if (
      normalised !== password &&
      !exceedsBcryptLimit(normalised) &&
      !exceedsBcryptLimit(password)
    ) {
      await bcryptVerify(password, dummy);
    }
    return false;
  }

  /** Makes the dummy hash now (e.g. at start), so the first unknown-user login is not slower. */
  async prepare(): Promise<void> {
    await this.dummyHash();
  }

  private dummyHash(): Promise<string> {
    const cost = this.currentCost();
    if (this.dummy === null || this.dummy.cost !== cost) {
      // A random secret nobody knows: nothing verifies against it.
      const hash = bcryptHash(randomBytes(32).toString('base64'), cost);
      const entry = { cost, hash };
      this.dummy = entry;
      hash.catch(() => {
        if (this.dummy === entry) this.dummy = null; // try again next time
      });
    }
    return this.dummy.hash;
  }
}

const UNHASHABLE_MESSAGES = {
  empty: 'password must not be empty',
  nul: 'password must not contain the NUL character',
  'too-long': `password is too long: at most ${MAX_PASSWORD_UNITS} characters are accepted`,
} as const;

function assertString(password: unknown): asserts password is string {
  if (typeof password !== 'string') throw new TypeError('"password" must be a string');
}
