/**
 * @module The security engine: the spec's authentication, authorization and encryption managers
 * and threat detector, composed once over the store, the audit log, the blacklist and the
 * secret storage — for the daemon and for the in-process library alike.
 */
import type { Clock } from '../../clock.js';
import type { Registry } from '../../monitoring/metrics/registry.js';
import type { Store } from '../../store/store.js';
import type { AuditLog } from '../audit-log.js';
import type { Blacklist } from '../blacklist.js';
import type { SecretBackend, SigningAlgorithm, SignatureResult } from '../crypto/index.js';
import { FailureTracker } from '../guard/ban-policy.js';
import { PasswordHasher } from '../passwords/password-hasher.js';
import { assertPasswordAcceptable } from '../passwords/password-policy.js';
import { checkPermission, type Decision, type Resource } from '../rbac/authorizer.js';
import { canonicalPermission, isWildcard } from '../rbac/permission.js';
import { InvalidInputError } from '../../../src/protocol/errors.js';
import { AccessTokens } from '../tokens/access-tokens.js';
import { SessionManager } from '../tokens/session-manager.js';
import { UserDirectory } from '../users/user-directory.js';
import { userStatus } from '../users/user-record.js';
import { SecretVault } from '../vault/secret-vault.js';
import { AllowlistService } from './allowlist-service.js';
import { Authenticator } from './authenticator.js';
import { DecisionPoint } from './decision-point.js';
import { EventWindow } from './event-window.js';
import { KeyService } from './key-service.js';
import { countSecurityEvents } from './security-metrics.js';
import type { SecuritySettings } from './security-settings.js';
import { StoreSessionRepository } from './store-session-repository.js';
import { ThreatScreen } from './threat-screen.js';
import { detectThreat, type Threat } from '../threats/index.js';

export const TOKEN_ISSUER = 'clickup-brain';
export const TOKEN_AUDIENCE = 'clickup-brain';

export interface SecurityEngineOptions {
  store: Store;
  audit: AuditLog;
  blacklist: Blacklist;
  clock: Clock;
  /** Where keys live: the OS keychain or 0600 files in the daemon, memory in the library. */
  secrets: SecretBackend;
  settings: SecuritySettings;
  /** The monitoring registry security events are counted in. */
  registry?: Registry;
  /** Lowest bcrypt cost allowed; only tests lower it below 10. */
  minBcryptCost?: number;
}

export class SecurityEngine {
  readonly users: UserDirectory;
  readonly auth: Authenticator;
  readonly sessions: SessionManager;
  readonly decisions: DecisionPoint;
  readonly vault: SecretVault;
  readonly keys: KeyService;
  readonly allowlist: AllowlistService;
  readonly screen: ThreatScreen;
  readonly tracker: FailureTracker;
  readonly hasher: PasswordHasher;
  /** Threats, failed logins and bans of the last 24 hours, for the status view. */
  readonly recentEvents: EventWindow;
  private readonly stopMetrics: () => void;
  private tokensCache: { key: string; tokens: AccessTokens } | null = null;

  constructor(private readonly options: SecurityEngineOptions) {
    const { store, audit, blacklist, clock, settings } = options;
    this.hasher = new PasswordHasher({
      cost: settings.bcryptCost,
      ...(options.minBcryptCost === undefined ? {} : { minCost: options.minBcryptCost }),
    });
    this.keys = new KeyService(options.secrets, audit, clock);
    this.sessions = new SessionManager({
      repo: new StoreSessionRepository(store),
      clock,
      idleTimeoutMs: settings.sessionIdleMs(),
      absoluteTimeoutMs: settings.sessionAbsoluteMs(),
    });
    this.users = new UserDirectory({
      store,
      audit,
      clock,
      hasher: this.hasher,
      checkPassword: (password, user) =>
        void assertPasswordAcceptable(password, user, settings.passwordPolicy()),
      onCredentialsChanged: async (username, reason) => {
        const ended = await this.sessions.revokeUser(username, reason);
        if (ended > 0)
          await audit.append({
            type: 'session.revoked',
            actor: 'system',
            subject: username,
            outcome: 'success',
            details: { reason, sessions: ended },
          });
      },
    });
    this.allowlist = new AllowlistService(store, audit);
    this.tracker = new FailureTracker({
      policy: settings.banPolicy,
      allowlist: () => this.allowlist.current(),
    });
    this.decisions = new DecisionPoint({
      store,
      users: this.users,
      blacklist,
      audit,
      clock,
      tracker: this.tracker,
      lockoutPolicy: settings.lockoutPolicy,
      simulate: settings.simulate,
      findTimeMs: () => settings.banPolicy().findTimeMs,
    });
    this.auth = new Authenticator({
      users: this.users,
      hasher: this.hasher,
      blacklist,
      decisions: this.decisions,
      audit,
      clock,
      sessions: this.sessions,
      tokens: () => this.tokens(),
    });
    this.vault = new SecretVault(store, () => this.keys.ring(), audit, clock);
    this.screen = new ThreatScreen(audit, this.decisions, () => settings.simulate().threats);
    this.recentEvents = new EventWindow(
      audit,
      ['threat.detected', 'login.failure', 'ip.banned'],
      () => clock.now(),
    );
    this.stopMetrics =
      options.registry === undefined
        ? () => undefined
        : countSecurityEvents(audit, options.registry);
  }

  /** The settings the engine reads (getters: always current). */
  get settings(): SecuritySettings {
    return this.options.settings;
  }

  /** The token issuer for the current settings (rebuilt when the TTL or algorithm changes). */
  private tokens(): AccessTokens {
    const { settings, clock } = this.options;
    const ttlMs = settings.tokenTtlMs();
    const algorithm = settings.tokenAlgorithm();
    const key = `${ttlMs}/${algorithm}`;
    if (this.tokensCache?.key !== key) {
      // Keys are opened lazily; AccessTokens needs the instance, so it is awaited at first issue.
      this.tokensCache = {
        key,
        tokens: new LazyAccessTokens(this.keys, {
          clock,
          issuer: TOKEN_ISSUER,
          audience: TOKEN_AUDIENCE,
          ttlMs,
          algorithm,
        }) as unknown as AccessTokens,
      };
    }
    return this.tokensCache.tokens;
  }

  /** The detector's verdict on a request (no event, no enforcement: see `screen` for that). */
  detectThreat(request: unknown): Threat | null {
    return detectThreat(request);
  }

  /** Whether `username` may do `permission` (on `resource`); unknown users may do nothing. */
  checkPermission(username: string, permission: string, resource?: Resource): Decision {
    // Checked here so that input from outside is refused as INVALID_INPUT, not as a TypeError.
    const wanted = canonicalPermission(permission);
    if (isWildcard(wanted)) throw new InvalidInputError(`'${wanted}' is a pattern; name one permission to check`, 'permission');
    const user = this.users.find(username);
    if (user === undefined)
      return { allowed: false, reason: `no user named '${username}'`, via: null };
    return checkPermission(
      {
        username: user.username,
        roles: user.roles,
        grants: user.grants,
        revokes: user.revokes,
        status: userStatus(user, this.options.clock.now()),
      },
      wanted,
      resource,
    );
  }

  /** AES-256-GCM under the newest data key; returns the self-describing `cbv<n>:` text. */
  async encrypt(plaintext: string | Buffer, aad?: string): Promise<string> {
    return (await this.keys.ring()).encrypt(plaintext, aad);
  }

  /** @throws CryptoInputError (malformed, tampered, unknown or retired key version). */
  async decrypt(ciphertext: string, aad?: string): Promise<Buffer> {
    return (await this.keys.ring()).decrypt(ciphertext, aad);
  }

  async sign(
    data: string | Buffer,
    algorithm: SigningAlgorithm = 'rsa-pss',
  ): Promise<SignatureResult> {
    return (await this.keys.signingWith(algorithm)).sign(data, algorithm);
  }

  async verify(
    data: string | Buffer,
    signature: string,
    algorithm: SigningAlgorithm,
    keyVersion?: number,
  ): Promise<boolean> {
    return (await this.keys.signing()).verify(data, signature, algorithm, keyVersion);
  }

  /** New data and signing keys; stored secrets are rewrapped under the new data key. */
  rotateKeys(actor: string): ReturnType<KeyService['rotate']> {
    return this.keys.rotate(actor, () => this.vault.rewrapAll());
  }

  /** Removes ended sessions and forgotten offenses; run on a schedule. */
  async cleanup(): Promise<{ sessions: number }> {
    this.tracker.prune(this.options.clock.now());
    return { sessions: await this.sessions.cleanup() };
  }

  /** Reads what the engine needs from the log files (the last day's counts). */
  async start(): Promise<void> {
    await this.recentEvents.seed();
    // The dummy hash for unknown users is made now (on the libuv pool, not the event loop), so
    // the first unknown-user login costs what a wrong password costs.
    this.hasher.prepare().catch(() => undefined);
  }

  dispose(): void {
    this.stopMetrics();
    this.recentEvents.dispose();
  }
}

/**
 * AccessTokens over keys that are opened on first use: issuing or verifying awaits the signing
 * keys once, then delegates.
 */
class LazyAccessTokens {
  private real: Promise<AccessTokens> | null = null;
  constructor(
    private readonly keys: KeyService,
    private readonly options: Omit<ConstructorParameters<typeof AccessTokens>[0], 'keys'>,
  ) {}
  private get(): Promise<AccessTokens> {
    this.real ??= this.keys.signing().then((keys) => new AccessTokens({ ...this.options, keys }));
    return this.real;
  }
  async issue(claims: Parameters<AccessTokens['issue']>[0]): ReturnType<AccessTokens['issue']> {
    return (await this.get()).issue(claims);
  }
  async verify(
    token: string,
    isSessionLive?: (sid: string) => boolean,
  ): ReturnType<AccessTokens['verify']> {
    return (await this.get()).verify(token, isSessionLive);
  }
}
