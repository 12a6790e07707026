/**
 * Request/response correlation (`PendingRequests`): every pending request settles exactly once, by its
 * answer, its timeout, or the end of its session; duplicate ids are refused; the observer (the cluster's
 * record of who owns a photo request) hears of every start and every end.
 */
import { SdkError } from '../../src/core/errors';
import { PHOTO_KIND, PendingRequests, type PendingObserver } from '../../src/core/session/requests';

type Outcome = { value?: unknown; error?: SdkError | Error };
const outcome = (p: Promise<unknown>): Promise<Outcome> =>
  p.then(
    (value) => ({ value }),
    (error: Error) => ({ error }),
  );

function recordingObserver(): PendingObserver & { log: string[] } {
  const log: string[] = [];
  return { log, added: (id, kind, ms) => void log.push(`+${kind}:${id}:${ms}`), removed: (id, kind) => void log.push(`-${kind}:${id}`) };
}

const closed = (kind: string, id: string) => new SdkError('session_closed', `${kind} ${id} ended`);

describe('pending requests', () => {
  test('a registry that never had a request answers every question without failing', () => {
    const reqs = new PendingRequests();
    expect(reqs.hasOf('x', PHOTO_KIND)).toBe(false);
    expect(reqs.resolve('x', 1)).toBe(false);
    expect(reqs.reject('x', new Error('no'))).toBe(false);
    expect(reqs.ids()).toEqual([]);
    expect(PHOTO_KIND).toBe('photo');
  });

  test('an answer settles its request once; a second answer, or one for an unknown id, finds nothing', async () => {
    const obs = recordingObserver();
    const reqs = new PendingRequests(obs);
    expect(reqs.size).toBe(0);
    expect(reqs.has('a')).toBe(false);
    expect(reqs.ids()).toEqual([]);
    const a = reqs.create<string>('a', 'photo', 0, 'session-1');
    expect(reqs.size).toBe(1);
    expect(reqs.has('a')).toBe(true);
    expect(reqs.resolve('a', 'the photo')).toBe(true);
    expect(reqs.resolve('a', 'again')).toBe(false);
    expect(reqs.reject('a', new Error('late'))).toBe(false);
    expect(reqs.resolve('nobody', 1)).toBe(false);
    await expect(a).resolves.toBe('the photo');
    expect(reqs.size).toBe(0);
    expect(reqs.has('a')).toBe(false);
    expect(obs.log).toEqual(['+photo:a:0', '-photo:a']);
  });

  test('a rejection settles its request with that error', async () => {
    const reqs = new PendingRequests();
    const p = outcome(reqs.create('x', 'audio', 0));
    const err = new SdkError('request_cancelled', 'no speaker');
    expect(reqs.reject('x', err)).toBe(true);
    expect((await p).error).toBe(err);
    expect(reqs.size).toBe(0);
  });

  test('a second request with a pending id is refused with invalid_argument, and the first still settles', async () => {
    const obs = recordingObserver();
    const reqs = new PendingRequests(obs);
    const first = reqs.create('dup', 'photo', 0);
    const second = await outcome(reqs.create('dup', 'photo', 0));
    expect(second.error).toBeInstanceOf(SdkError);
    expect(second.error).toMatchObject({ code: 'invalid_argument', message: 'A photo request with id "dup" is already pending' });
    expect(reqs.size).toBe(1);
    expect(obs.log).toEqual(['+photo:dup:0']);
    reqs.resolve('dup', 'ok');
    await expect(first).resolves.toBe('ok');
    // once settled, the id may be used again
    const again = reqs.create('dup', 'photo', 0);
    reqs.resolve('dup', 'ok again');
    await expect(again).resolves.toBe('ok again');
  });

  test('a request that gets no answer in time rejects with request_timeout, once, and is forgotten', async () => {
    const obs = recordingObserver();
    const reqs = new PendingRequests(obs);
    const p = outcome(reqs.create('slow', 'location', 30));
    const untimed = outcome(reqs.create('untimed', 'location', 0));
    const { error } = await p;
    expect(error).toBeInstanceOf(SdkError);
    expect(error).toMatchObject({
      code: 'request_timeout',
      message: 'The location request slow got no answer within 30 ms',
      details: { requestId: 'slow', kind: 'location' },
    });
    expect(reqs.has('slow')).toBe(false);
    expect(reqs.resolve('slow', 'too late')).toBe(false);
    expect(obs.log).toEqual(['+location:slow:30', '+location:untimed:0', '-location:slow']);
    // timeoutMs 0: no timeout at all
    expect(reqs.has('untimed')).toBe(true);
    reqs.resolve('untimed', 1);
    expect(await untimed).toEqual({ value: 1 });
  });

  test('an answered request does not time out later', async () => {
    const obs = recordingObserver();
    const reqs = new PendingRequests(obs);
    const p = reqs.create('quick', 'photo', 40);
    reqs.resolve('quick', 'in time');
    await expect(p).resolves.toBe('in time');
    await new Promise((r) => setTimeout(r, 120));
    expect(reqs.size).toBe(0);
    expect(obs.log).toEqual(['+photo:quick:40', '-photo:quick']);
  });

  test('rejectAll rejects every pending request with its own error (the session ended)', async () => {
    const obs = recordingObserver();
    const reqs = new PendingRequests(obs);
    const a = outcome(reqs.create('a', 'photo', 60_000));
    const b = outcome(reqs.create('b', 'audio', 0));
    reqs.rejectAll(closed);
    expect(reqs.size).toBe(0);
    expect((await a).error).toMatchObject({ code: 'session_closed', message: 'photo a ended' });
    expect((await b).error).toMatchObject({ code: 'session_closed', message: 'audio b ended' });
    expect(obs.log).toEqual(['+photo:a:60000', '+audio:b:0', '-photo:a', '-audio:b']);
    reqs.rejectAll(closed); // nothing left: nothing happens
    expect(new PendingRequests().rejectMatching({}, closed)).toBe(0);
  });

  test('rejectMatching rejects only the requests of that kind and/or owner, and says how many', async () => {
    const reqs = new PendingRequests();
    const mine = outcome(reqs.create('p1', 'photo', 0, 'me'));
    const theirs = reqs.create('p2', 'photo', 0, 'them');
    const audio = reqs.create('a1', 'audio', 0, 'me');
    expect(reqs.ids()).toEqual(['p1', 'p2', 'a1']);
    expect(reqs.ids('photo')).toEqual(['p1', 'p2']);
    expect(reqs.ids(undefined, 'me')).toEqual(['p1', 'a1']);
    expect(reqs.ids('photo', 'me')).toEqual(['p1']);
    expect(reqs.hasOf('p1', 'photo')).toBe(true);
    expect(reqs.hasOf('p1', 'photo', 'me')).toBe(true);
    expect(reqs.hasOf('p1', 'photo', 'them')).toBe(false);
    expect(reqs.hasOf('p1', 'audio')).toBe(false);
    expect(reqs.hasOf('nope', 'photo')).toBe(false);

    expect(reqs.rejectMatching({ kind: 'photo', owner: 'me' }, closed)).toBe(1);
    expect((await mine).error).toMatchObject({ message: 'photo p1 ended' });
    expect(reqs.ids()).toEqual(['p2', 'a1']);
    expect(reqs.rejectMatching({ kind: 'video' }, closed)).toBe(0);
    expect(reqs.rejectMatching({ owner: 'me' }, closed)).toBe(1);
    await expect(audio).rejects.toMatchObject({ message: 'audio a1 ended' });
    expect(reqs.rejectMatching({ kind: 'photo' }, closed)).toBe(1);
    await expect(theirs).rejects.toMatchObject({ message: 'photo p2 ended' });
    expect(reqs.size).toBe(0);
  });

  test('a request is sent once the observer has recorded it; without an observer promise there is nothing to wait for', async () => {
    let record!: () => void;
    const recorded = new Promise<void>((r) => (record = r));
    const reqs = new PendingRequests({ added: () => recorded, removed: () => {} });
    void reqs.create('r', 'photo', 0);
    expect(reqs.recorded('r')).toBe(recorded);
    expect(reqs.recorded('unknown')).toBeUndefined();
    record();
    reqs.resolve('r', 1);
    const plain = new PendingRequests(recordingObserver());
    void plain.create('s', 'photo', 0);
    expect(plain.recorded('s')).toBeUndefined();
    expect(new PendingRequests().recorded('s')).toBeUndefined();
  });
});
