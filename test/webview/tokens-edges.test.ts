/**
 * More edges of the webview tokens: signed user tokens without a usable subject or JSON payload, objects
 * that only look like a KeyObject or a JWKS, the frontend token's form, and what an exchange that times out
 * or cannot reach the cloud says (a real HTTP server on 127.0.0.1; only the timeout's clock is replaced).
 */
import { createServer, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import jwt from 'jsonwebtoken';
import { isSdkError } from '../../src';
import { createFrontendToken, exchangeTempToken, TOKEN_EXCHANGE_TIMEOUT_MS, toPublicKey, verifySignedUserToken } from '../../src/core/http/webview/tokens';
import { API_KEY } from '../helpers/apps';
import { frontendToken, ISSUER, rsaKeys, sha256 } from '../helpers/webview';

const keys = rsaKeys();
const jwk = keys.publicKey.export({ format: 'jwk' });
const sameKey = (k: ReturnType<typeof toPublicKey>) => k.export({ format: 'jwk' }).n === jwk.n;
const now = () => Math.floor(Date.now() / 1000);

describe('signed user tokens without a usable subject', () => {
  const sign = (payload: object | string) => jwt.sign(payload, keys.privateKey, { algorithm: 'RS256', keyid: 'v1' });

  test.each([
    ['no sub claim', { iss: ISSUER, exp: now() + 600, frontendToken: frontendToken('u', API_KEY) }],
    ['a sub that is a number', { sub: 42, iss: ISSUER, exp: now() + 600, frontendToken: frontendToken('42', API_KEY) }],
  ])('%s: refused, "the token has no subject"', (_what, payload) => {
    expect(verifySignedUserToken(sign(payload), keys.publicKey, API_KEY)).toEqual({ ok: false, reason: 'the token has no subject' });
  });

  test('a payload that is not a JSON object is refused (it cannot name the issuer)', () => {
    expect(verifySignedUserToken(sign('just text'), keys.publicKey, API_KEY)).toEqual({ ok: false, reason: expect.stringMatching(/issuer/) });
  });
});

describe('objects that only look like a key', () => {
  test('a JWK with a `type` member, or an `export` method, is read as a JWK, not taken for a KeyObject', () => {
    const typed = toPublicKey({ ...jwk, type: 'public' } as never);
    expect(sameKey(typed)).toBe(true);
    expect(typed).not.toHaveProperty('kty');
    const exporting = toPublicKey({ ...jwk, export: () => 'not a key' } as never);
    expect(sameKey(exporting)).toBe(true);
    expect(exporting).not.toHaveProperty('kty');
  });

  test('a JWK with a `keys` member that is not an array is read as a JWK, not as a key set', () => {
    expect(sameKey(toPublicKey({ ...jwk, keys: 'unrelated' } as never))).toBe(true);
    let error: unknown;
    try {
      toPublicKey({ keys: 'not an array' } as never);
    } catch (e) {
      error = e;
    }
    expect(isSdkError(error, 'invalid_config')).toBe(true);
    expect((error as Error).message).not.toMatch(/is not a function/);
  });
});

describe('a key that is neither text nor an object', () => {
  test.each([
    ['null', null],
    ['a number', 42],
    ['true', true],
  ])('%s is refused with a message that says so', (_what, input) => {
    let error: unknown;
    try {
      toPublicKey(input as never);
    } catch (e) {
      error = e;
    }
    expect(isSdkError(error, 'invalid_config')).toBe(true);
    expect((error as Error).message).toBe('The user-token public key is not a PEM public key, JWK or JWKS: it is neither text nor an object');
  });
});

describe('frontend tokens', () => {
  test('createFrontendToken is `<userId>:<sha256hex(userId + sha256hex(apiKey))>`', () => {
    expect(createFrontendToken('u@example.com', API_KEY)).toBe(`u@example.com:${sha256(`u@example.com${sha256(API_KEY)}`)}`);
  });
});

describe('a temporary token exchange that gets no answer', () => {
  const held: ServerResponse[] = [];
  const server = createServer((_req, res) => void held.push(res));
  let url: string;
  beforeAll(async () => {
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  afterAll(async () => {
    for (const res of held) res.destroy();
    await new Promise<void>((r) => server.close(() => r()));
  });

  test('gives up after 10 s and says so', async () => {
    expect(TOKEN_EXCHANGE_TIMEOUT_MS).toBe(10_000);
    // The clock: the exchange's 10 s timeout signal fires as soon as the cloud holds the request.
    const timeout = jest.spyOn(AbortSignal, 'timeout').mockImplementation(() => {
      const controller = new AbortController();
      const fire = setInterval(() => {
        if (held.length === 0) return;
        clearInterval(fire);
        controller.abort(new DOMException('The operation was aborted due to timeout', 'TimeoutError'));
      }, 5);
      return controller.signal;
    });
    try {
      const error = await exchangeTempToken(url, 'temp-token-4', API_KEY, 'com.example.app').catch((e: unknown) => e);
      expect(timeout).toHaveBeenCalledWith(10_000);
      expect(isSdkError(error, 'token_exchange_failed')).toBe(true);
      expect((error as Error).message).toBe('Could not reach the cloud to exchange the temporary token: no answer within 10 s');
    } finally {
      timeout.mockRestore();
    }
  });

  test('a cloud that cannot be reached at all is not called a timeout', async () => {
    const closed = createServer();
    await new Promise<void>((r) => closed.listen(0, '127.0.0.1', r));
    const port = (closed.address() as AddressInfo).port;
    await new Promise<void>((r) => closed.close(() => r()));
    const error = await exchangeTempToken(`http://127.0.0.1:${port}`, 'temp-token-5', API_KEY, 'com.example.app').catch((e: unknown) => e);
    expect(isSdkError(error, 'token_exchange_failed')).toBe(true);
    expect((error as Error).message).toMatch(/^Could not reach the cloud to exchange the temporary token: \S/);
    expect((error as Error).message).not.toMatch(/no answer within|\{\}/);
  });
});
