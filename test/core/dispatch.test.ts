import { createTestCloud, type TestCloud } from '../../src/testing';
import { AppServer, type AppSession } from '../../src';
import { appConfig, started, eventually, sleep } from '../helpers/apps';

/** An app whose onSession is supplied by the test. */
function appWith(onSession: (s: AppSession) => void, extra = {}) {
  class Probe extends AppServer {
    protected override async onSession(session: AppSession): Promise<void> {
      onSession(session);
    }
  }
  return new Probe(appConfig(extra));
}

describe('dispatch', () => {
  let cloud: TestCloud;
  const apps: AppServer[] = [];
  afterEach(async () => {
    await Promise.all(apps.splice(0).map((a) => a.stop()));
    await cloud.close();
  });

  test('exact streamType (mentraos dialect) reaches several language handlers at once', async () => {
    cloud = await createTestCloud({ dialect: 'mentraos' });
    const got: string[] = [];
    const app = await started(
      appWith((s) => {
        s.events.onTranscriptionForLanguage('en-US', (d) => void got.push(`en:${d.text}`));
        s.events.onTranscriptionForLanguage('ja-JP', (d) => void got.push(`ja:${d.text}`), { disableLanguageIdentification: true });
        s.events.onTranslationForLanguage('es-ES', 'en-US', (d) => void got.push(`tr:${d.text}`));
      }),
    );
    apps.push(app);
    const user = await cloud.startSession({ app });
    await user.waitForSubscriptions((s) => s.length === 3);
    expect(user.subscriptions).toContain('transcription:ja-JP?no-language-identification=true');
    expect(await user.transcribe('hello', { language: 'en-US' })).toBe(1);
    expect(await user.transcribe('konnichiwa', { language: 'ja-JP' })).toBe(1);
    expect(await user.translate('hello', { from: 'es-ES', to: 'en-US' })).toBe(1);
    await eventually(() => got.length === 3);
    expect(got).toEqual(['en:hello', 'ja:konnichiwa', 'tr:hello']);
    const streamTypes = user.wire.filter((r) => r.msg.type === 'data_stream').map((r) => r.msg.streamType);
    expect(streamTypes).toEqual(['transcription:en-US', 'transcription:ja-JP?no-language-identification=true', 'translation:es-ES-to-en-US']);
  });

  test('base streamType plus data languages (augmentos dialect) reaches the same handlers', async () => {
    cloud = await createTestCloud({ dialect: 'augmentos' });
    const got: string[] = [];
    const app = await started(
      appWith((s) => {
        s.events.onTranscription((d) => void got.push(`en:${d.text}`));
        s.events.onTranscriptionForLanguage('fr-FR', (d) => void got.push(`fr:${d.text}`));
        s.events.onTranslationForLanguage('es-ES', 'en-US', (d) => void got.push(`tr:${d.text}`));
      }),
    );
    apps.push(app);
    const user = await cloud.startSession({ app });
    await user.waitForSubscriptions((s) => s.length === 3);
    await user.transcribe('hello', { language: 'en-US' });
    await user.transcribe('bonjour', { language: 'fr-FR' });
    await user.translate('hola', { from: 'es-ES', to: 'en-US' });
    await eventually(() => got.length === 3);
    expect(got).toEqual(['en:hello', 'fr:bonjour', 'tr:hola']);
    const streamTypes = user.wire.filter((r) => r.msg.type === 'data_stream').map((r) => r.msg.streamType);
    expect(streamTypes).toEqual(['transcription', 'transcription', 'translation']);
  });

  test('buttons, head position, notifications and any stream through on()', async () => {
    cloud = await createTestCloud();
    const got: unknown[] = [];
    const app = await started(
      appWith((s) => {
        s.events.onButtonPress((d) => void got.push(['button', d.buttonId, d.pressType]));
        s.events.onHeadPosition((d) => void got.push(['head', d.position]));
        s.events.onPhoneNotifications((d) => void got.push(['notify', d.title]));
        s.on('calendar_event', (d: { title: string }) => void got.push(['calendar', d.title]));
      }),
    );
    apps.push(app);
    const user = await cloud.startSession({ app });
    await user.pressButton('main', 'long');
    await user.moveHead('up');
    await user.notify({ app: 'Mail', title: 'Hi', content: 'there' });
    await user.emit('calendar_event', { eventId: '1', title: 'Standup', dtStart: 'a', dtEnd: 'b' });
    await eventually(() => got.length === 4);
    expect(got).toEqual([
      ['button', 'main', 'long'],
      ['head', 'up'],
      ['notify', 'Hi'],
      ['calendar', 'Standup'],
    ]);
  });

  test('binary frames are audio chunks', async () => {
    cloud = await createTestCloud();
    const sizes: number[] = [];
    const app = await started(appWith((s) => s.events.onAudioChunk((c) => void sizes.push(c.arrayBuffer.byteLength))));
    apps.push(app);
    const user = await cloud.startSession({ app });
    await user.waitForSubscriptions((s) => s.includes('audio_chunk'));
    await user.sendRaw(Buffer.alloc(320, 1));
    await eventually(() => sizes.length === 1);
    expect(sizes).toEqual([320]);
  });

  test('a throwing handler reaches the error handler and nothing else: other handlers and sessions go on', async () => {
    cloud = await createTestCloud();
    const errors: string[] = [];
    const got: string[] = [];
    const app = await started(
      appWith(
        (s) => {
          s.events.onTranscription(() => {
            throw new Error(`handler failed for ${s.userId}`);
          });
          s.events.onTranscription(async (d) => {
            got.push(`${s.userId}:${d.text}`);
            if (s.userId === 'a@x.com') throw new Error('async failure');
          });
        },
        { onError: (e: Error) => errors.push(e.message) },
      ),
    );
    apps.push(app);
    const a = await cloud.startSession({ app, userId: 'a@x.com' });
    const b = await cloud.startSession({ app, userId: 'b@x.com' });
    await a.transcribe('one');
    await b.transcribe('two');
    await eventually(() => got.length === 2 && errors.length === 3);
    expect(got.sort()).toEqual(['a@x.com:one', 'b@x.com:two']);
    expect(errors.sort()).toEqual(['async failure', 'handler failed for a@x.com', 'handler failed for b@x.com']);
    await a.transcribe('again');
    await eventually(() => got.length === 3);
    expect(a.connected && b.connected).toBe(true);
  });

  test('session.events.onError takes handler errors for that session', async () => {
    cloud = await createTestCloud();
    const sessionErrors: string[] = [];
    const serverErrors: string[] = [];
    const app = await started(
      appWith(
        (s) => {
          s.events.onError((e) => void sessionErrors.push(e.message));
          s.events.onTranscription(() => {
            throw new Error('mine');
          });
        },
        { onError: (e: Error) => serverErrors.push(e.message) },
      ),
    );
    apps.push(app);
    const user = await cloud.startSession({ app });
    await user.transcribe('x');
    await eventually(() => sessionErrors.length === 1);
    await sleep(20);
    expect(sessionErrors).toEqual(['mine']);
    expect(serverErrors).toEqual([]);
  });

  test('malformed and unknown frames are dropped; the session lives on', async () => {
    cloud = await createTestCloud();
    const got: string[] = [];
    const errors: string[] = [];
    const app = await started(appWith((s) => s.events.onTranscription((d) => void got.push(d.text)), { onError: (e: Error) => errors.push(e.message) }));
    apps.push(app);
    const user = await cloud.startSession({ app });
    await user.waitForSubscriptions((s) => s.length === 1);
    for (const frame of [
      '{',
      '[]',
      '42',
      'null',
      '{"no":"type"}',
      '{"type":"mystery_message"}',
      '{"type":"data_stream"}',
      '{"type":"data_stream","streamType":"transcription:en-US","data":null}',
      '{"type":"data_stream","streamType":"transcription:en-US","data":{"text":5}}',
      '{"type":"settings_update","settings":"nope"}',
    ]) {
      await user.sendRaw(frame);
    }
    await user.transcribe('survived');
    await eventually(() => got.length === 1);
    expect(got).toEqual(['survived']);
    expect(errors).toEqual([]);
    expect(user.connected).toBe(true);
  });
});
