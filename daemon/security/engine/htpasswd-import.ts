/**
 * @module Importing users from an Apache/nginx htpasswd file with their bcrypt hashes.
 *
 * Only bcrypt lines can be kept as they are (the hash is the credential); other kinds (MD5-APR1,
 * SHA-1, crypt, plain) are reported and skipped, as are names already taken and names that are
 * not valid here. Imported users get the `user` role and no email; their passwords were never
 * checked against our policy, which the posture check reports until they change them.
 */
import { AppError } from '../../../src/protocol/errors.js';
import { parseHtpasswd } from '../passwords/htpasswd.js';
import type { UserDirectory } from '../users/user-directory.js';

export interface ImportReport {
  imported: Array<{ username: string; line: number }>;
  skipped: Array<{ line: number; username: string | null; kind: string; message: string }>;
}

export async function importHtpasswd(
  users: UserDirectory,
  content: string,
  actor: string,
): Promise<ImportReport> {
  const parsed = parseHtpasswd(content);
  const report: ImportReport = {
    imported: [],
    skipped: parsed.skipped.map((s) => ({
      line: s.line,
      username: s.username,
      kind: s.kind,
      message: s.message,
    })),
  };
  for (const entry of parsed.entries) {
    try {
      const user = await users.create(
        { username: entry.username, email: '', roles: ['user'], passwordHash: entry.hash },
        actor,
      );
      report.imported.push({ username: user.username, line: entry.line });
    } catch (error) {
      if (!(error instanceof AppError) || error.code === 'STORE_WRITE_FAILED') throw error;
      report.skipped.push({
        line: entry.line,
        username: entry.username,
        kind: error.code === 'CONFLICT' ? 'exists' : 'invalid',
        message: error.message,
      });
    }
  }
  report.skipped.sort((a, b) => a.line - b.line);
  return report;
}
