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
  });

  test('sessions are found by id and by user; each user sees only their own', () => {
    const r = new SessionRegistry();
    const a = r.add(session('a', 'ada'));
    r.add(session('b', 'ada'));
    r.add(session('c', 'ada'));
    r.add(session('d', 'bob'));
    expect(r.get('a')).toBe(a);
    expect(a.started).toBe(false);
    expect(ids(r.forUser('ada'))).toEqual(['a', 'b', 'c']);
    expect(ids(r.forUser('bob'))).toEqual(['d']);
    expect(r.forUser('eve')).toEqual([]);
    expect(ids(r.entries())).toEqual(['a', 'b', 'c', 'd']);
  });

  test('activeCount counts the started sessions only', () => {
    const r = new SessionRegistry();
    const a = r.add(session('a', 'ada'));
    r.add(session('b', 'bob'));
    const c = r.add(session('c', 'cy'));
    expect(r.activeCount).toBe(0);
    a.started = true;
    c.started = true;
    expect(r.activeCount).toBe(2);
  });

  test('each entry gets a later generation than the one before', () => {
    const r = new SessionRegistry();
    const first = r.add(session('a', 'ada'));
    const second = r.add(session('b', 'ada'));
    const third = r.add(session('a', 'ada'));
    expect(second.generation).toBeGreaterThan(first.generation);
    expect(third.generation).toBeGreaterThan(second.generation);
  });

  test('a session added again under its id replaces the entry, once in its user list; the old entry cannot remove it', () => {
    const r = new SessionRegistry();
    const old = r.add(session('a', 'ada'));
    const replacement = r.add(session('a', 'ada'));
    expect(r.get('a')).toBe(replacement);
    expect(r.forUser('ada')).toEqual([replacement]);
    expect(r.remove(old)).toBe(false);
    expect(r.get('a')).toBe(replacement);
    expect(r.forUser('ada')).toEqual([replacement]);
    expect(r.remove(replacement)).toBe(true);
    expect(r.get('a')).toBeUndefined();
    expect(r.forUser('ada')).toEqual([]);
    expect(r.remove(replacement)).toBe(false);
  });

  test("removing one of a user's sessions leaves the others; removing the last forgets the user", () => {
    const r = new SessionRegistry();
    const a = r.add(session('a', 'ada'));
    const b = r.add(session('b', 'ada'));
    const c = r.add(session('c', 'ada'));
    expect(r.remove(b)).toBe(true);
    expect(ids(r.forUser('ada'))).toEqual(['a', 'c']);
    expect(r.remove(a)).toBe(true);
    expect(ids(r.forUser('ada'))).toEqual(['c']);
    expect(r.remove(c)).toBe(true);
    expect(r.forUser('ada')).toEqual([]);
    // the user starts afresh
    const d = r.add(session('d', 'ada'));
    expect(r.forUser('ada')).toEqual([d]);
  });

  test("a user's second session after the first was removed is their only one", () => {
    const r = new SessionRegistry();
    const a = r.add(session('a', 'ada'));
    r.remove(a);
    const b = r.add(session('b', 'ada'));
    const c = r.add(session('c', 'ada'));
    expect(ids(r.forUser('ada'))).toEqual(['b', 'c']);
    r.remove(c);
    expect(r.forUser('ada')).toEqual([b]);
  });
});
