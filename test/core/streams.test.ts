import { StreamTable, type StreamHandler } from '../../src/core/session/streams';

/** Which handlers one data_stream reaches (names in call order). */
function reach(table: StreamTable, streamType: string, data: unknown = {}): string[] {
  return table
    .targets(streamType, data)
    .flatMap((set) => (typeof set === 'function' ? [set] : [...set]))
    .map((fn) => (fn as StreamHandler & { label: string }).label);
}

function named(label: string): StreamHandler {
  return Object.assign(() => undefined, { label });
}

describe('StreamTable.targets', () => {
  test('an exact language key alone is reached directly', () => {
    const t = new StreamTable(() => {});
    t.add('transcription:en-US', named('en'));
    t.add('button_press', named('button'));
    expect(reach(t, 'transcription:en-US')).toEqual(['en']);
    expect(reach(t, 'button_press')).toEqual(['button']);
  });

  test('an exact key shared with a variant that has query options reaches both, each once', () => {
    const t = new StreamTable(() => {});
    t.add('transcription:en-US', named('plain'));
    t.add('transcription:en-US?hints=ja', named('hinted'));
    expect(reach(t, 'transcription:en-US').sort()).toEqual(['hinted', 'plain']);
    expect(reach(t, 'transcription:en-US?hints=ja').sort()).toEqual(['hinted', 'plain']);
  });

  test('a base type reaches the language key rebuilt from the data, and touch gestures by name', () => {
    const t = new StreamTable(() => {});
    t.add('transcription:fr-FR', named('fr'));
    t.add('touch_event', named('any touch'));
    t.add('touch_event:double_tap', named('double'));
    expect(reach(t, 'transcription', { transcribeLanguage: 'fr-FR' })).toEqual(['fr']);
    expect(reach(t, 'touch_event', { gesture_name: 'double_tap' }).sort()).toEqual(['any touch', 'double']);
    expect(reach(t, 'touch_event:double_tap')).toEqual(['double']);
  });

  test('after the only variant is removed, the plain key is reached alone again', () => {
    const t = new StreamTable(() => {});
    t.add('transcription:en-US', named('plain'));
    const off = t.add('transcription:en-US?hints=ja', named('hinted'));
    off();
    expect(reach(t, 'transcription:en-US')).toEqual(['plain']);
    expect(reach(t, 'transcription:en-US?hints=ja')).toEqual(['plain']);
  });

  test('explicit subscriptions and rates appear in the list without handlers', () => {
    const t = new StreamTable(() => {});
    t.subscribe('location_stream', 'high');
    t.add('button_press', named('button'));
    expect(t.list()).toEqual(['button_press', { stream: 'location_stream', rate: 'high' }]);
    t.unsubscribe('location_stream');
    expect(t.list()).toEqual(['button_press']);
  });
});
