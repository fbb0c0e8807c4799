/**
 * @module The self-describing ciphertext string: `cbv<version>:<base64url(nonce || ciphertext || tag)>`.
 *
 * The key version travels in the clear at the front (as in Vault transit's `vault:v1:`), so that
 * after a rotation each stored value still names the key that sealed it, old data keeps decrypting,
 * and `rewrap` / minimum-version checks can act without trial decryption. The byte layout after
 * the prefix is exactly what most AES-GCM libraries take (nonce, then ciphertext with the tag
 * appended), which keeps other tools able to read our data.
 */
import { CryptoInputError } from './errors.js';

/** The text before the version number. */
export const CIPHERTEXT_PREFIX = 'cbv';
/**
 * 96-bit nonces are GCM's native size: any other length is hashed into a counter block, which
 * weakens the collision bound. Random 96-bit nonces are safe for far more than 2^32 messages per key.
 */
export const NONCE_BYTES = 12;
/** The full 128-bit tag; shorter tags make forgeries cheaper. */
export const TAG_BYTES = 16;
/** Versions are small positive integers; the cap keeps parsing exact. */
export const MAX_KEY_VERSION = 999_999_999;

/** The parts of a parsed ciphertext string. */
export interface SealedParts {
  version: number;
  nonce: Buffer;
  ciphertext: Buffer;
  tag: Buffer;
}

const pattern = /^cbv([1-9][0-9]{0,8}):([A-Za-z0-9_-]*)$/;

/** Renders sealed parts as a ciphertext string. */
export function formatCiphertext(parts: SealedParts): string {
  const body = Buffer.concat([parts.nonce, parts.ciphertext, parts.tag]).toString('base64url');
  return `${CIPHERTEXT_PREFIX}${parts.version}:${body}`;
}

/**
 * Splits a ciphertext string into its parts.
 * @throws CryptoInputError (reason 'malformed') for anything that is not exactly our format.
 */
export function parseCiphertext(text: unknown): SealedParts {
  if (typeof text !== 'string') {
    throw new CryptoInputError('malformed', 'ciphertext must be a string', 'ciphertext');
  }
  const match = pattern.exec(text);
  if (match === null) {
    throw new CryptoInputError(
      'malformed',
      `ciphertext is not in the form ${CIPHERTEXT_PREFIX}<version>:<base64url>`,
      'ciphertext',
    );
  }
  const version = Number(match[1]);
  const encoded = match[2] ?? '';
  const bytes = Buffer.from(encoded, 'base64url');
  // Node's decoder skips junk silently; re-encoding catches non-canonical or truncated text.
  if (bytes.toString('base64url') !== encoded) {
    throw new CryptoInputError('malformed', 'ciphertext body is not canonical base64url', 'ciphertext');
  }
  if (bytes.length < NONCE_BYTES + TAG_BYTES) {
    throw new CryptoInputError('malformed', 'ciphertext is too short to hold a nonce and a tag', 'ciphertext');
  }
  return {
    version,
    nonce: bytes.subarray(0, NONCE_BYTES),
    ciphertext: bytes.subarray(NONCE_BYTES, bytes.length - TAG_BYTES),
    tag: bytes.subarray(bytes.length - TAG_BYTES),
  };
}

/** The key version a ciphertext names, without decrypting it. */
export function ciphertextVersion(text: unknown): number {
  return parseCiphertext(text).version;
}
