/**
 * @module Reading an Apache/nginx htpasswd file for `security --import-htpasswd`.
 *
 * Only bcrypt lines (`$2a$`, `$2b$`, `$2y$`, as `htpasswd -B` writes) can be imported: the other
 * kinds are weak (MD5, SHA-1, DES), or cannot be verified by this product (SHA-crypt), so each is
 * reported with its line and skipped, and never echoed: a "hash" may be a plain-text password.
 *
 * As Apache reads the file: blank lines and `#` comments are ignored, whitespace around a line is
 * dropped, the username ends at the first `:`, and when a user appears twice the first line wins.
 * Usernames are compared case-insensitively here, as this product's are, so "Alice" after "alice"
 * is reported as a duplicate rather than imported over it.
 */
import { isBcryptHash } from './bcrypt-format.js';

/** Why a line was not imported. */
export type HtpasswdSkipKind =
  | 'apr1-md5'
  | 'sha1'
  | 'crypt'
  | 'plain'
  | 'sha256-crypt'
  | 'sha512-crypt'
  | 'malformed'
  | 'duplicate';

export interface HtpasswdEntry {
  /** 1-based line number. */
  line: number;
  username: string;
  /** A bcrypt string that `isBcryptHash` accepts. */
  hash: string;
}

export interface HtpasswdSkip {
  line: number;
  /** Null when the line has no username to show. */
  username: string | null;
  kind: HtpasswdSkipKind;
  /** Says why; never holds the hash or password field. */
  message: string;
}

export interface HtpasswdContents {
  entries: HtpasswdEntry[];
  skipped: HtpasswdSkip[];
}

const ONLY_BCRYPT = 'only bcrypt hashes can be imported';

/** The other kinds, tried in order; the first match names the kind. */
const KINDS: ReadonlyArray<{ test: RegExp; kind: HtpasswdSkipKind; message: string }> = [
  { test: /^\$apr1\$/, kind: 'apr1-md5', message: `Apache MD5 ($apr1$) hash: ${ONLY_BCRYPT}` },
  { test: /^\{SHA\}/, kind: 'sha1', message: `SHA-1 ({SHA}) hash: ${ONLY_BCRYPT}` },
  { test: /^\$5\$/, kind: 'sha256-crypt', message: `SHA-256 crypt ($5$) hash: ${ONLY_BCRYPT}` },
  { test: /^\$6\$/, kind: 'sha512-crypt', message: `SHA-512 crypt ($6$) hash: ${ONLY_BCRYPT}` },
  { test: /^[./0-9A-Za-z]{13}$/, kind: 'crypt', message: `DES crypt hash: ${ONLY_BCRYPT}` },
  // Other crypt(3) schemes a system's crypt() may accept: $1$ (MD5), $y$ (yescrypt), and the
  // $2x$ bcrypt of crypt_blowfish's old bug, which correct implementations cannot reproduce.
  {
    test: /^\$[0-9a-z]{1,8}\$/,
    kind: 'crypt',
    message: `crypt(3) hash of an unsupported kind: ${ONLY_BCRYPT}`,
  },
];

/**
 * Parses the text of an htpasswd file.
 *
 * @throws TypeError when `text` is not a string.
 */
export function parseHtpasswd(text: string): HtpasswdContents {
  if (typeof text !== 'string') throw new TypeError('"text" must be a string');
  const entries: HtpasswdEntry[] = [];
  const skipped: HtpasswdSkip[] = [];
  const firstLine = new Map<string, number>();
  const lines = text.replace(/^\uFEFF/, '').split(/\r?\n/);
  for (const [index, raw] of lines.entries()) {
    const content = raw.trim();
    if (content === '' || content.startsWith('#')) continue;
    const result = readLine(content, index + 1, firstLine);
    if ('hash' in result) entries.push(result);
    else skipped.push(result);
  }
  return { entries, skipped };
}

/** One non-blank, non-comment line; `firstLine` maps each username seen to its first line. */
function readLine(
  content: string,
  line: number,
  firstLine: Map<string, number>,
): HtpasswdEntry | HtpasswdSkip {
  const skip = (username: string | null, kind: HtpasswdSkipKind, message: string) => ({
    line,
    username,
    kind,
    message,
  });
  const colon = content.indexOf(':');
  if (colon < 0) return skip(null, 'malformed', "line is not 'username:hash'");
  const username = content.slice(0, colon);
  const hash = content.slice(colon + 1);
  if (username === '') return skip(null, 'malformed', 'username is empty');

  const key = username.toLowerCase();
  const first = firstLine.get(key);
  if (first !== undefined) {
    return skip(username, 'duplicate', `user is already on line ${first}; this line is ignored`);
  }
  firstLine.set(key, line);

  if (hash === '') return skip(username, 'malformed', 'hash is empty');
  if (hash.includes(':')) {
    return skip(username, 'malformed', "more than one ':' on the line (an htdigest file?)");
  }
  if (/^\$2[aby]\$/.test(hash)) {
    return isBcryptHash(hash)
      ? { line, username, hash }
      : skip(username, 'malformed', 'bcrypt hash is malformed');
  }
  const other = KINDS.find(({ test }) => test.test(hash));
  if (other !== undefined) return skip(username, other.kind, other.message);
  return skip(username, 'plain', `plain-text password: ${ONLY_BCRYPT}`);
}
