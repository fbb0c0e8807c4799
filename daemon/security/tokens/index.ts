/**
 * @module Access tokens (JWT) and sessions with rotating refresh tokens.
 */
export {
  ACCESS_TOKEN_TYPE,
  AccessTokens,
  MAX_TOKEN_LENGTH,
  type AccessTokenClaims,
  type IssuedAccessToken,
} from './access-tokens.js';
export type { AccessTokensOptions } from './access-token-options.js';
export { REUSE_REASON, SessionManager } from './session-manager.js';
export type { SessionMeta } from './session-input.js';
export type { SessionManagerOptions } from './session-manager-options.js';
export {
  sessionRecordSchema,
  sessionState,
  type SessionRecord,
  type SessionState,
  type SessionView,
} from './session-record.js';
export {
  MemorySessionRepository,
  type SessionPatch,
  type SessionRepository,
} from './session-repository.js';
export {
  REFRESH_TOKEN_PREFIX,
  SESSION_ID_PREFIX,
  SESSION_SECRET_PREFIX,
} from './session-secrets.js';
export { TokenError, type TokenErrorCode, type TokenErrorOptions } from './token-errors.js';
