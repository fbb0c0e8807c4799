/**
 * @module Test helper for the crash-safety test: what the daemon acknowledged, per kind of record.
 *
 * Each key (a blacklist target, a rule name, a user name, a session id) is `present` once its
 * creation was acknowledged, `absent` once its removal was, and `unknown` while a request about it
 * is unanswered — including forever after a crash cut the answer off, until the store is read
 * again and shows which way it went. Keys are never reused, so acknowledged states cannot race.
 */

export type Fate = 'present' | 'absent' | 'unknown';

export class Ledger {
  private readonly fates = new Map<string, Fate>();
  /** Keys with a request in flight (never picked for another one). */
  private readonly busy = new Set<string>();

  constructor(readonly kind: string) {}

  /** A request about `key` is on its way; until it is answered its outcome is unknown. */
  begin(key: string): void {
    this.busy.add(key);
    this.fates.set(key, 'unknown');
  }

  /** The request about `key` was answered: the key is now `fate`. */
  settle(key: string, fate: 'present' | 'absent'): void {
    this.busy.delete(key);
    this.fates.set(key, fate);
  }

  /** The request about `key` got no answer; it stays unknown until {@link observe}. */
  lose(key: string): void {
    this.busy.delete(key);
  }

  /** True once any request about `key` was sent. */
  known(key: string): boolean {
    return this.fates.has(key);
  }

  /** Keys whose creation was acknowledged, not removed, with nothing in flight. */
  present(): string[] {
    return [...this.fates].filter(([k, f]) => f === 'present' && !this.busy.has(k)).map(([k]) => k);
  }

  /**
   * Compares what the store holds with what was acknowledged; unknown keys then take the state
   * the store shows, so later rounds hold them to it.
   *
   * @returns the acknowledged keys the store lost and the removed keys it brought back.
   */
  observe(stored: ReadonlySet<string>): { lost: string[]; revived: string[] } {
    const lost: string[] = [];
    const revived: string[] = [];
    for (const [key, fate] of this.fates) {
      if (fate === 'present' && !stored.has(key)) lost.push(`${this.kind} ${key}`);
      else if (fate === 'absent' && stored.has(key)) revived.push(`${this.kind} ${key}`);
      else if (fate === 'unknown') this.fates.set(key, stored.has(key) ? 'present' : 'absent');
    }
    return { lost, revived };
  }

  /** Counts by fate. */
  counts(): Record<Fate, number> {
    const out: Record<Fate, number> = { present: 0, absent: 0, unknown: 0 };
    for (const fate of this.fates.values()) out[fate]++;
    return out;
  }
}
