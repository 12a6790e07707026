/**
 * The engine's table of live sessions (`SessionRegistry`): lookups by session and by user (one user may
 * hold several sessions), the count of started sessions that `/health` reports, and removal by
 * generation, so that the late cleanup of a replaced session never removes the session that replaced it.
 */
import { SessionRegistry } from '../../src/core/registry';
import type { CoreSession } from '../../src/core/session/session';

const session = (sessionId: string, userId: string) => ({ sessionId, userId }) as unknown as CoreSession;
const ids = (entries: { session: CoreSession }[]) => entries.map((e) => e.session.sessionId).sort();

describe('SessionRegistry', () => {
  test('an empty registry finds nothing and counts nothing', () => {
    const r = new SessionRegistry();
    expect(r.get('s')).toBeUndefined();
    expect(r.forUser('u')).toEqual([]);
    expect(r.entries()).toEqual([]);
    expect(r.activeCount).toBe(0);
    expect(r.userCount).toBe(0);
  });

  test('a user whose only session is removed is forgotten, and so is one whose several sessions all are', () => {
    const r = new SessionRegistry();
    const only = r.add(session('session-a', 'ada'));
    const b1 = r.add(session('session-b1', 'bob'));
    const b2 = r.add(session('session-b2', 'bob'));
    expect(r.userCount).toBe(2);
    r.remove(only);
    expect(r.userCount).toBe(1);
    r.remove(b2);
    expect(r.userCount).toBe(1);
    r.remove(b1);
    expect(r.userCount).toBe(0);
    expect(r.entries()).toEqual([]);
  });

  test('sessions are found by id and by user; each user sees only their own', () => {
    const r = new SessionRegistry();
    const a = r.add(session('session-a', 'ada'));
    r.add(session('session-b', 'ada'));
    r.add(session('session-c', 'ada'));
    r.add(session('session-d', 'bob'));
    expect(r.get('session-a')).toBe(a);
    expect(a.started).toBe(false);
    expect(ids(r.forUser('ada'))).toEqual(['session-a', 'session-b', 'session-c']);
    expect(ids(r.forUser('bob'))).toEqual(['session-d']);
    expect(r.forUser('eve')).toEqual([]);
    expect(ids(r.entries())).toEqual(['session-a', 'session-b', 'session-c', 'session-d']);
  });

  test('activeCount counts the started sessions only', () => {
    const r = new SessionRegistry();
    const a = r.add(session('session-a', 'ada'));
    r.add(session('session-b', 'bob'));
    const c = r.add(session('session-c', 'cy'));
    expect(r.activeCount).toBe(0);
    a.started = true;
    c.started = true;
    expect(r.activeCount).toBe(2);
  });

  test('each entry gets a later generation than the one before', () => {
    const r = new SessionRegistry();
    const first = r.add(session('session-a', 'ada'));
    const second = r.add(session('session-b', 'ada'));
    const third = r.add(session('session-a', 'ada'));
    expect(second.generation).toBeGreaterThan(first.generation);
    expect(third.generation).toBeGreaterThan(second.generation);
  });

  test('a session added again under its id replaces the entry, once in its user list; the old entry cannot remove it', () => {
    const r = new SessionRegistry();
    const old = r.add(session('session-a', 'ada'));
    const replacement = r.add(session('session-a', 'ada'));
    expect(r.get('session-a')).toBe(replacement);
    expect(r.forUser('ada')).toEqual([replacement]);
    expect(r.remove(old)).toBe(false);
    expect(r.get('session-a')).toBe(replacement);
    expect(r.forUser('ada')).toEqual([replacement]);
    expect(r.remove(replacement)).toBe(true);
    expect(r.get('session-a')).toBeUndefined();
    expect(r.forUser('ada')).toEqual([]);
    expect(r.remove(replacement)).toBe(false);
  });

  test("removing one of a user's sessions leaves the others; removing the last forgets the user", () => {
    const r = new SessionRegistry();
    const a = r.add(session('session-a', 'ada'));
    const b = r.add(session('session-b', 'ada'));
    const c = r.add(session('session-c', 'ada'));
    expect(r.remove(b)).toBe(true);
    expect(ids(r.forUser('ada'))).toEqual(['session-a', 'session-c']);
    expect(r.remove(a)).toBe(true);
    expect(ids(r.forUser('ada'))).toEqual(['session-c']);
    expect(r.remove(c)).toBe(true);
    expect(r.forUser('ada')).toEqual([]);
    expect(r.userCount).toBe(0);
    // the user starts afresh
    const d = r.add(session('session-d', 'ada'));
    expect(r.forUser('ada')).toEqual([d]);
  });

  test("a user's second session after the first was removed is their only one", () => {
    const r = new SessionRegistry();
    const a = r.add(session('session-a', 'ada'));
    r.remove(a);
    const b = r.add(session('session-b', 'ada'));
    const c = r.add(session('session-c', 'ada'));
    expect(ids(r.forUser('ada'))).toEqual(['session-b', 'session-c']);
    r.remove(c);
    expect(r.forUser('ada')).toEqual([b]);
  });
});
