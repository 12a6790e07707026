/**
 * The stream table (`src/core/session/streams.ts`) at its edges: when the subscription list counts as changed
 * (and when not), how it is spelled and kept, which handlers one `data_stream` reaches through exact, canonical
 * and rebuilt keys, isolation of a throwing handler, `clear()`, and `checkStreamName` word for word.
 */
import { SdkError } from '../../src/core/errors';
import type { Logger } from '../../src/core/logger';
import { StreamTable, checkStreamName, type StreamHandler } from '../../src/core/session/streams';

/** A table whose changes are counted, with labelled handlers that record their calls. */
function table() {
  const changes = { count: 0 };
  const t = new StreamTable(() => void changes.count++);
  const seen: string[] = [];
  /** Adds a handler that records `label`; returns its remover. */
  const on = (key: string, label = key) => t.add(key, () => void seen.push(label));
  /** Delivers one value; the labels reached, in call order, then the errors reported. */
  const deliver = (streamType: string, data: unknown = {}): string[] => {
    seen.length = 0;
    const errors: string[] = [];
    t.deliver(streamType, data, (e) => errors.push(`error: ${(e as Error).message}`));
    return [...seen, ...errors];
  };
  return { t, changes, on, deliver };
}

describe('changes of the subscription list', () => {
  test('the first handler of a key is a change; a second handler, and removing one of two, are not', () => {
    const { changes, on, deliver } = table();
    const first = on('button_press', 'a');
    on('button_press', 'b');
    expect(changes.count).toBe(1);
    first();
    expect(changes.count).toBe(1);
    expect(deliver('button_press')).toEqual(['b']);
  });

  test('a remover works once: after the same function was added again, calling the old remover leaves it', () => {
    const { t, changes } = table();
    const seen: string[] = [];
    const handler: StreamHandler = () => void seen.push('h');
    const remove = t.add('head_position', handler);
    remove();
    expect([t.hasHandlers('head_position'), changes.count]).toEqual([false, 2]);
    t.add('head_position', handler);
    remove();
    t.deliver('head_position', {}, () => {});
    expect(seen).toEqual(['h']);
    expect(changes.count).toBe(3);
  });

  test('one function added twice is one handler: called once, and gone with either remover', () => {
    const { t, changes } = table();
    const seen: string[] = [];
    const handler: StreamHandler = () => void seen.push('h');
    const first = t.add('vad', handler);
    const second = t.add('vad', handler);
    t.deliver('vad', {}, () => {});
    expect([seen, changes.count]).toEqual([['h'], 1]);
    second();
    expect([t.hasHandlers('vad'), changes.count]).toEqual([false, 2]);
    first();
    expect(changes.count).toBe(2);
  });

  test('handlers join in order; each remover takes its own; the last one removed drops the key', () => {
    const { t, changes, on, deliver } = table();
    const removers = ['a', 'b', 'c'].map((label) => on('vad', label));
    expect(deliver('vad')).toEqual(['a', 'b', 'c']);
    removers[0]!();
    expect(deliver('vad')).toEqual(['b', 'c']);
    removers[1]!();
    expect(deliver('vad')).toEqual(['c']);
    expect(changes.count).toBe(1);
    removers[2]!();
    expect([t.hasHandlers('vad'), changes.count, deliver('vad')]).toEqual([false, 2, []]);
  });

  test('the remover of a handler that unsubscribe() dropped leaves the handler added since', () => {
    const { t, on, deliver } = table();
    const dropped = on('vad', 'dropped');
    t.unsubscribe('vad');
    on('vad', 'since');
    dropped();
    expect(deliver('vad')).toEqual(['since']);
    expect(t.list()).toEqual(['vad']);
  });

  test('a session object is told through subscriptionsChanged(), a function by being called', () => {
    const owner = {
      calls: 0,
      subscriptionsChanged() {
        this.calls++;
      },
    };
    new StreamTable(owner).subscribe('battery_update');
    expect(owner.calls).toBe(1);
  });

  test('subscribing again with the same rate is no change; a new rate or dropping the rate is one', () => {
    const { t, changes } = table();
    t.subscribe('location_stream', 'realtime');
    t.subscribe('location_stream', 'realtime');
    expect([changes.count, t.list()]).toEqual([1, [{ stream: 'location_stream', rate: 'realtime' }]]);
    t.subscribe('location_stream', 'standard');
    expect([changes.count, t.list()]).toEqual([2, [{ stream: 'location_stream', rate: 'standard' }]]);
    t.subscribe('location_stream');
    expect([changes.count, t.list()]).toEqual([3, ['location_stream']]);
    t.subscribe('location_stream');
    expect(changes.count).toBe(3);
  });

  test('a stream subscribed again, never with a rate, is no change', () => {
    const { t, changes } = table();
    t.subscribe('vad');
    t.subscribe('vad');
    expect([changes.count, t.list()]).toEqual([1, ['vad']]);
  });

  test('only the location stream is spelled with its rate', () => {
    const { t } = table();
    t.subscribe('vad', 'high');
    t.subscribe('location_stream', 'high');
    expect(t.list()).toEqual(['vad', { stream: 'location_stream', rate: 'high' }]);
  });

  test('unsubscribing what was never there is no change and no error; a handled key is dropped with its handlers', () => {
    const { t, changes, on } = table();
    expect(() => t.unsubscribe('vad')).not.toThrow();
    expect(changes.count).toBe(0);
    on('vad');
    t.unsubscribe('vad');
    expect([changes.count, t.list(), t.hasHandlers('vad')]).toEqual([2, [], false]);
    t.subscribe('glasses_battery_update', 'x');
    t.unsubscribe('glasses_battery_update');
    t.subscribe('glasses_battery_update');
    expect(t.list()).toEqual(['glasses_battery_update']);
  });

  test('a group set to the same streams is no change; other streams of the same count are; an empty group is removed', () => {
    const { t, changes } = table();
    t.setGroup('settings', []);
    expect(changes.count).toBe(0);
    t.setGroup('settings', ['vad', 'button_press', 'vad']);
    t.setGroup('settings', ['vad', 'button_press']);
    expect([changes.count, t.list()]).toEqual([1, ['vad', 'button_press']]);
    t.setGroup('settings', ['vad', 'head_position']);
    expect([changes.count, t.list()]).toEqual([2, ['vad', 'head_position']]);
    t.setGroup('settings', []);
    expect([changes.count, t.list()]).toEqual([3, []]);
    t.setGroup('settings', ['vad']);
    expect(t.list()).toEqual(['vad']);
  });

  test('the list names each key once, handlers first, and is the same array until something changes', () => {
    const { t, on } = table();
    on('vad');
    t.subscribe('vad');
    t.subscribe('button_press');
    t.setGroup('g', ['button_press', 'vad', 'head_position']);
    const list = t.list();
    expect(list).toEqual(['vad', 'button_press', 'head_position']);
    expect(t.list()).toBe(list);
    t.subscribe('battery_update');
    expect(t.list()).not.toBe(list);
  });

  test('clear() forgets handlers, subscriptions, rates, groups and the shared-key index', () => {
    const { t, on, deliver } = table();
    on('transcription:en-US?hints=ja', 'hinted');
    t.subscribe('location_stream', 'high');
    t.setGroup('g', ['vad']);
    t.clear();
    expect([t.list(), t.hasHandlers('transcription:en-US?hints=ja')]).toEqual([[], false]);
    expect(deliver('transcription:en-US')).toEqual([]);
    t.subscribe('location_stream');
    expect(t.list()).toEqual(['location_stream']);
  });
});

describe('which handlers a data_stream reaches', () => {
  test('a key with query options is reached by a value of its canonical type, and by its own', () => {
    const { on, deliver } = table();
    on('transcription:en-US?no-language-identification=true', 'opts');
    expect(deliver('transcription:en-US')).toEqual(['opts']);
    expect(deliver('transcription:en-US?no-language-identification=true')).toEqual(['opts']);
    expect(deliver('transcription:fr-FR')).toEqual([]);
  });

  test('a value with query options reaches the plain language key; a plain stream type never reaches an unrelated key', () => {
    const { on, deliver } = table();
    on('transcription:en-US', 'plain');
    on('button_press', 'button');
    expect(deliver('transcription:en-US?hints=ja')).toEqual(['plain']);
    expect(deliver('button_press?x=1')).toEqual([]);
    expect(deliver('head_position')).toEqual([]);
  });

  test('with plain keys only, a value of a type nobody handles reaches nothing', () => {
    const { on, deliver } = table();
    on('button_press');
    expect(deliver('head_position')).toEqual([]);
    expect(deliver('touch_event', { gesture_name: 'single_tap' })).toEqual([]);
    expect(deliver('button_press')).toEqual(['button_press']);
  });

  test('two keys of one canonical form, and a third of another, are told apart', () => {
    const { on, deliver } = table();
    on('transcription:en-US?hints=ja', 'hinted');
    on('transcription:en-US?hints=ko', 'korean');
    on('transcription:de-DE', 'german');
    expect(deliver('transcription:en-US').sort()).toEqual(['hinted', 'korean']);
    expect(deliver('transcription:de-DE')).toEqual(['german']);
    expect(deliver('transcription', { transcribeLanguage: 'de-DE' })).toEqual(['german']);
    expect(deliver('transcription', { transcribeLanguage: 'en-US' }).sort()).toEqual(['hinted', 'korean']);
  });

  test('a base type reaches the keys rebuilt from its data, and nothing when the data names nothing', () => {
    const { on, deliver } = table();
    on('transcription:en-US', 'english');
    on('translation:all-to-fr-FR', 'any-to-french');
    on('translation:es-ES-to-fr-FR', 'spanish-to-french');
    on('touch_event:double_tap', 'double');
    expect(deliver('transcription', {})).toEqual(['english']);
    expect(deliver('transcription', 'not an object')).toEqual([]);
    expect(deliver('transcription', null)).toEqual([]);
    expect(deliver('translation', { translateLanguage: 'fr-FR' })).toEqual(['any-to-french']);
    expect(deliver('translation', { translateLanguage: 'fr-FR', transcribeLanguage: 'es-ES' })).toEqual(['any-to-french', 'spanish-to-french']);
    expect(deliver('translation', { transcribeLanguage: 'es-ES' })).toEqual([]);
    expect(deliver('touch_event', { gesture_name: 'double_tap' })).toEqual(['double']);
    expect(deliver('touch_event', { gesture_name: 7 })).toEqual([]);
    expect(deliver('head_position', { transcribeLanguage: 'en-US' })).toEqual([]);
  });

  test('a base key with handlers of its own is reached once beside the rebuilt key', () => {
    const { on, deliver } = table();
    on('touch_event', 'any');
    on('touch_event:single_tap', 'single');
    expect(deliver('touch_event', { gesture_name: 'single_tap' })).toEqual(['any', 'single']);
  });

  test('a throwing handler is reported and the others still run, with one handler or several', () => {
    const { t, on, deliver } = table();
    t.add('vad', () => {
      throw new Error('first failed');
    });
    expect(deliver('vad')).toEqual(['error: first failed']);
    on('vad', 'second');
    expect(deliver('vad')).toEqual(['second', 'error: first failed']);
  });

  test('a handler added by a handler hears from the next value on', () => {
    const { t } = table();
    const seen: string[] = [];
    t.add('vad', () => {
      seen.push('first');
      if (seen.length === 1) t.add('vad', () => void seen.push('late'));
    });
    t.add('vad', () => void seen.push('second'));
    t.deliver('vad', {}, () => {});
    expect(seen).toEqual(['first', 'second']);
    t.deliver('vad', {}, () => {});
    expect(seen).toEqual(['first', 'second', 'first', 'second', 'late']);
  });
});

describe('checkStreamName', () => {
  const owner = () => {
    const warns: string[] = [];
    return { warns, logger: { warn: (m: string) => void warns.push(m) } as unknown as Logger };
  };
  const refusal = (stream: unknown) => {
    try {
      checkStreamName(stream as string, owner());
      return undefined;
    } catch (e) {
      return e instanceof SdkError ? [e.code, e.message] : e;
    }
  };

  test('a name that is not a non-empty string of at most 200 characters is refused, shown cut at 60 characters', () => {
    expect(refusal('')).toEqual(['invalid_argument', 'A stream name must be a non-empty string (got "")']);
    expect(refusal(42)).toEqual(['invalid_argument', 'A stream name must be a non-empty string (got 42)']);
    expect(refusal(undefined)).toEqual(['invalid_argument', 'A stream name must be a non-empty string (got undefined)']);
    const long = 's'.repeat(201);
    expect(refusal(long)).toEqual(['invalid_argument', `A stream name must be a non-empty string (got ${JSON.stringify(long).slice(0, 60)})`]);
    expect(checkStreamName('s'.repeat(200), owner())).toBe(true);
  });

  test('an app-to-app event name is refused with a warning naming the listeners to use', () => {
    for (const name of ['app_direct_message', 'tpa_broadcast_message']) {
      const o = owner();
      expect(checkStreamName(name, o)).toBe(false);
      expect(o.warns).toEqual([
        `"${name}" is an app-to-app event, not a stream: listen with onAppMessage / onAppUserJoined / onAppUserLeft / onAppRoomUpdated`,
      ]);
    }
    expect(checkStreamName('direct_message', owner())).toBe(true);
  });

  test('language streams are parsed: valid ones pass (again and again), invalid ones are refused with an example of their kind', () => {
    for (let i = 0; i < 2; i++) {
      expect(checkStreamName('transcription:en-US', owner())).toBe(true);
      expect(checkStreamName('translation:es-ES-to-en-US', owner())).toBe(true);
    }
    expect(checkStreamName('transcription', owner())).toBe(true);
    expect(checkStreamName('translation', owner())).toBe(true);
    expect(refusal('transcription:')).toEqual(['invalid_argument', '"transcription:" is not a valid transcription stream: use e.g. "transcription:en-US"']);
    expect(refusal(`translation:${'x'.repeat(100)}`)).toEqual([
      'invalid_argument',
      `"translation:${'x'.repeat(68)}" is not a valid translation stream: use e.g. "translation:es-ES-to-en-US"`,
    ]);
    expect(checkStreamName('touch_event:anything', owner())).toBe(true);
  });
});
