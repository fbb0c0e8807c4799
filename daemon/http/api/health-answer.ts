/**
 * @module The answer of `GET /api/v1/health`, serialised once per change instead of per request.
 *
 * Machines poll this route (load balancers, uptime monitors, scripts), and the report only
 * changes when a check runs or the set of checks changes. The serialised report is kept until
 * the built-in checks run (`results`), a user check reports (`check`), the store commits a write
 * (a check added, changed or removed goes through the store before its reply, so a client that
 * changed a check sees it on its next request), a check is added or removed without the store (a
 * library's function check: the scheduler's revision), or a second has passed — so `checkedAt` is
 * never more than a second old, and the answer is otherwise the one `monitoring.health` gives. A
 * report being made while one of those happens is answered but not kept.
 */
import type { Core } from '../../core.js';
import { fullHealth } from '../../monitoring/full-health.js';
import { PreparedJson } from './reply.js';

/** How long a serialised report may be answered at most (ms). */
export const HEALTH_ANSWER_MAX_AGE_MS = 1000;

type HealthSources = Pick<Core, 'health' | 'monitoring' | 'store' | 'clock'>;

interface Memo {
  json: PreparedJson;
  madeAt: number;
  commits: number;
  checks: number;
}

export class HealthAnswer {
  private memo: Memo | null = null;
  /** Bumped by every event that makes a kept answer stale. */
  private generation = 0;
  private readonly drop = (): void => {
    this.memo = null;
    this.generation++;
  };

  constructor(private readonly core: HealthSources) {
    core.health.on('results', this.drop);
    core.monitoring.on('check', this.drop);
  }

  /** The current report, serialised: at once when the kept one is current, else a promise. */
  json(): PreparedJson | Promise<PreparedJson> {
    const now = this.core.clock.now();
    const commits = this.core.store.commitCount;
    const checks = this.core.monitoring.checks.revision;
    const memo = this.memo;
    if (
      memo !== null &&
      memo.commits === commits &&
      memo.checks === checks &&
      now >= memo.madeAt &&
      now - memo.madeAt < HEALTH_ANSWER_MAX_AGE_MS
    )
      return memo.json;
    return this.make(now, commits, checks);
  }

  private async make(now: number, commits: number, checks: number): Promise<PreparedJson> {
    const generation = this.generation;
    const json = PreparedJson.of(await fullHealth(this.core.health, this.core.monitoring));
    // Kept only if nothing made it stale while the report was made (the built-ins may have run).
    if (this.generation === generation) this.memo = { json, madeAt: now, commits, checks };
    return json;
  }

  /** Stops listening to the engines. */
  close(): void {
    this.core.health.off('results', this.drop);
    this.core.monitoring.off('check', this.drop);
    this.memo = null;
  }
}

const answers = new WeakMap<HealthSources, HealthAnswer>();

/** The answer kept for `core` (one per core, made on first use). */
export function healthAnswerOf(core: HealthSources): HealthAnswer {
  let answer = answers.get(core);
  if (answer === undefined) {
    answer = new HealthAnswer(core);
    answers.set(core, answer);
  }
  return answer;
}
