/**
 * @module The shapes of stored password hashes: plain bcrypt strings and our pre-hashed form.
 *
 * A stored value is either a standard bcrypt string (`$2b$12$` + 22 salt + 31 hash characters),
 * portable to any bcrypt tool, or `cbph1$` followed by one: the marker says the password was longer
 * than bcrypt's 72-byte limit and was pre-hashed first (see `prehash.ts`). The form alone tells
 * `verify()` what to do, so no other column is needed in the store.
 */

/** bcrypt reads at most this many bytes of its input; the rest is ignored by the algorithm. */
export const BCRYPT_MAX_BYTES = 72;

/** The marker in front of a bcrypt string whose input was the pre-hash of a long password. */
export const PREHASH_PREFIX = 'cbph1$';

/** The lowest and highest cost the bcrypt format can express. */
export const BCRYPT_MIN_COST = 4;
export const BCRYPT_MAX_COST = 31;

/**
 * `$2a$` (the original OpenBSD tag), `$2b$` (OpenBSD since 2014, what we write) and `$2y$`
 * (crypt_blowfish, what `htpasswd -B` writes) all mean the same algorithm for the inputs we pass.
 * `$2x$` is left out on purpose: it marks hashes made by crypt_blowfish's old sign-extension bug,
 * which no correct implementation reproduces, so accepting it would verify the wrong thing.
 */
const BCRYPT = /^\$2([aby])\$(\d\d)\$[./A-Za-z0-9]{53}$/;

/** A stored hash taken apart. */
export interface StoredHash {
  /** `plain`: bcrypt of the password itself; `prehashed`: bcrypt of its pre-hash. */
  form: 'plain' | 'prehashed';
  /** The bcrypt string, without our marker. */
  bcrypt: string;
  variant: '2a' | '2b' | '2y';
  cost: number;
}

function parseBcrypt(value: string): { variant: '2a' | '2b' | '2y'; cost: number } | null {
  const match = BCRYPT.exec(value);
  if (match === null) return null;
  const cost = Number(match[2]);
  if (cost < BCRYPT_MIN_COST || cost > BCRYPT_MAX_COST) return null;
  return { variant: `2${match[1]}` as '2a' | '2b' | '2y', cost };
}

/**
 * True for a standard bcrypt string with the `$2a$`, `$2b$` or `$2y$` tag and a cost from 4 to 31
 * (our `cbph1$` form is not a standard bcrypt string: use {@link parseStoredHash} for it).
 */
export function isBcryptHash(value: string): boolean {
  return typeof value === 'string' && parseBcrypt(value) !== null;
}

/** The cost of a bcrypt string or of our `cbph1$` form; null for anything else. */
export function bcryptCost(value: string): number | null {
  return parseStoredHash(value)?.cost ?? null;
}

/** Takes a stored value apart; null when it is neither a bcrypt string nor our `cbph1$` form. */
export function parseStoredHash(value: string): StoredHash | null {
  if (typeof value !== 'string') return null;
  if (value.startsWith(PREHASH_PREFIX)) {
    const bcrypt = value.slice(PREHASH_PREFIX.length);
    const parsed = parseBcrypt(bcrypt);
    // We only ever write `$2b$` after the marker; anything else there was not made by us.
    if (parsed === null || parsed.variant !== '2b') return null;
    return { form: 'prehashed', bcrypt, ...parsed };
  }
  const parsed = parseBcrypt(value);
  return parsed === null ? null : { form: 'plain', bcrypt: value, ...parsed };
}
