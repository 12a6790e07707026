import { type CloudFrame, parseCloudFrame } from '../../src/core/session/frames';
import { DIALECTS, type Dialect, webhookDialect } from '../../src/protocol/dialects';

const json = (msg: unknown) => JSON.stringify(msg);

/** The frame, failing the test with the reason when it was rejected. */
function frameOf(text: string, dialect?: Readonly<Dialect>): CloudFrame {
  const parsed = parseCloudFrame(text, dialect);
  if (!parsed.ok) throw new Error(`rejected: ${parsed.reason}`);
  return parsed.frame;
}

function reasonOf(text: string, dialect?: Readonly<Dialect>): string {
  const parsed = parseCloudFrame(text, dialect);
  if (parsed.ok) throw new Error(`accepted as ${parsed.frame.kind}`);
  return parsed.reason;
}

const dialects = [undefined, ...Object.values(DIALECTS)];

describe('parseCloudFrame: dialect differences', () => {
  test.each(['broadcast_message', 'message_received', 'user_joined', 'user_left', 'room_updated', 'direct_message_response'])(
    'tpa_%s and app_%s parse to the canonical app_* type in every dialect, the message kept as received',
    (stem) => {
      for (const d of dialects) {
        for (const prefix of ['tpa', 'app']) {
          const frame = frameOf(json({ type: `${prefix}_${stem}`, payload: 1 }), d);
          expect(frame).toMatchObject({ kind: 'other', type: `app_${stem}` });
          expect(frame.message).toEqual({ type: `${prefix}_${stem}`, payload: 1 });
        }
      }
    },
  );

  test('the ack settings snapshot comes from augmentosSettings or mentraosSettings in every dialect', () => {
    for (const d of dialects) {
      for (const key of ['augmentosSettings', 'mentraosSettings']) {
        const frame = frameOf(json({ type: 'tpa_connection_ack', [key]: { brightness: 5 } }), d);
        expect(frame).toMatchObject({ kind: 'ack', type: 'tpa_connection_ack', systemSettings: { brightness: 5 } });
      }
    }
  });

  test("an ack carrying both keys is read from the dialect's own key first; without a dialect, the newest", () => {
    const both = json({ type: 'tpa_connection_ack', augmentosSettings: { from: 'a' }, mentraosSettings: { from: 'm' } });
    expect(frameOf(both, DIALECTS.augmentos)).toMatchObject({ systemSettings: { from: 'a' } });
    expect(frameOf(both, DIALECTS.mentraos)).toMatchObject({ systemSettings: { from: 'm' } });
    expect(frameOf(both, DIALECTS['mentraos-v3'])).toMatchObject({ systemSettings: { from: 'm' } });
    expect(frameOf(both)).toMatchObject({ systemSettings: { from: 'm' } });
    // A key whose value is not an object is skipped for the other generation's.
    expect(frameOf(json({ type: 'tpa_connection_ack', augmentosSettings: 3, mentraosSettings: { from: 'm' } }), DIALECTS.augmentos)).toMatchObject({
      systemSettings: { from: 'm' },
    });
  });

  test('data_stream carries a base or an exact streamType; the frame says which, the streamType is kept', () => {
    const base = frameOf(json({ type: 'data_stream', streamType: 'transcription', data: { text: 'hi', transcribeLanguage: 'fr-FR' } }), DIALECTS.augmentos);
    expect(base).toMatchObject({ kind: 'data_stream', streamType: 'transcription', streamForm: 'base', data: { transcribeLanguage: 'fr-FR' } });
    const exact = frameOf(json({ type: 'data_stream', streamType: 'transcription:fr-FR', data: { text: 'hi' } }), DIALECTS.mentraos);
    expect(exact).toMatchObject({ kind: 'data_stream', streamType: 'transcription:fr-FR', streamForm: 'exact' });
  });

  test('the other engine-handled types parse to their kinds with their fields normalised', () => {
    expect(frameOf(json({ type: 'settings_update', settings: [{ key: 'k', value: 1 }] }))).toMatchObject({
      kind: 'settings_update',
      settings: [{ key: 'k', value: 1 }],
    });
    expect(frameOf(json({ type: 'augmentos_settings_update', settings: { a: 1 } }))).toMatchObject({ kind: 'system_settings_update', settings: { a: 1 } });
    expect(frameOf(json({ type: 'capabilities_update', capabilities: { hasCamera: true } }))).toMatchObject({
      kind: 'capabilities_update',
      capabilities: { hasCamera: true },
    });
    expect(frameOf(json({ type: 'capabilities_update', capabilities: 'x' }))).toMatchObject({ kind: 'capabilities_update', capabilities: null });
    expect(frameOf(json({ type: 'app_stopped', reason: 'user_disabled' }))).toMatchObject({ kind: 'app_stopped', reason: 'user_disabled' });
    expect(frameOf(json({ type: 'app_stopped' }))).toMatchObject({ kind: 'app_stopped', reason: 'cloud_closed' });
    expect(frameOf(json({ type: 'audio_chunk' }))).toMatchObject({ kind: 'audio_chunk' });
    expect(frameOf(json({ type: 'photo_response', requestId: 'r' }))).toMatchObject({ kind: 'other', type: 'photo_response' });
  });

  test('both spellings of a refusal parse to one kind, code and text defaulted', () => {
    expect(frameOf(json({ type: 'tpa_connection_error', code: 'BAD_KEY', message: 'no' }))).toMatchObject({ kind: 'refused', code: 'BAD_KEY', text: 'no' });
    const bare = frameOf(json({ type: 'connection_error', code: 7, message: 8 }));
    expect(bare).toMatchObject({ kind: 'refused', type: 'connection_error', code: 'UNKNOWN' });
    expect(bare).not.toHaveProperty('text');
  });
});

describe('parseCloudFrame: malformed frames are rejected with a reason, never thrown', () => {
  test.each([
    ['not JSON', '{"type":', 'it is not valid JSON'],
    ['an array', '[1,2]', 'it is not an object with a string "type"'],
    ['null', 'null', 'it is not an object with a string "type"'],
    ['a number type', json({ type: 5 }), 'it is not an object with a string "type"'],
    ['no type', json({ streamType: 'x' }), 'it is not an object with a string "type"'],
    [
      'a data_stream whose streamType is a number',
      json({ type: 'data_stream', streamType: 5, data: {} }),
      'data_stream has a missing or malformed streamType or data',
    ],
    ['a data_stream without data', json({ type: 'data_stream', streamType: 'button_press' }), 'data_stream has a missing or malformed streamType or data'],
    [
      'a data_stream whose data is an array',
      json({ type: 'data_stream', streamType: 'x', data: [] }),
      'data_stream has a missing or malformed streamType or data',
    ],
    [
      'a transcription whose text is a number',
      json({ type: 'data_stream', streamType: 'transcription:en-US', data: { text: 3 } }),
      'data_stream has a missing or malformed streamType or data',
    ],
    [
      'a location whose lat is a string',
      json({ type: 'data_stream', streamType: 'location_update', data: { lat: '1', lng: 2 } }),
      'data_stream has a missing or malformed streamType or data',
    ],
    ['a settings_update whose settings are an object', json({ type: 'settings_update', settings: { k: 1 } }), 'settings_update without a settings array'],
  ])('%s', (_what, text, reason) => {
    for (const d of dialects) expect(reasonOf(text, d)).toBe(reason);
  });

  test('an ack with fields of the wrong type is kept (the handshake waits for it), those fields left out', () => {
    const frame = frameOf(json({ type: 'tpa_connection_ack', settings: 'x', capabilities: [1], mentraosSettings: 'y' }));
    expect(frame.kind).toBe('ack');
    expect(frame).not.toHaveProperty('settings');
    expect(frame).not.toHaveProperty('capabilities');
    expect(frame).not.toHaveProperty('systemSettings');
  });

  test('system settings that are not an object change nothing but still reach listeners', () => {
    const frame = frameOf(json({ type: 'augmentos_settings_update', settings: [1] }));
    expect(frame.kind).toBe('system_settings_update');
    expect(frame).not.toHaveProperty('settings');
  });
});

describe('webhookDialect', () => {
  test('the generation of a session_request comes from the field that carried its WebSocket URL', () => {
    expect(webhookDialect({ augmentOSWebsocketUrl: 'wss://a' })?.name).toBe('augmentos');
    expect(webhookDialect({ mentraOSWebsocketUrl: 'wss://m' })?.name).toBe('mentraos');
    expect(webhookDialect({ websocketUrl: 'wss://v3', mentraOSWebsocketUrl: 'wss://m' })?.name).toBe('mentraos-v3');
    expect(webhookDialect({ websocketUrl: '', augmentOSWebsocketUrl: 'wss://a' })?.name).toBe('augmentos');
    expect(webhookDialect({})).toBeUndefined();
  });
});
