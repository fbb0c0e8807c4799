/**
 * @module The fallback file for the CLI's login when there is no keychain: owner-only (0600, in a
 * 0700 folder when we create it), replaced atomically so a crash never leaves half a token.
 */
import { randomBytes } from 'node:crypto';
import { mkdir, open, readFile, rename, unlink } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';
import { StoreWriteError } from '../../protocol/errors.js';

/** A login record is well under 1 KiB of tokens; anything far larger is not one of ours. */
const MAX_FILE_BYTES = 64 * 1024;

/**
 * @returns the file's text; `null` when it does not exist; `'unusable'` when it cannot be read
 *   (a folder, no permission) or is far too large to be a login record.
 */
export async function readCredentialFile(file: string): Promise<string | null | 'unusable'> {
  let content: Buffer;
  try {
    content = await readFile(file);
  } catch (error) {
    // Anything but "absent" is reported, not thrown: a later save or clear replaces the file.
    return (error as NodeJS.ErrnoException).code === 'ENOENT' ? null : 'unusable';
  }
  return content.length > MAX_FILE_BYTES ? 'unusable' : content.toString('utf8');
}

/**
 * Writes `text` to `file` through a temporary file in the same folder and a rename.
 *
 * The temporary file is created exclusively with mode 0600, so the tokens are never readable by
 * others, not even for a moment, and a planted symlink is not followed.
 */
export async function writeCredentialFile(file: string, text: string): Promise<void> {
  const dir = dirname(file);
  const temp = join(dir, `.${basename(file)}.${process.pid}.${randomBytes(6).toString('hex')}.tmp`);
  let created = false;
  try {
    // Folders that exist keep their mode: the state folder is shared with the logs.
    await mkdir(dir, { recursive: true, mode: 0o700 });
    const handle = await open(temp, 'wx', 0o600);
    created = true;
    try {
      await handle.writeFile(text, 'utf8');
      await handle.sync();
    } finally {
      await handle.close();
    }
    await rename(temp, file);
    created = false;
  } catch (error) {
    if (created) await unlink(temp).catch(() => undefined);
    throw new StoreWriteError(`could not save the login to ${file} (${errorCode(error)})`, error);
  }
}

/** @returns true when the file existed and was removed. */
export async function removeCredentialFile(file: string): Promise<boolean> {
  try {
    await unlink(file);
    return true;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return false;
    throw new StoreWriteError(
      `could not remove the saved login ${file} (${errorCode(error)})`,
      error,
    );
  }
}

function errorCode(error: unknown): string {
  const { code, message } = (error ?? {}) as NodeJS.ErrnoException;
  return code ?? message ?? String(error);
}
