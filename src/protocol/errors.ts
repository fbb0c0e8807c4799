/**
 * @module Error codes shared by the daemon, the client and the CLI.
 *
 * Every failure that crosses the socket carries a stable string code. The table below fixes, for
 * each code, its JSON-RPC number and the CLI exit code, so the three parts never disagree.
 */

/** CLI exit codes (see CLI.md). */
export const ExitCode = {
  ok: 0,
  failed: 1,
  usage: 2,
  unreachable: 3,
  unauthorised: 4,
} as const;
export type ExitCode = (typeof ExitCode)[keyof typeof ExitCode];

const table = {
  PARSE_ERROR: { rpc: -32700, exit: ExitCode.usage },
  INVALID_REQUEST: { rpc: -32600, exit: ExitCode.usage },
  METHOD_NOT_FOUND: { rpc: -32601, exit: ExitCode.usage },
  INVALID_PARAMS: { rpc: -32602, exit: ExitCode.usage },
  INTERNAL: { rpc: -32603, exit: ExitCode.failed },
  FRAME_TOO_LARGE: { rpc: -32600, exit: ExitCode.usage },
  TOO_MANY_CONNECTIONS: { rpc: -32000, exit: ExitCode.unreachable },
  SHUTTING_DOWN: { rpc: -32001, exit: ExitCode.unreachable },
  HANDSHAKE_REQUIRED: { rpc: -32002, exit: ExitCode.failed },
  INVALID_INPUT: { rpc: 1001, exit: ExitCode.usage },
  NOT_FOUND: { rpc: 1002, exit: ExitCode.failed },
  CONFLICT: { rpc: 1003, exit: ExitCode.failed },
  STORE_WRITE_FAILED: { rpc: 1004, exit: ExitCode.failed },
  UNAUTHORISED: { rpc: 1005, exit: ExitCode.unauthorised },
  FORBIDDEN: { rpc: 1006, exit: ExitCode.unauthorised },
  /** Wrong username or password; the same answer for both, by design. */
  AUTH_FAILED: { rpc: 1010, exit: ExitCode.unauthorised },
  ACCOUNT_LOCKED: { rpc: 1011, exit: ExitCode.unauthorised },
  ACCOUNT_DISABLED: { rpc: 1012, exit: ExitCode.unauthorised },
  /** The request's address is on the blacklist (manually or by an automatic ban). */
  IP_BANNED: { rpc: 1013, exit: ExitCode.unauthorised },
  /** A password refused by the strength policy; `details.rule` names the rule. */
  WEAK_PASSWORD: { rpc: 1014, exit: ExitCode.usage },
  /** A detected attack in a request; `details` holds the verdict (never the payload). */
  THREAT_DETECTED: { rpc: 1015, exit: ExitCode.unauthorised },
  /** Token refusals, one code per reason so that callers and tests can tell them apart. */
  TOKEN_MALFORMED: { rpc: 1020, exit: ExitCode.unauthorised },
  TOKEN_ALGORITHM: { rpc: 1021, exit: ExitCode.unauthorised },
  TOKEN_SIGNATURE: { rpc: 1022, exit: ExitCode.unauthorised },
  TOKEN_EXPIRED: { rpc: 1023, exit: ExitCode.unauthorised },
  TOKEN_NOT_YET_VALID: { rpc: 1024, exit: ExitCode.unauthorised },
  TOKEN_CLAIM_INVALID: { rpc: 1025, exit: ExitCode.unauthorised },
  TOKEN_REVOKED: { rpc: 1026, exit: ExitCode.unauthorised },
  /** A refresh token used twice: its whole family was revoked. */
  TOKEN_REUSED: { rpc: 1027, exit: ExitCode.unauthorised },
  DAEMON_UNREACHABLE: { rpc: 1100, exit: ExitCode.unreachable },
  DAEMON_START_FAILED: { rpc: 1101, exit: ExitCode.unreachable },
  CONNECTION_CLOSED: { rpc: 1102, exit: ExitCode.unreachable },
  REQUEST_TIMEOUT: { rpc: 1103, exit: ExitCode.unreachable },
  PROTOCOL_MISMATCH: { rpc: 1104, exit: ExitCode.failed },
} as const;

/** A stable error code. */
export type ErrorCode = keyof typeof table;

/** The JSON-RPC error number for a code. */
export function rpcNumber(code: ErrorCode): number {
  return table[code].rpc;
}

/** The CLI exit code for a code. */
export function exitCodeFor(code: ErrorCode): ExitCode {
  return table[code].exit;
}

/** True when `value` names a known code. */
export function isErrorCode(value: unknown): value is ErrorCode {
  return typeof value === 'string' && Object.hasOwn(table, value);
}

/** Structured detail that may travel with an error. Never holds secrets or stacks. */
export interface ErrorData {
  code: ErrorCode;
  field?: string;
  [key: string]: unknown;
}

/** The error object of a JSON-RPC response. */
export interface WireError {
  code: number;
  message: string;
  data: ErrorData;
}

/**
 * Base of every failure the product reports. `code` is stable; `message` is for people.
 */
export class AppError extends Error {
  readonly code: ErrorCode;
  readonly details: Omit<ErrorData, 'code'>;

  constructor(
    code: ErrorCode,
    message: string,
    options: { details?: Omit<ErrorData, 'code'>; cause?: unknown } = {},
  ) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause });
    this.name = new.target.name;
    this.code = code;
    this.details = options.details ?? {};
  }

  /** The exit code the CLI uses for this failure. */
  get exitCode(): ExitCode {
    return exitCodeFor(this.code);
  }

  /** The JSON-RPC error object; carries no stack. */
  toWire(): WireError {
    return { code: rpcNumber(this.code), message: this.message, data: { ...this.details, code: this.code } };
  }
}

/** Input from outside (an argument, a param, a file) is not acceptable. Nothing was changed. */
export class InvalidInputError extends AppError {
  constructor(message: string, field?: string) {
    super('INVALID_INPUT', message, field === undefined ? {} : { details: { field } });
  }
}

/** The thing named does not exist. */
export class NotFoundError extends AppError {
  constructor(message: string) {
    super('NOT_FOUND', message);
  }
}

/** A durable write failed; the change was not applied. */
export class StoreWriteError extends AppError {
  constructor(message: string, cause?: unknown) {
    super('STORE_WRITE_FAILED', message, { cause });
  }
}

/** An error the daemon sent back, rebuilt on the client side. */
export class RemoteError extends AppError {
  readonly rpcCode: number;

  constructor(wire: WireError) {
    const code = isErrorCode(wire.data?.code) ? wire.data.code : 'INTERNAL';
    const { code: _ignored, ...details } = wire.data ?? { code };
    super(code, wire.message, { details });
    this.rpcCode = wire.code;
  }
}
