import jwt from 'jsonwebtoken';
import { createToken, exchangeToken, extractTempToken, extractTokenFromUrl, generateWebviewUrl, isSdkError, validateToken } from '../../src';
import { API_KEY } from '../helpers/apps';
import { fakeCloudApi } from '../helpers/webview';

describe('app tokens', () => {
  const payload = { userId: 'u@example.com', packageName: 'com.example.app', sessionId: 's-1' };

  test('createToken makes an HS256 JWT valid for one day that validateToken accepts', () => {
    const token = createToken(payload, { secretKey: 'k' });
    expect(jwt.decode(token, { complete: true })?.header.alg).toBe('HS256');
    const result = validateToken(token, 'k');
    expect(result).toMatchObject({ valid: true, payload });
    expect(result.payload!.exp! - result.payload!.iat!).toBe(86_400);
    expect(validateToken(token, 'other')).toMatchObject({ valid: false, error: 'invalid signature' });
  });

  test('validateToken pins HS256: an unsigned or HS512 token is refused', () => {
    const unsigned = jwt.sign(payload, '', { algorithm: 'none' });
    expect(validateToken(unsigned, 'k').valid).toBe(false);
    expect(validateToken(jwt.sign(payload, 'k', { algorithm: 'HS512' }), 'k')).toMatchObject({ valid: false, error: 'invalid algorithm' });
  });

  test('an expired token is refused', () => {
    expect(validateToken(createToken(payload, { secretKey: 'k', expiresIn: -10 }), 'k')).toMatchObject({ valid: false, error: 'jwt expired' });
  });
});

describe('webview URLs', () => {
  test.each([
    ['https://app.example.com/webview', 'https://app.example.com/webview?token=a.b.c'],
    ['https://app.example.com/webview?x=1', 'https://app.example.com/webview?x=1&token=a.b.c'],
    ['https://app.example.com/webview?x=1#top', 'https://app.example.com/webview?x=1&token=a.b.c#top'],
    ['/webview', '/webview?token=a.b.c'],
  ])('generateWebviewUrl(%s)', (base, expected) => {
    expect(generateWebviewUrl(base, 'a.b.c')).toBe(expected);
  });

  test('extractTokenFromUrl and extractTempToken read absolute and relative URLs, or give null', () => {
    expect(extractTokenFromUrl('https://x.example/p?token=abc&aos_temp_token=t1')).toBe('abc');
    expect(extractTokenFromUrl('/p?token=a%2Bb')).toBe('a+b');
    expect(extractTokenFromUrl('/p')).toBeNull();
    expect(extractTempToken('https://x.example/p?aos_temp_token=t1')).toBe('t1');
    expect(extractTempToken('/p?token=abc')).toBeNull();
    expect(extractTokenFromUrl(generateWebviewUrl('/w?x=1', 'j.w.t'))).toBe('j.w.t');
  });
});

describe('exchangeToken', () => {
  test('returns the user id; a refused token rejects with SdkError token_exchange_failed', async () => {
    const api = await fakeCloudApi(API_KEY, { good: 'u@example.com' });
    try {
      await expect(exchangeToken(`${api.url}/`, 'good', API_KEY, 'com.example.app')).resolves.toEqual({ userId: 'u@example.com' });
      const err = await exchangeToken(api.url, 'bad', API_KEY, 'com.example.app').catch((e) => e);
      expect(isSdkError(err, 'token_exchange_failed')).toBe(true);
      expect(err.message).toBe('The cloud refused the temporary token (HTTP 401): Invalid or expired token');
      expect(err.message).not.toContain(API_KEY);
    } finally {
      await api.close();
    }
  });

  test('an unreachable cloud rejects with SdkError token_exchange_failed', async () => {
    const api = await fakeCloudApi(API_KEY, {});
    const url = api.url;
    await api.close();
    const err = await exchangeToken(url, 'tok', API_KEY, 'com.example.app').catch((e) => e);
    expect(isSdkError(err, 'token_exchange_failed')).toBe(true);
    expect(err.message).toMatch(/^Could not reach the cloud/);
  });
});
