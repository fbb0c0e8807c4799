/**
 * @module The CLI's login as it is stored (in the keychain or the fallback file), and the checks
 * that keep a damaged or foreign record from being half-used.
 */

/** What `security --login` keeps so that later commands can act as the user. */
export interface CliCredentials {
  username: string;
  accessToken: string;
  refreshToken: string;
  /** When the access token expires, ms since the epoch. */
  expiresAt: number;
  sessionId: string;
}

/** The stored form's version; a record of another version is not read. */
const VERSION = 1;
const TEXT_FIELDS = ['username', 'accessToken', 'refreshToken', 'sessionId'] as const;

/** What reading a stored record gave. */
export type ParsedCredentials =
  | { kind: 'ok'; credentials: CliCredentials }
  /** Not JSON, not this version, or a field missing or of the wrong type. */
  | { kind: 'corrupt' }
  /** A valid record for another daemon (another socket): not ours to use. */
  | { kind: 'other-account' };

/** The name of the first field of `value` that is not acceptable, or null. */
function badField(value: Record<string, unknown>): string | null {
  for (const field of TEXT_FIELDS) {
    const text = value[field];
    if (typeof text !== 'string' || text === '') return field;
  }
  const expiresAt = value['expiresAt'];
  if (typeof expiresAt !== 'number' || !Number.isSafeInteger(expiresAt) || expiresAt < 0)
    return 'expiresAt';
  return null;
}

/**
 * Throws a TypeError naming the field when `value` is not a {@link CliCredentials}; the message
 * never includes a value.
 */
export function checkCredentials(value: unknown, where: string): asserts value is CliCredentials {
  if (typeof value !== 'object' || value === null)
    throw new TypeError(`${where}: credentials must be an object`);
  const field = badField(value as Record<string, unknown>);
  if (field === null) return;
  const expected =
    field === 'expiresAt' ? 'a non-negative integer (ms since the epoch)' : 'a non-empty string';
  throw new TypeError(`${where}: credentials.${field} must be ${expected}`);
}

/** The stored text for `credentials` under `account`. Only the known fields are kept. */
export function serializeCredentials(credentials: CliCredentials, account: string): string {
  const { username, accessToken, refreshToken, expiresAt, sessionId } = credentials;
  return `${JSON.stringify({ version: VERSION, account, username, accessToken, refreshToken, expiresAt, sessionId }, null, 2)}\n`;
}

/** Reads stored text back; never throws. */
export function parseCredentials(text: string, account: string): ParsedCredentials {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    return { kind: 'corrupt' };
  }
  if (typeof value !== 'object' || value === null || Array.isArray(value))
    return { kind: 'corrupt' };
  const record = value as Record<string, unknown>;
  if (
    record['version'] !== VERSION ||
    typeof record['account'] !== 'string' ||
    badField(record) !== null
  ) {
    return { kind: 'corrupt' };
  }
  if (record['account'] !== account) return { kind: 'other-account' };
  const { username, accessToken, refreshToken, expiresAt, sessionId } =
    record as unknown as CliCredentials;
  return { kind: 'ok', credentials: { username, accessToken, refreshToken, expiresAt, sessionId } };
}
