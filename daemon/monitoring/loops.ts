/**
 * @module The monitoring schedules, shared by the daemon and the in-process library: built-in
 * checks then a scrape on the scrape interval, rule evaluation on the evaluation interval,
 * history compaction every minute and (folder stores) a history snapshot every five minutes,
 * and the user health checks on their own intervals.
 *
 * Each loop re-reads its interval after every run, so a changed setting applies at once.
 */
import type { Core } from '../core.js';

export interface LoopOptions {
  scrapeMs: () => number;
  evaluationMs: () => number;
  onError: (what: string, error: unknown) => void;
  /** Called after each rule evaluation (the daemon hands the alerts to the notifications). */
  onEvaluated?: () => void;
  /** Called after each scrape (the built-in checks have run: the daemon republishes health). */
  onScraped?: () => void;
  compactMs?: number;
  snapshotMs?: number;
}

export class MonitoringLoops {
  private scrapeTimer: NodeJS.Timeout | undefined;
  private evaluationTimer: NodeJS.Timeout | undefined;
  private compactTimer: NodeJS.Timeout | undefined;
  private snapshotTimer: NodeJS.Timeout | undefined;
  private running = false;

  constructor(
    private readonly core: Core,
    private readonly options: LoopOptions,
  ) {}

  start(): void {
    if (this.running) return;
    this.running = true;
    this.scheduleScrape(0);
    this.scheduleEvaluation(this.options.evaluationMs());
    this.compactTimer = setInterval(() => {
      try {
        this.core.history.compact(this.core.clock.now());
      } catch (error) {
        this.options.onError('history compaction', error);
      }
    }, this.options.compactMs ?? 60_000);
    this.snapshotTimer = setInterval(() => {
      this.core.saveHistory().catch((error: unknown) => this.options.onError('history snapshot', error));
    }, this.options.snapshotMs ?? 300_000);
    this.core.monitoring.checks.start();
  }

  /** Runs the built-in checks and a scrape after `delay`, then on the scrape interval. */
  scheduleScrape(delay: number): void {
    clearTimeout(this.scrapeTimer);
    if (!this.running) return;
    this.scrapeTimer = setTimeout(() => {
      void this.core.health
        .run()
        .then(() => this.core.monitoring.scrape())
        .then(() => this.options.onScraped?.())
        .catch((error: unknown) => this.options.onError('scrape', error))
        .finally(() => this.scheduleScrape(this.options.scrapeMs()));
    }, delay);
  }

  /** Evaluates the rules after `delay`, then on the evaluation interval. */
  scheduleEvaluation(delay: number): void {
    clearTimeout(this.evaluationTimer);
    if (!this.running) return;
    this.evaluationTimer = setTimeout(() => {
      void this.core.monitoring.alerts
        .evaluate()
        .then(() => this.options.onEvaluated?.())
        .catch((error: unknown) => this.options.onError('rule evaluation', error))
        .finally(() => this.scheduleEvaluation(this.options.evaluationMs()));
    }, delay);
  }

  stop(): void {
    this.running = false;
    clearTimeout(this.scrapeTimer);
    clearTimeout(this.evaluationTimer);
    clearInterval(this.compactTimer);
    clearInterval(this.snapshotTimer);
    this.core.monitoring.checks.stop();
  }
}
