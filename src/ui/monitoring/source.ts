/**
 * @module The contract between the dashboard views and whatever feeds them: the data one frame
 * draws, and the few calls a key press makes. The socket-backed implementation lives outside
 * src/ui/ so that views never open sockets; tests inject a fake.
 */
import type {
  AlertTransition,
  AlertView,
  CheckInfo,
  HealthReport,
  MetricInfo,
  SeriesData,
} from '../../protocol/schemas.js';

/** How the view stands with the daemon; `reconnecting` and `lost` are shown on the status line. */
export type ConnectionState = 'connecting' | 'live' | 'reconnecting' | 'lost';

/** Everything one frame of the dashboard draws. */
export interface DashboardData {
  health: HealthReport | null;
  alerts: AlertView[];
  metrics: MetricInfo[];
  checks: CheckInfo[];
  daemon: {
    version: string;
    /** ISO time the daemon started, or null before it is known. */
    startedAt: string | null;
    socketPath: string;
  };
  /** Epoch ms of the last change received, or null before the first. */
  updatedAt: number | null;
  connection: ConnectionState;
  /** The last error worth showing (a failed call, a lost connection), or null. */
  error: string | null;
}

/** What the dashboard reads and does; implemented over the socket by the command. */
export interface DashboardSource {
  /**
   * Calls `onChange` with the whole data whenever something changed (and once soon after
   * subscribing); returns the unsubscribe function.
   */
  subscribe(onChange: (data: DashboardData) => void): () => void;
  /** The series of metric `name` over the last `rangeMs`, for the detail chart. */
  metric(name: string, rangeMs: number): Promise<SeriesData[]>;
  /** The recorded state changes of alert `alertId` (pending, firing, resolved), newest first. */
  alertHistory(alertId: string): Promise<AlertTransition[]>;
  /** Acknowledges alert `alertId` for `durationMs`. */
  ack(alertId: string, comment: string, durationMs: number): Promise<void>;
  /** Silences alerts matching `matchers` (`name="value"`) for `durationMs`. */
  silence(matchers: string[], durationMs: number, comment: string): Promise<void>;
}

/** Data before anything has arrived. */
export function emptyDashboardData(socketPath = ''): DashboardData {
  return {
    health: null,
    alerts: [],
    metrics: [],
    checks: [],
    daemon: { version: '', startedAt: null, socketPath },
    updatedAt: null,
    connection: 'connecting',
    error: null,
  };
}
