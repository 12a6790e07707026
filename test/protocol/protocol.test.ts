import {
  ackSystemSettings,
  apiKeyHeaderValue,
  canonicalMessageType,
  createTranscriptionStream,
  createTranslationStream,
  getBaseStreamType,
  isValidLanguageCode,
  isValidStreamType,
  parseLanguageStream,
  webhookWebsocketUrl,
  DIALECTS,
} from '../../src/protocol';
import { checkCloudUrl } from '../../src/core/session/trust';
import { backoffDelay, closeAction, RECONNECT_DEFAULTS } from '../../src/core/session/reconnect';

describe('stream strings', () => {
  test('transcription and translation streams', () => {
    expect(createTranscriptionStream('en-US')).toBe('transcription:en-US');
    expect(createTranscriptionStream('ja-JP', { disableLanguageIdentification: true, hints: ['en', 'fr'] })).toBe(
      'transcription:ja-JP?no-language-identification=true&hints=en%2Cfr',
    );
    expect(createTranscriptionStream('auto')).toBe('transcription:auto');
    expect(() => createTranscriptionStream('english')).toThrow(TypeError);
    expect(createTranslationStream('es-ES', 'en-US')).toBe('translation:es-ES-to-en-US');
    expect(parseLanguageStream('transcription:ja-JP?no-language-identification=true')).toMatchObject({
      type: 'transcription',
      transcribeLanguage: 'ja-JP',
      options: { 'no-language-identification': true },
    });
    expect(parseLanguageStream('translation:all-to-en-US')).toMatchObject({ transcribeLanguage: 'all', translateLanguage: 'en-US' });
    expect(parseLanguageStream('button_press')).toBeNull();
    expect(getBaseStreamType('transcription:en-US')).toBe('transcription');
    // As published: the StreamType of a subscription, or null when it is none.
    expect(getBaseStreamType('button_press')).toBe('button_press');
    expect(getBaseStreamType('translation:es-ES-to-en-US')).toBe('translation');
    expect(getBaseStreamType('touch_event:double_tap')).toBe('touch_event');
    expect(getBaseStreamType('nonsense')).toBeNull();
    expect(getBaseStreamType('transcription:not-a-language')).toBeNull();
    expect(isValidLanguageCode('fil-PH')).toBe(true);
    expect(isValidStreamType('touch_event:double_tap')).toBe(true);
    expect(isValidStreamType('nonsense')).toBe(false);
  });
});

describe('dialect table', () => {
  test('normalises the webhook URL field, the ack settings key, app-to-app names and the key header', () => {
    expect(webhookWebsocketUrl({ augmentOSWebsocketUrl: 'wss://a' })).toBe('wss://a');
    expect(webhookWebsocketUrl({ mentraOSWebsocketUrl: 'wss://m', augmentOSWebsocketUrl: 'wss://a' })).toBe('wss://m');
    expect(webhookWebsocketUrl({ websocketUrl: 'wss://v3', mentraOSWebsocketUrl: 'wss://m' })).toBe('wss://v3');
    expect(webhookWebsocketUrl({})).toBeUndefined();
    expect(ackSystemSettings({ augmentosSettings: { a: 1 } })).toEqual({ a: 1 });
    expect(ackSystemSettings({ mentraosSettings: { m: 1 }, augmentosSettings: { a: 1 } })).toEqual({ m: 1 });
    expect(ackSystemSettings({ augmentosSettings: [1] })).toBeUndefined();
    expect(canonicalMessageType('tpa_message_received')).toBe('app_message_received');
    expect(canonicalMessageType('data_stream')).toBe('data_stream');
    expect(apiKeyHeaderValue({ 'x-tpa-api-key': 'h' })).toBe('h');
    expect(apiKeyHeaderValue({ 'x-app-api-key': 'h2' })).toBe('h2');
    expect(Object.keys(DIALECTS)).toEqual(['augmentos', 'mentraos', 'mentraos-v3']);
  });
});

describe('trusted cloud URLs', () => {
  test.each([
    ['wss://prod.augmentos.cloud/tpa-ws', true],
    ['wss://api.mentra.glass/app-ws', true],
    ['ws://api.mentra.glass/app-ws', false],
    ['https://api.mentra.glass/app-ws', false],
    ['wss://evil.example.com/app-ws', false],
    ['wss://mentra.glass.evil.com/app-ws', false],
    ['wss://user:pw@api.mentra.glass/app-ws', false],
    ['ws://127.0.0.1:9000/app-ws', false],
    ['not a url', false],
  ])('%s -> %s', (url, ok) => {
    const prev = process.env.MENTRAOS_TRUSTED_HOSTS;
    delete process.env.MENTRAOS_TRUSTED_HOSTS;
    try {
      expect(checkCloudUrl(url).ok).toBe(ok);
    } finally {
      if (prev !== undefined) process.env.MENTRAOS_TRUSTED_HOSTS = prev;
    }
  });

  test('listed hosts: ws:// only for loopback', () => {
    expect(checkCloudUrl('ws://127.0.0.1:9000/app-ws', ['127.0.0.1']).ok).toBe(true);
    expect(checkCloudUrl('ws://127.0.0.2:9000/app-ws', ['127.0.0.1']).ok).toBe(false);
    expect(checkCloudUrl('ws://cloud.internal/app-ws', ['cloud.internal']).ok).toBe(false);
    expect(checkCloudUrl('wss://cloud.internal/app-ws', ['cloud.internal']).ok).toBe(true);
    expect(checkCloudUrl('ws://[::1]:80/app-ws', ['::1']).ok).toBe(true);
  });
});

describe('reconnect policy', () => {
  test('close codes', () => {
    expect(closeAction(1000)).toBe('terminal');
    expect(closeAction(1008)).toBe('terminal');
    expect(closeAction(1006)).toBe('resume');
    expect(closeAction(1005)).toBe('resume');
    expect(closeAction(1001)).toBe('reconnect');
    expect(closeAction(1011)).toBe('reconnect');
    expect(closeAction(4999)).toBe('reconnect');
  });
  test('full jitter stays under the growing ceiling', () => {
    expect(backoffDelay(0, RECONNECT_DEFAULTS, () => 0.999)).toBeLessThan(500);
    expect(backoffDelay(3, RECONNECT_DEFAULTS, () => 0.999)).toBeLessThan(4000);
    expect(backoffDelay(3, RECONNECT_DEFAULTS, () => 0.999)).toBeGreaterThan(3900);
    expect(backoffDelay(20, RECONNECT_DEFAULTS, () => 0.5)).toBe(5000);
  });
});
