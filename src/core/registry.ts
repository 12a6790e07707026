/**
 * Live sessions by sessionId and by userId. Each entry carries a generation number, so the late cleanup
 * of a replaced session can never remove the session that replaced it.
 */
import type { SessionClaim } from './cluster/directory';
import type { CoreSession } from './session';

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
  private readonly byUser = new Map<string, Set<string>>();
  private nextGeneration = 1;

  /** Number of sessions whose handshake succeeded. */
  get activeCount(): number {
    let n = 0;
    for (const e of this.bySession.values()) if (e.started) n++;
    return n;
  }

  get(sessionId: string): SessionEntry | undefined {
    return this.bySession.get(sessionId);
  }

  forUser(userId: string): SessionEntry[] {
    const ids = this.byUser.get(userId);
    if (!ids) return [];
    const out: SessionEntry[] = [];
    for (const id of ids) {
      const e = this.bySession.get(id);
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
    let ids = this.byUser.get(session.userId);
    if (!ids) this.byUser.set(session.userId, (ids = new Set()));
    ids.add(session.sessionId);
    return entry;
  }

  /** Removes the entry only if it is still the same generation. */
  remove(entry: SessionEntry): boolean {
    const current = this.bySession.get(entry.session.sessionId);
    if (!current || current.generation !== entry.generation) return false;
    this.bySession.delete(entry.session.sessionId);
    const ids = this.byUser.get(entry.session.userId);
    if (ids) {
      ids.delete(entry.session.sessionId);
      if (ids.size === 0) this.byUser.delete(entry.session.userId);
    }
    return true;
  }
}
