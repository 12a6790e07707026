/**
 * The signature on requests one instance forwards to another (`X-MentraOS-Cluster`): what it binds, the
 * clock window, and replay refusal. test/cluster/config.test.ts covers the basics; these pin the edges a
 * forger or a replayer would use.
 */
import { CLUSTER_HEADER, CLUSTER_USER_HEADER, ForwardVerifier, signForward } from '../../src/core/cluster/signature';

const secret = 'shared-secret-for-the-tests';
const URL_ = '/webview/page?x=1';

/** The signing time carried in a header. */
const timeOf = (header: string) => Number(header.split('.')[1]);
/** A header with its `from` field (the fourth) replaced. */
const withFrom = (header: string, from: string) =>
  header
    .split('.')
    .map((part, i) => (i === 3 ? from : part))
    .join('.');

describe('forwarded request signatures', () => {
  test('the header has the documented shape, and the user travels URL-encoded in its own header', () => {
    const h = signForward(secret, 'inst-a', 'POST', URL_, 'wearer@example.com');
    expect(h[CLUSTER_HEADER]).toMatch(/^v1\.\d{13}\.[0-9a-f]{32}\.inst-a\.[0-9a-f]{64}$/);
    expect(h[CLUSTER_USER_HEADER]).toBe('wearer%40example.com');
    expect(Object.keys(signForward(secret, 'inst-a', 'GET', URL_))).toEqual([CLUSTER_HEADER]);
    expect(CLUSTER_HEADER).toBe('x-mentraos-cluster');
    expect(CLUSTER_USER_HEADER).toBe('x-mentraos-cluster-user');
  });

  test('the method is compared whatever its case; surrounding white space is ignored', () => {
    const h = signForward(secret, 'inst-a', 'post', URL_);
    expect(new ForwardVerifier(secret).verify(` ${h[CLUSTER_HEADER]} `, undefined, 'POST', URL_)).toEqual({ ok: true, from: 'inst-a' });
  });

  test('a header with anything before or after the signature, or a field out of shape, is malformed', () => {
    const h = signForward(secret, 'inst-a', 'POST', URL_)[CLUSTER_HEADER];
    const v = new ForwardVerifier(secret);
    const malformed = { ok: false, reason: 'malformed cluster header' };
    expect(v.verify(`x${h}`, undefined, 'POST', URL_)).toEqual(malformed);
    expect(v.verify(`${h}0`, undefined, 'POST', URL_)).toEqual(malformed);
    expect(v.verify(`${h}.extra`, undefined, 'POST', URL_)).toEqual(malformed);
    expect(v.verify(h.replace(/^v1\./, 'v2.'), undefined, 'POST', URL_)).toEqual(malformed);
    expect(v.verify(withFrom(h, 'a'.repeat(65)), undefined, 'POST', URL_)).toEqual(malformed);
    expect(v.verify(withFrom(h, 'inst.a'), undefined, 'POST', URL_)).toEqual(malformed);
    expect(v.verify(h.replace(/\.([0-9a-f]{32})\./, '.$1a.'), undefined, 'POST', URL_)).toEqual(malformed);
    expect(v.verify(h.replace(/^v1\.\d+\./, `v1.${'1'.repeat(16)}.`), undefined, 'POST', URL_)).toEqual(malformed);
    // the real one still verifies: none of the above used up its nonce
    expect(v.verify(h, undefined, 'POST', URL_)).toEqual({ ok: true, from: 'inst-a' });
  });

  test('the signed fields are kept apart: moving characters between the sender and the user breaks the signature', () => {
    const h = signForward(secret, 'inst-a', 'POST', URL_, 'bob');
    const forged = withFrom(h[CLUSTER_HEADER], 'inst-ab');
    expect(new ForwardVerifier(secret).verify(forged, 'ob', 'POST', URL_)).toEqual({
      ok: false,
      reason: 'bad signature (is the cluster secret the same on every instance?)',
    });
  });

  test('accepted up to a minute either way of the signing time, refused beyond, saying how far off it was', () => {
    const h = signForward(secret, 'inst-a', 'POST', URL_)[CLUSTER_HEADER];
    const t = timeOf(h);
    const at = (now: number) => new ForwardVerifier(secret).verify(h, undefined, 'POST', URL_, now);
    expect(at(t + 60_000)).toEqual({ ok: true, from: 'inst-a' });
    expect(at(t - 60_000)).toEqual({ ok: true, from: 'inst-a' });
    expect(at(t + 61_000)).toEqual({ ok: false, reason: "the request was signed 61 s away from this instance's clock" });
    expect(at(t - 61_000)).toMatchObject({ ok: false, reason: expect.stringMatching(/signed -?61 s away/) });
    expect(at(t + 60_001)).toMatchObject({ ok: false });
    // a custom window
    expect(new ForwardVerifier(secret, 1000).verify(h, undefined, 'POST', URL_, t + 1500)).toMatchObject({ ok: false });
    expect(new ForwardVerifier(secret, 1000).verify(h, undefined, 'POST', URL_, t + 900)).toEqual({ ok: true, from: 'inst-a' });
  });

  test('a replay is refused for as long as the request could be accepted, even when it was signed ahead of this clock', () => {
    const h = signForward(secret, 'inst-a', 'POST', URL_)[CLUSTER_HEADER];
    const t = timeOf(h);
    const v = new ForwardVerifier(secret);
    expect(v.verify(h, undefined, 'POST', URL_, t - 50_000)).toEqual({ ok: true, from: 'inst-a' });
    // 100 s later by this clock, still inside the window around the signing time
    expect(v.verify(h, undefined, 'POST', URL_, t + 50_000)).toEqual({ ok: false, reason: 'replayed request' });
  });

  test('a replay at the very edge of the window, when the request is still accepted, is refused', () => {
    const h = signForward(secret, 'inst-a', 'POST', URL_)[CLUSTER_HEADER];
    const t = timeOf(h);
    const v = new ForwardVerifier(secret);
    expect(v.verify(h, undefined, 'POST', URL_, t)).toEqual({ ok: true, from: 'inst-a' });
    // exactly 60 s after signing the clock check still passes; the nonce must still be remembered
    expect(v.verify(h, undefined, 'POST', URL_, t + 60_000)).toEqual({ ok: false, reason: 'replayed request' });
  });

  test('a request without a user verifies to the sender alone (no user field at all)', () => {
    const h = signForward(secret, 'inst-a', 'POST', URL_);
    const verdict = new ForwardVerifier(secret).verify(h[CLUSTER_HEADER], undefined, 'POST', URL_);
    expect(verdict).toStrictEqual({ ok: true, from: 'inst-a' });
    expect('user' in verdict).toBe(false);
  });

  test('the replay memory is bounded: past 100 000 nonces in the window new requests are refused, until they expire', () => {
    const v = new ForwardVerifier(secret);
    const t = Date.now();
    let accepted = 0;
    for (let i = 0; i < 100_000; i++) if (v.verify(signForward(secret, 'inst-a', 'GET', '/')[CLUSTER_HEADER], undefined, 'GET', '/', t).ok) accepted++;
    expect(accepted).toBe(100_000);
    const next = signForward(secret, 'inst-a', 'GET', '/')[CLUSTER_HEADER];
    expect(v.verify(next, undefined, 'GET', '/', t)).toEqual({ ok: false, reason: 'too many forwarded requests in the replay window' });
    // a minute after the last of them was signed the earlier ones have expired, and there is room again
    expect(v.verify(next, undefined, 'GET', '/', timeOf(next) + 60_000)).toEqual({ ok: true, from: 'inst-a' });
  });

  test('checking other requests does not forget the nonces still inside the window', () => {
    const v = new ForwardVerifier(secret);
    const first = signForward(secret, 'inst-a', 'POST', URL_)[CLUSTER_HEADER];
    const t = timeOf(first);
    expect(v.verify(first, undefined, 'POST', URL_, t)).toMatchObject({ ok: true });
    const second = signForward(secret, 'inst-b', 'POST', URL_)[CLUSTER_HEADER];
    expect(v.verify(second, undefined, 'POST', URL_, t + 1000)).toMatchObject({ ok: true, from: 'inst-b' });
    expect(v.verify(first, undefined, 'POST', URL_, t + 2000)).toEqual({ ok: false, reason: 'replayed request' });
    expect(v.verify(second, undefined, 'POST', URL_, t + 2000)).toEqual({ ok: false, reason: 'replayed request' });
  });
});
