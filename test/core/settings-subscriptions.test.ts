/**
 * Settings-driven subscriptions (`session.setSubscriptionSettings`, `src/core/session/settings-subscriptions.ts`)
 * over a real socket: what the handler returns is subscribed beside the handlers' own streams, recomputed
 * when a listed setting changes and only then; a bad binding is refused at once; a throwing handler is
 * reported and changes nothing; what is not a stream name is left out.
 */
import { AppServer, type AppSession, SdkError } from '../../src';
import type { SettingRecord } from '../../src/protocol/messages';
import { createTestCloud, type SimulatedUser, type TestCloud } from '../../src/testing';
import { appConfig, eventually, started } from '../helpers/apps';

class Probe extends AppServer {
  session?: AppSession;
  readonly errors: Error[] = [];
  protected override async onSession(session: AppSession): Promise<void> {
    session.events.onError((e) => void this.errors.push(e));
    session.events.onButtonPress(() => {});
    this.session = session;
  }
}

const lang = (value: string): SettingRecord => ({ key: 'lang', value }) as SettingRecord;

describe('settings-driven subscriptions', () => {
  let cloud: TestCloud;
  let app: Probe;
  let user: SimulatedUser;
  let session: AppSession;

  async function start(settings: SettingRecord[]): Promise<void> {
    cloud = await createTestCloud({ settings });
    app = await started(new Probe(appConfig()));
    user = await cloud.startSession({ app });
    await eventually(() => !!app.session, 20_000, 'onSession');
    session = app.session!;
    await user.waitForSubscriptions((s) => s.includes('button_press'));
  }
  afterEach(async () => {
    await app.stop();
    await cloud.close();
  });

  const sorted = () => [...user.subscriptions].map(String).sort();

  test('computed at once from the ack settings, recomputed on a listed change only, beside the handlers’ streams', async () => {
    await start([lang('en-US'), { key: 'size', value: 1 } as SettingRecord]);
    const calls: string[][] = [];
    session.setSubscriptionSettings({
      updateOnChange: ['lang'],
      handler: (settings) => {
        calls.push(settings.map((s) => `${s.key}=${String(s.value)}`));
        return [`transcription:${String(settings.find((s) => s.key === 'lang')?.value)}`];
      },
    });
    expect(calls).toEqual([['lang=en-US', 'size=1']]);
    await user.waitForSubscriptions((s) => s.includes('transcription:en-US'));
    expect(sorted()).toEqual(['button_press', 'transcription:en-US']);
    // A change to a setting that is not listed recomputes nothing.
    await user.updateSettings([lang('en-US'), { key: 'size', value: 2 } as SettingRecord]);
    await eventually(() => session.settings.get('size') === 2, 20_000, 'the size change');
    expect(calls).toHaveLength(1);
    // A listed and an unlisted setting changing together: recomputed.
    await user.updateSettings([lang('fr-FR'), { key: 'size', value: 3 } as SettingRecord]);
    await user.waitForSubscriptions((s) => s.includes('transcription:fr-FR'));
    expect(calls).toHaveLength(2);
    expect(sorted()).toEqual(['button_press', 'transcription:fr-FR']);
  });

  test('with no settings yet, nothing is computed until they arrive', async () => {
    await start([]);
    let calls = 0;
    session.setSubscriptionSettings({
      updateOnChange: ['lang'],
      handler: () => {
        calls++;
        return ['head_position'];
      },
    });
    expect(calls).toBe(0);
    await user.updateSettings([lang('de-DE')]);
    await user.waitForSubscriptions((s) => s.includes('head_position'));
    expect(calls).toBe(1);
    expect(sorted()).toEqual(['button_press', 'head_position']);
  });

  test('a handler that throws is reported to onError and leaves the subscriptions as they were', async () => {
    await start([lang('en-US')]);
    let fail = false;
    session.setSubscriptionSettings({
      updateOnChange: ['lang'],
      handler: (settings) => {
        if (fail) throw new Error('cannot compute');
        return [`transcription:${String(settings[0]?.value)}`];
      },
    });
    await user.waitForSubscriptions((s) => s.includes('transcription:en-US'));
    fail = true;
    await user.updateSettings([lang('it-IT')]);
    await eventually(() => app.errors.length > 0, 20_000, 'the reported error');
    expect(app.errors.map((e) => e.message)).toEqual(['cannot compute']);
    expect(sorted()).toEqual(['button_press', 'transcription:en-US']);
  });

  test('what is not a string is left out; a handler returning no array clears its streams only', async () => {
    await start([lang('en-US')]);
    let result: unknown = ['location_update', 7, null, { stream: 'x' }];
    session.setSubscriptionSettings({ updateOnChange: ['lang'], handler: () => result as string[] });
    await user.waitForSubscriptions((s) => s.includes('location_update'));
    expect(sorted()).toEqual(['button_press', 'location_update']);
    result = 'head_position';
    await user.updateSettings([lang('es-ES')]);
    await user.waitForSubscriptions((s) => !s.includes('location_update'));
    expect(sorted()).toEqual(['button_press']);
  });

  test('a second binding replaces the first: its streams go, the handlers’ stay, and it no longer listens', async () => {
    await start([lang('en-US')]);
    let firstCalls = 0;
    session.setSubscriptionSettings({
      updateOnChange: ['lang'],
      handler: () => {
        firstCalls++;
        return ['location_update'];
      },
    });
    await user.waitForSubscriptions((s) => s.includes('location_update'));
    session.setSubscriptionSettings({ updateOnChange: ['other'], handler: () => ['head_position'] });
    await user.waitForSubscriptions((s) => s.includes('head_position') && !s.includes('location_update'));
    expect(sorted()).toEqual(['button_press', 'head_position']);
    await user.updateSettings([lang('pt-BR'), { key: 'other', value: 1 } as SettingRecord]);
    await eventually(() => session.settings.get('other') === 1, 20_000, 'the settings update');
    expect(firstCalls).toBe(1);
    expect(sorted()).toEqual(['button_press', 'head_position']);
  });

  test('replacing a binding drops its streams even when the new handler fails', async () => {
    await start([lang('en-US')]);
    session.setSubscriptionSettings({ updateOnChange: ['lang'], handler: () => ['location_update'] });
    await user.waitForSubscriptions((s) => s.includes('location_update'));
    session.setSubscriptionSettings({
      updateOnChange: ['lang'],
      handler: () => {
        throw new Error('not yet');
      },
    });
    await user.waitForSubscriptions((s) => !s.includes('location_update'));
    expect(sorted()).toEqual(['button_press']);
    expect(app.errors.map((e) => e.message)).toEqual(['not yet']);
  });

  test('a binding without a key list or a handler is refused with invalid_argument', async () => {
    await start([lang('en-US')]);
    const bad: unknown[] = [null, {}, { updateOnChange: 'lang', handler: () => [] }, { updateOnChange: ['lang'] }, { updateOnChange: ['lang'], handler: 'x' }];
    for (const options of bad) {
      let thrown: unknown;
      try {
        session.setSubscriptionSettings(options as never);
      } catch (e) {
        thrown = e;
      }
      expect(thrown).toBeInstanceOf(SdkError);
      expect(thrown).toMatchObject({
        code: 'invalid_argument',
        message: 'setSubscriptionSettings needs { updateOnChange: string[], handler: (settings) => streams[] }',
      });
    }
  });
});
