/**
 * `session.events` method by method, on the wire of a real session: each stream method subscribes its own
 * stream, delivers that stream's data and unsubscribes; `on(name)` reaches the system events without
 * subscribing to a stream of that name; and the cloud-only messages are read defensively.
 */
import { type AppSession, StreamType } from '../../src';
import type { SimulatedUser } from '../../src/testing';
import { eventually } from '../helpers/apps';
import { harness } from '../helpers/modules';

const RECONNECT = { reconnect: { baseDelayMs: 20, maxDelayMs: 100 } };

describe('session.events method by method', () => {
  const h = harness();

  test('each stream method subscribes its stream, gets its data and unsubscribes', async () => {
    const { user, session } = await h.start();
    const got: [string, unknown][] = [];
    const rec = (name: string) => (d: unknown) => void got.push([name, d]);
    const ev = session.events;
    const cases: [string, () => () => void, string, Record<string, unknown>][] = [
      ['head', () => ev.onHeadPosition(rec('head')), 'head_position', { position: 'up' }],
      ['notification', () => ev.onPhoneNotifications(rec('notification')), 'phone_notification', { app: 'Mail', title: 't', content: 'c' }],
      ['dismissed', () => ev.onPhoneNotificationDismissed(rec('dismissed')), 'phone_notification_dismissed', { notificationKey: 'k' }],
      ['glasses battery', () => ev.onGlassesBattery(rec('glasses battery')), 'glasses_battery_update', { level: 40, charging: false }],
      ['phone battery', () => ev.onPhoneBattery(rec('phone battery')), 'phone_battery_update', { level: 70, charging: true }],
      ['vad', () => ev.onVoiceActivity(rec('vad')), 'VAD', { status: true }],
      ['calendar', () => ev.onCalendarEvent(rec('calendar')), 'calendar_event', { title: 'Standup' }],
      ['vps', () => ev.onVpsCoordinates(rec('vps')), 'vps_coordinates', { x: 1, y: 2, z: 3 }],
      ['photo taken', () => ev.onPhotoTaken(rec('photo taken')), 'photo_taken', { photoUrl: 'https://p/1.jpg' }],
      ['location', () => ev.onLocation(rec('location')), 'location_update', { lat: 1.5, lng: 2.5 }],
      ['by name', () => ev.on(StreamType.BUTTON_PRESS, rec('by name')), 'button_press', { buttonId: 'main', pressType: 'long' }],
      ['translation', () => ev.onTranslationForLanguage('es-ES', 'en-US', rec('translation')), 'translation:es-ES-to-en-US', { text: 'hola' }],
    ];
    const offs = cases.map(([, subscribe]) => subscribe());
    const streams = cases.map(([, , stream]) => stream);
    await user.waitForSubscriptions((subs) => streams.every((s) => subs.includes(s)));
    expect([...user.subscriptions].sort()).toEqual([...streams].sort());
    for (const [, , stream, data] of cases) await user.emit(stream, data);
    await eventually(() => got.length === cases.length);
    expect(got).toEqual(cases.map(([name, , , data]) => [name, expect.objectContaining(data)]));
    for (const off of offs) off();
    await user.waitForSubscriptions((subs) => subs.length === 0);
  });

  test('audio chunks: onAudioChunk subscribes audio_chunk and gets each binary frame', async () => {
    const { user, session } = await h.start();
    const sizes: number[] = [];
    session.events.onAudioChunk((c) => void sizes.push(c.arrayBuffer.byteLength));
    await user.waitForSubscriptions((subs) => subs.includes('audio_chunk'));
    await user.sendRaw(Buffer.alloc(64, 1));
    await eventually(() => sizes.length === 1);
    expect(sizes).toEqual([64]);
  });

  test('onTouchEvent: one gesture on its own stream, or every touch', async () => {
    const { user, session } = await h.start();
    const got: string[] = [];
    session.events.onTouchEvent((t) => void got.push(`all:${t.gesture_name}`));
    const off = session.events.onTouchEvent('double_tap', (t) => void got.push(`double:${t.gesture_name}`));
    await user.waitForSubscriptions((subs) => subs.includes('touch_event') && subs.includes('touch_event:double_tap'));
    await user.touch('double_tap');
    await eventually(() => got.length === 1);
    off();
    await user.waitForSubscriptions((subs) => !subs.includes('touch_event:double_tap'));
    await user.touch('double_tap');
    await eventually(() => got.length === 2);
    expect(got).toEqual(['double:double_tap', 'all:double_tap']);
  });

  test('onTranscriptionForLanguage: the legacy boolean and the options object name the same stream; none names the plain one', async () => {
    const { user, session } = await h.start();
    const got: string[] = [];
    session.events.onTranscriptionForLanguage('fr-FR', (d) => void got.push(`plain:${d.text}`));
    session.events.onTranscriptionForLanguage('de-DE', () => {}, true);
    session.events.onTranscriptionForLanguage('es-ES', () => {}, { disableLanguageIdentification: true });
    session.events.onTranscriptionForLanguage('it-IT', () => {}, false);
    session.events.onTranscriptionForLanguage('pt-BR', () => {}, { disableLanguageIdentification: false, hints: ['es-ES'] });
    const expected = [
      'transcription:fr-FR',
      'transcription:de-DE?no-language-identification=true',
      'transcription:es-ES?no-language-identification=true',
      'transcription:it-IT',
      'transcription:pt-BR?hints=es-ES',
    ];
    await user.waitForSubscriptions((subs) => expected.every((s) => subs.includes(s)));
    expect([...user.subscriptions].sort()).toEqual([...expected].sort());
    await user.transcribe('bonjour', { language: 'fr-FR' });
    await eventually(() => got.length === 1);
    expect(got).toEqual(['plain:bonjour']);
  });

  test('getRegisteredStreams names each stream as text, also one subscribed with a rate', async () => {
    const { user, session } = await h.start();
    session.events.onButtonPress(() => {});
    session.location.subscribeToStream({ accuracy: 'high' }, () => {});
    await user.waitForSubscriptions((subs) => subs.length === 3);
    // (the location stream, asked for with a rate, also subscribes the plain updates)
    expect([...session.events.getRegisteredStreams()].sort()).toEqual([StreamType.BUTTON_PRESS, StreamType.LOCATION_STREAM, StreamType.LOCATION_UPDATE].sort());
  });
});

describe('session.events.on: system events by name', () => {
  const h = harness();

  /** Registers a recording handler for each system event name through `on`. */
  function onEach(session: AppSession, names: string[]) {
    const got: [string, unknown][] = [];
    for (const name of names) session.events.on(name, (d: unknown) => void got.push([name, d]));
    return got;
  }

  async function noSubscriptionSent(user: SimulatedUser) {
    // A marker stream after the system names: once it is subscribed, any subscription they caused was sent too.
    await user.waitForSubscriptions((subs) => subs.includes('button_press'));
    expect(user.subscriptions).toEqual(['button_press']);
  }

  test('connected, disconnected and reconnected come from the connection, not from streams', async () => {
    await h.useCloud({ settings: [{ key: 'units', value: 'metric' }] });
    const { user, session } = await h.start(RECONNECT);
    const got = onEach(session, ['connected', 'disconnected', 'reconnected']);
    session.events.onButtonPress(() => {});
    await noSubscriptionSent(user);
    user.dropConnection();
    await eventually(() => got.some(([n]) => n === 'reconnected') && got.some(([n]) => n === 'connected'));
    expect(got.map(([n]) => n)).toEqual(['disconnected', 'connected', 'reconnected']);
    expect(got[1]![1]).toEqual([{ key: 'units', value: 'metric' }]);
    expect(got[2]![1]).toBe(1);
  });

  test('error, settings_update, permission_error, permission_denied and closed reach their listeners', async () => {
    const { user, session } = await h.start();
    const got = onEach(session, ['error', 'settings_update', 'permission_error', 'permission_denied', 'closed']);
    session.events.onButtonPress(() => {
      throw new Error('handler failed');
    });
    await noSubscriptionSent(user);
    await user.pressButton();
    await eventually(() => got.length === 1);
    await user.updateSettings([{ key: 'k', value: 1 }]);
    const detail = { stream: 'transcription:en-US', requiredPermission: 'MICROPHONE', message: 'x' };
    await user.sendMessage({ type: 'permission_error', message: 'no mic', details: [detail] });
    await eventually(() => got.length === 4);
    await user.stop('user_disabled');
    await eventually(() => got.length === 5);
    expect(got.map(([n]) => n)).toEqual(['error', 'settings_update', 'permission_error', 'permission_denied', 'closed']);
    expect(got[0]![1]).toMatchObject({ message: 'handler failed' });
    expect(got[1]![1]).toEqual([{ key: 'k', value: 1 }]);
    expect(got[2]![1]).toEqual({ message: 'no mic', details: [detail], timestamp: undefined });
    expect(got[3]![1]).toEqual(detail);
    expect(got[4]![1]).toBe('user_disabled');
  });

  test('a permission_error without a message or details is read as empty, never as "undefined"', async () => {
    const { user, session } = await h.start();
    const errors: unknown[] = [];
    const denied: unknown[] = [];
    session.events.onPermissionError((e) => void errors.push(e));
    session.events.onPermissionDenied((d) => void denied.push(d));
    await user.sendMessage({ type: 'permission_error', details: 'none' });
    await eventually(() => errors.length === 1);
    expect(errors).toEqual([{ message: '', details: [], timestamp: undefined }]);
    expect(denied).toEqual([]);
  });
});

describe('session.events: what the cloud reports about the glasses and the dashboard', () => {
  const h = harness();

  test('dashboard mode and always-on changes reach their handlers only with a value of the right type', async () => {
    const { user, session } = await h.start();
    const got: unknown[] = [];
    session.events.onDashboardModeChange((m) => void got.push(m));
    session.events.onDashboardAlwaysOnChange((m) => void got.push(m));
    await user.sendMessage({ type: 'dashboard_mode_changed', mode: 7 });
    await user.sendMessage({ type: 'dashboard_always_on_changed', enabled: 'yes' });
    await user.sendMessage({ type: 'dashboard_mode_changed', mode: 'expanded' });
    await user.sendMessage({ type: 'dashboard_always_on_changed', enabled: false });
    await eventually(() => got.length === 2);
    // The first two were dropped: the next ones arrived after them on the same socket.
    expect(got).toEqual([{ mode: 'expanded' }, { enabled: false }]);
  });

  test('capabilities_update: the model name when it is text, else null', async () => {
    const { user, session } = await h.start();
    const got: unknown[] = [];
    session.events.onCapabilitiesUpdate((u) => void got.push(u));
    await user.sendMessage({ type: 'capabilities_update', modelName: 'Even Realities G1', capabilities: null, timestamp: 'T' });
    await user.sendMessage({ type: 'capabilities_update', modelName: 5, capabilities: null });
    await eventually(() => got.length === 2);
    expect(got).toEqual([
      { capabilities: null, modelName: 'Even Realities G1', timestamp: 'T' },
      { capabilities: null, modelName: null, timestamp: undefined },
    ]);
  });
});
