/**
 * @module The encryption and signing engine: versioned AES-256-GCM data keys and signing keys.
 */
export { CIPHERTEXT_PREFIX, ciphertextVersion, NONCE_BYTES, TAG_BYTES } from './ciphertext-format.js';
export { CryptoInputError, type CryptoFailureReason } from './errors.js';
export { jwkThumbprint, type Jwks, type JwsAlgorithm, type PublicJwk } from './jwk.js';
export { KeyRing, type KeyRingOptions, type KeyVersionInfo } from './key-ring.js';
export type { SecretBackend } from './secret-backend.js';
export {
  PSS_SALT_BYTES,
  RSA_BITS,
  SIGNING_ALGORITHMS,
  SigningKeys,
  type SignatureResult,
  type SigningAlgorithm,
  type SigningKeyInfo,
  type SigningKeysOptions,
} from './signing-keys.js';
