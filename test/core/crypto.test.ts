/** The hashes and secrets behind inbound verification, against published and independently computed vectors. */
import { hmacSha256Hex, randomSecret, safeEqual, sha256Hex } from '../../src/core/http/crypto';

describe('inbound crypto', () => {
  test('sha256Hex hashes the text as UTF-8', () => {
    expect(sha256Hex('abc')).toBe('ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad');
    expect(sha256Hex('é')).toBe('4a99557e4033c3539de2eb65472017cad5f9557f7a0625a09f1c3f6e2ba69c4c');
  });

  test('hmacSha256Hex signs the text as UTF-8 with the secret (RFC 4231, case 2)', () => {
    expect(hmacSha256Hex('Jefe', 'what do ya want for nothing?')).toBe('5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec3843');
    expect(hmacSha256Hex('clé', 'données')).toBe('cd72a91ba5a05906c66d495237885ed3400eee56e4c204e2d42b82cd75fedbda');
  });

  test('safeEqual compares UTF-8 bytes (other cases: policy.test.ts)', () => {
    expect([safeEqual('é', 'é'), safeEqual('é', 'e\u0301')]).toEqual([true, false]);
  });

  test('randomSecret gives 32 random bytes as hex, different each time', () => {
    const a = randomSecret();
    const b = randomSecret();
    expect(a).toMatch(/^[0-9a-f]{64}$/);
    expect(b).toMatch(/^[0-9a-f]{64}$/);
    expect(a).not.toBe(b);
  });
});
