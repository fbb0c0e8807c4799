/**
 * @module A named secret as persisted: only its ciphertext (the key ring's `cbv<n>:` form, bound
 * to the name as associated data so a ciphertext cannot be moved to another name) and metadata.
 */
import { z } from 'zod';

const time = z.number().int().nonnegative();

export const secretRecordSchema = z.object({
  name: z.string().min(1),
  ciphertext: z.string().min(1),
  /** Plaintext length in bytes (metadata for `--secrets`; the value itself is never listed). */
  bytes: z.number().int().nonnegative(),
  createdAt: time,
  updatedAt: time,
  createdBy: z.string(),
  updatedBy: z.string(),
});

export type SecretRecord = z.infer<typeof secretRecordSchema>;

/** What `--secrets` shows: everything but the ciphertext, plus the key version that sealed it. */
export interface SecretInfo {
  name: string;
  bytes: number;
  keyVersion: number;
  createdAt: number;
  updatedAt: number;
  createdBy: string;
  updatedBy: string;
}
