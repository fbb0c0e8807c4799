/**
 * @module The addresses and networks never banned automatically: loopback always, plus the
 * operator's entries kept in the store (fail2ban's `ignoreip`).
 */
import { InvalidInputError, NotFoundError } from '../../../src/protocol/errors.js';
import type { Store } from '../../store/store.js';
import type { AuditLog } from '../audit-log.js';
import { DEFAULT_ALLOWLIST, IpAllowlist } from '../guard/ip-allowlist.js';
import { parseTarget } from '../ip.js';

/** Built-in entries in canonical form ('::1/128' parses to '::1'), as parsed targets compare. */
const BUILT_IN = new Set(DEFAULT_ALLOWLIST.map((entry) => parseTarget(entry).canonical));
const isBuiltIn = (canonical: string): boolean => BUILT_IN.has(canonical);

export class AllowlistService {
  private cached: IpAllowlist;

  constructor(
    private readonly store: Store,
    private readonly audit: AuditLog,
  ) {
    this.cached = this.build();
  }

  private build(): IpAllowlist {
    return new IpAllowlist([...DEFAULT_ALLOWLIST, ...this.store.data.allowlist]);
  }

  /** The allowlist in force (built once per change, so lookups stay cheap). */
  current(): IpAllowlist {
    return this.cached;
  }

  /** The operator's entries, and the built-in ones. */
  list(): { entries: string[]; builtIn: string[] } {
    return { entries: [...this.store.data.allowlist], builtIn: [...DEFAULT_ALLOWLIST] };
  }

  /** @throws InvalidInputError for a bad address or network. */
  async add(text: string, actor: string): Promise<{ entry: string; created: boolean }> {
    const entry = parseTarget(text).canonical;
    const list = this.store.data.allowlist;
    // A built-in entry is already in force; stored, it could never be removed again.
    if (list.includes(entry) || isBuiltIn(entry)) return { entry, created: false };
    await this.store.mutate(() => {
      list.push(entry);
      this.cached = this.build();
      return {
        result: undefined,
        undo: () => {
          list.splice(list.indexOf(entry), 1);
          this.cached = this.build();
        },
      };
    });
    await this.audit.append({ type: 'allowlist.added', actor, subject: entry, outcome: 'success' });
    return { entry, created: true };
  }

  /** @throws NotFoundError; InvalidInputError for the built-in loopback entries. */
  async remove(text: string, actor: string): Promise<string> {
    const entry = parseTarget(text).canonical;
    if (isBuiltIn(entry))
      throw new InvalidInputError(
        `${entry} is built in (loopback is never banned automatically)`,
        'target',
      );
    const list = this.store.data.allowlist;
    const at = list.indexOf(entry);
    if (at === -1) throw new NotFoundError(`${entry} is not on the allowlist`);
    await this.store.mutate(() => {
      list.splice(at, 1);
      this.cached = this.build();
      return {
        result: undefined,
        undo: () => {
          list.splice(at, 0, entry);
          this.cached = this.build();
        },
      };
    });
    await this.audit.append({
      type: 'allowlist.removed',
      actor,
      subject: entry,
      outcome: 'success',
    });
    return entry;
  }
}
