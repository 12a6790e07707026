/**
 * Live sessions by sessionId and by userId. Each entry carries a generation number, so the late cleanup
 * of a replaced session can never remove the session that replaced it.
 */
import type { SessionClaim } from './cluster/directory';
import type { CoreSession } from './session/session';

export interface SessionEntry {
  readonly session: CoreSession;
  readonly generation: number;
  /** True once the handshake succeeded and onSession was started. */
  started: boolean;
  /** Settles when the app's onStop for this session has finished. */
  stopped?: Promise<void>;
  /** This instance's ownership claim, when several instances share a session directory. */
  claim?: SessionClaim;
}

export class SessionRegistry {
  private readonly bySession = new Map<string, SessionEntry>();
  /** The session ids of each user: a single id as it is (the usual case), a Set from the second one on. */
  private readonly byUser = new Map<string, string | Set<string>>();
  private nextGeneration = 1;

  /** Number of sessions whose handshake succeeded. */
  get activeCount(): number {
    let n = 0;
    for (const e of this.bySession.values()) if (e.started) n++;
    return n;
  }

  /** Number of users with at least one session here: a user whose last session was removed is forgotten. */
  get userCount(): number {
    return this.byUser.size;
  }

  get(sessionId: string): SessionEntry | undefined {
    return this.bySession.get(sessionId);
  }

  forUser(userId: string): SessionEntry[] {
    const ids = this.byUser.get(userId);
    if (ids === undefined) return [];
    if (typeof ids === 'string') {
      const e = this.bySession.get(ids);
      // Stryker disable next-line ConditionalExpression,ArrayDeclaration: add and remove keep both maps in step, so a listed id always has its entry
      return e ? [e] : [];
    }
    const out: SessionEntry[] = [];
    for (const id of ids) {
      const e = this.bySession.get(id);
      // Stryker disable next-line ConditionalExpression: as above, a listed id always has its entry
      if (e) out.push(e);
    }
    return out;
  }

  entries(): SessionEntry[] {
    return [...this.bySession.values()];
  }

  add(session: CoreSession): SessionEntry {
    const entry: SessionEntry = { session, generation: this.nextGeneration++, started: false };
    this.bySession.set(session.sessionId, entry);
    const ids = this.byUser.get(session.userId);
    if (ids === undefined || ids === session.sessionId) this.byUser.set(session.userId, session.sessionId);
    else if (typeof ids === 'string') this.byUser.set(session.userId, new Set([ids, session.sessionId]));
    else ids.add(session.sessionId);
    return entry;
  }

  /** Removes the entry only if it is still the same generation. */
  remove(entry: SessionEntry): boolean {
    const current = this.bySession.get(entry.session.sessionId);
    if (!current || current.generation !== entry.generation) return false;
    this.bySession.delete(entry.session.sessionId);
    const { userId, sessionId } = entry.session;
    const ids = this.byUser.get(userId);
    if (ids === sessionId) this.byUser.delete(userId);
    else if (typeof ids === 'object') {
      ids.delete(sessionId);
      if (ids.size === 0) this.byUser.delete(userId);
    }
    return true;
  }
}
