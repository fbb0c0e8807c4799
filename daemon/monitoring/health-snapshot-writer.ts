/**
 * @module Publishes the health snapshot file (src/protocol/health-snapshot.ts): rewritten, at most
 * one write at a time and coalesced, whenever the report may have changed; deleted at once when a
 * change of state begins, so a reader never takes a report older than a change it was told of.
 */
import { rename, unlink, writeFile } from 'node:fs/promises';
import { unlinkSync } from 'node:fs';
import { HEALTH_SNAPSHOT_FORMAT, healthSnapshotPath, type HealthSnapshot } from '../../src/protocol/health-snapshot.js';
import { processStartTime } from '../../src/protocol/process-state.js';
import type { HealthReport } from '../../src/protocol/schemas.js';
import { PROTOCOL_VERSION, VERSION } from '../../src/protocol/version.js';

export interface HealthSnapshotWriterOptions {
  socketPath: string;
  compute: () => Promise<HealthReport>;
  /** Read at each write: a little over two scrape intervals. */
  freshForMs: () => number;
  now: () => number;
  onError: (error: unknown) => void;
}

export class HealthSnapshotWriter {
  readonly file: string;
  private readonly startTime = processStartTime(process.pid);
  private writing: Promise<void> | null = null;
  private again = false;
  private stopped = false;
  /** Bumped by every invalidation: a write computed before one must not be published after it. */
  private generation = 0;

  constructor(private readonly o: HealthSnapshotWriterOptions) {
    this.file = healthSnapshotPath(o.socketPath);
  }

  /** Removes the file now (synchronously): a change is starting, or the daemon starts or stops. */
  invalidate(): void {
    this.generation++;
    try {
      unlinkSync(this.file);
    } catch {
      // Not there: nothing to take back.
    }
  }

  /** Rewrites the file soon; calls while a write runs lead to one more write after it. */
  schedule(): void {
    if (this.stopped || this.startTime === null) return;
    if (this.writing !== null) {
      this.again = true;
      return;
    }
    this.writing = this.write()
      .catch((error: unknown) => this.o.onError(error))
      .finally(() => {
        this.writing = null;
        if (this.again) {
          this.again = false;
          this.schedule();
        }
      });
  }

  private async write(): Promise<void> {
    const generation = this.generation;
    const report = await this.o.compute();
    if (this.stopped) return;
    const snapshot: HealthSnapshot = {
      format: HEALTH_SNAPSHOT_FORMAT,
      version: VERSION,
      protocol: PROTOCOL_VERSION,
      pid: process.pid,
      startTime: this.startTime,
      writtenAt: this.o.now(),
      freshForMs: this.o.freshForMs(),
      report,
    };
    const tmp = `${this.file}.${process.pid}.tmp`;
    await writeFile(tmp, JSON.stringify(snapshot), { mode: 0o600 });
    // A change began while the report was computed: this one is not published (the change's own
    // write follows).
    if (this.stopped || generation !== this.generation) {
      await unlink(tmp).catch(() => undefined);
      return;
    }
    await rename(tmp, this.file);
  }

  /** Stops writing and removes the file. */
  async stop(): Promise<void> {
    this.stopped = true;
    await this.writing?.catch(() => undefined);
    this.invalidate();
  }
}
