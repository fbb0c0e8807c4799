/**
 * @module The contract every user-defined check meets, and small helpers the probes share.
 *
 * A probe runs once per call and reports `ok`; the scheduler adds timing, thresholds and history.
 */

/** What one run of a probe found. */
export interface ProbeResult {
  ok: boolean;
  /** One line for people: what was measured and, on failure, why. */
  detail: string;
  latencyMs: number;
  /** Set when the check passed but something needs attention soon (a certificate about to expire). */
  warning?: string;
}

/** Something that can be run once; it must stop promptly when `signal` aborts. */
export interface Probe {
  run(signal: AbortSignal): Promise<ProbeResult>;
}

/** How often a check runs and how its results turn into UP/DOWN. */
export interface Schedule {
  intervalMs: number;
  /** Always shorter than `intervalMs`. */
  timeoutMs: number;
  /** Consecutive failures that turn an UP check DOWN. */
  failureThreshold: number;
  /** Consecutive successes that turn a DOWN check UP. */
  successThreshold: number;
  /** Whether the check may be shown on a public status page. */
  public: boolean;
}

/** A probe with a name and a schedule: what the scheduler runs. */
export interface ScheduledCheck extends Schedule, Probe {
  readonly name: string;
  /** The definition type, or `function` for a {@link HealthCheck} built in code. */
  readonly type: string;
}

/** A monotonic millisecond timer; latencies never use the wall clock, which can jump. */
export type Timer = () => number;

/** The default {@link Timer}. */
export const monotonic: Timer = () => performance.now();

/** Milliseconds since `started`, rounded to 0.01 ms. */
export function since(timer: Timer, started: number): number {
  return Math.round((timer() - started) * 100) / 100;
}

/** Why a signal aborted, in words for a detail line. */
export function abortDetail(signal: AbortSignal): string {
  const reason: unknown = signal.reason;
  if (reason instanceof Error && reason.name === 'TimeoutError') return 'timed out';
  if (reason instanceof Error && reason.message !== '' && reason.name !== 'AbortError') return `aborted: ${reason.message}`;
  return 'aborted';
}

/**
 * The most useful text of an error. fetch hides the socket error under `cause`
 * (`TypeError: fetch failed`), which on its own tells the user nothing.
 */
export function errorText(error: unknown): string {
  if (!(error instanceof Error)) return String(error);
  const cause: unknown = error.cause;
  if (cause instanceof Error) {
    const code = (cause as NodeJS.ErrnoException).code;
    const text = cause.message !== '' ? cause.message : String(code ?? cause.name);
    return code !== undefined && !text.includes(code) ? `${text} (${code})` : text;
  }
  return error.message !== '' ? error.message : error.name;
}

/** The error code under an error or its cause (`ECONNREFUSED`, `DEPTH_ZERO_SELF_SIGNED_CERT`). */
export function errorCode(error: unknown): string | undefined {
  if (!(error instanceof Error)) return undefined;
  const own = (error as NodeJS.ErrnoException).code;
  if (typeof own === 'string') return own;
  return error.cause instanceof Error ? errorCode(error.cause) : undefined;
}

/** A short quote of text for a detail line: at most `max` characters, on one line. */
export function quote(text: string, max = 120): string {
  const flat = text.replace(/\s+/g, ' ').trim();
  return flat.length > max ? `${flat.slice(0, max - 1)}…` : flat;
}

/** Rounds latency for display. */
export function ms(value: number): string {
  return `${value < 10 ? value.toFixed(1) : Math.round(value)} ms`;
}
