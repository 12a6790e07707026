/**
 * The session directory: which instance of an app holds a session, a user's newest session, or a pending
 * request answered over HTTP (a photo upload). One process is the whole cluster by default
 * (`LocalSessionDirectory`, which records nothing: the engine and the HTTP host skip every cluster step
 * when `shared` is false, so a single instance pays nothing for it). `RedisSessionDirectory` shares the
 * records between instances.
 */

/** What an ownership record is looked up by. */
export type OwnerKind = 'session' | 'user' | 'request';

/** An instance of the app: its id and the URL at which the other instances reach it. */
export interface InstanceAddress {
  readonly instanceId: string;
  readonly url: string;
}

/**
 * One instance's claim on a session. The token tells this claim from every other claim on the same
 * session id (a later webhook, on this instance or another), so a late release never removes a newer one.
 */
export interface SessionClaim {
  readonly sessionId: string;
  readonly userId: string;
  readonly token: string;
  /** When the claim was made (ms since the epoch); the newer claim wins when two meet after an outage. */
  readonly claimedAt: number;
}

/** What a directory needs from the engine of its own instance. */
export interface DirectoryHost {
  /**
   * Ends the local session held under this claim token with reason `replaced` (another instance took it);
   * resolves once the app's onStop for it has run. Does nothing when no such session is held here.
   */
  releaseClaim(sessionId: string, token: string): Promise<void>;
  /** The claims of the sessions live on this instance (their records are refreshed while they live). */
  claims(): Iterable<SessionClaim>;
}

export interface ClaimResult {
  /** Settles once a previous owner on another instance has ended its copy (settled at once when there was none). */
  readonly released: Promise<void>;
}

/**
 * Every method resolves and never rejects: when the shared store is unreachable the instance goes on as a
 * single instance (lookups answer "nobody", records are written again when the store returns).
 */
export interface SessionDirectory {
  /** False when this process is the whole cluster: then no record is written and no request is forwarded. */
  readonly shared: boolean;
  readonly self: InstanceAddress;
  start(host: DirectoryHost): Promise<void>;
  stop(): Promise<void>;
  /** Records this instance as the owner of the session and of the user's newest session; a previous owner elsewhere is told to release it. */
  claim(claim: SessionClaim): Promise<ClaimResult>;
  /** Removes the records of this claim (only while they still belong to it). */
  release(claim: SessionClaim): Promise<void>;
  /** The instance holding `id`, or undefined when none is known (or the store is unreachable). */
  owner(kind: OwnerKind, id: string): Promise<InstanceAddress | undefined>;
  /** Records this instance as the owner of a pending request for `ttlMs`. */
  claimRequest(requestId: string, ttlMs: number): Promise<void>;
  releaseRequest(requestId: string): Promise<void>;
  /** Drops the record of `id` if it still names `instanceId` (an instance found unreachable). */
  forget(kind: OwnerKind, id: string, instanceId: string): Promise<void>;
}

const SETTLED: ClaimResult = { released: Promise.resolve() };

/** The in-memory default: this process is the whole cluster, so there is nothing to record or ask. */
export class LocalSessionDirectory implements SessionDirectory {
  readonly shared = false;
  readonly self: InstanceAddress = { instanceId: 'local', url: '' };
  async start(): Promise<void> {}
  async stop(): Promise<void> {}
  async claim(): Promise<ClaimResult> {
    return SETTLED;
  }
  async release(): Promise<void> {}
  // Stryker disable next-line BlockStatement: an empty async method resolves undefined too
  async owner(): Promise<InstanceAddress | undefined> {
    return undefined;
  }
  async claimRequest(): Promise<void> {}
  async releaseRequest(): Promise<void> {}
  async forget(): Promise<void> {}
}
