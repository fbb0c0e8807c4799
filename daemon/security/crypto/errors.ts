/**
 * @module The one error the crypto engine raises for bad input, with a machine-readable reason.
 *
 * Callers (the secret store, the token layer, the CLI) branch on `details.reason`, so each way a
 * ciphertext or signature can be unacceptable has its own stable reason. Messages are written by
 * hand here and never interpolate key bytes, plaintext or the offending ciphertext.
 */
import { AppError } from '../../../src/protocol/errors.js';

/** Why a crypto input was refused. */
export type CryptoFailureReason =
  | 'malformed'
  | 'tampered'
  | 'unknown_key_version'
  | 'retired_key_version'
  | 'invalid_version'
  | 'unknown_algorithm'
  | 'no_key'
  | 'corrupt_key_store';

/** An INVALID_INPUT failure from the crypto engine; `details.reason` says which rule failed. */
export class CryptoInputError extends AppError {
  readonly reason: CryptoFailureReason;

  constructor(reason: CryptoFailureReason, message: string, field?: string) {
    super('INVALID_INPUT', message, { details: field === undefined ? { reason } : { reason, field } });
    this.reason = reason;
  }
}
