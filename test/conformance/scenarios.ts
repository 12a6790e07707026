/**
 * Conformance scenarios, written once: each has a modern app, its legacy twin written the AugmentOS way,
 * and a driver that plays the wearer(s). Drivers wait for each expected display before the next input, so
 * a transcript is deterministic.
 */
import { AppServer, type AppServerConfig, type AppSession } from '../../src';
import { TpaServer, type TpaSession, type TpaServerConfig } from '../../compat';
import type { SimulatedUser, TestCloud, TestCloudOptions } from '../../src/testing';
import { API_KEY, captureLogger, eventually } from '../helpers/apps';

export const PACKAGE = 'com.example.echo';
export const config = (): AppServerConfig & TpaServerConfig => ({ packageName: PACKAGE, apiKey: API_KEY, port: 0, logger: captureLogger() });

export interface Scenario {
  name: string;
  cloud?: TestCloudOptions;
  modern: () => AppServer;
  legacy: () => TpaServer;
  /** Plays the scenario; returns the users whose transcripts are compared. */
  drive: (cloud: TestCloud, app: AppServer | TpaServer) => Promise<SimulatedUser[]>;
}

const text = (d: { layout: unknown }) => JSON.stringify(d.layout);

// ---------------------------------------------------------------- echo (the published transcripts' app)

class EchoModern extends AppServer {
  protected override async onSession(session: AppSession): Promise<void> {
    session.events.onTranscription((d) => {
      if (d.isFinal) session.layouts.showTextWall(`echo: ${d.text}`);
    });
  }
}
class EchoLegacy extends TpaServer {
  protected override async onSession(session: TpaSession): Promise<void> {
    session.onTranscription((d) => {
      if (d.isFinal) session.layouts.showTextWall(`echo: ${d.text}`);
    });
  }
}
export async function driveEcho(cloud: TestCloud, app: AppServer | TpaServer): Promise<SimulatedUser[]> {
  const user = await cloud.startSession({ app, packageName: PACKAGE, userId: 'wearer@example.com' });
  for (const said of ['hello', 'weather please', 'goodbye']) {
    await user.transcribe(said);
    await user.waitForDisplay(`echo: ${said}`);
  }
  await user.stop();
  return [user];
}

// ---------------------------------------------------------------- inputs and every layout

class InputsModern extends AppServer {
  protected override async onSession(s: AppSession): Promise<void> {
    s.events.onButtonPress((b) => s.layouts.showDoubleTextWall('Button', `${b.buttonId} ${b.pressType}`));
    s.events.onHeadPosition((h) => s.layouts.showReferenceCard('Head', h.position));
    s.events.onPhoneNotifications((n) => s.layouts.showDashboardCard(n.app, n.title));
    s.events.onGlassesBattery((b) => s.layouts.showTextWall(`battery ${b.level}`, { durationMs: 2000 }));
  }
}
class InputsLegacy extends TpaServer {
  protected override async onSession(s: TpaSession): Promise<void> {
    s.onButtonPress((b) => s.layouts.showDoubleTextWall('Button', `${b.buttonId} ${b.pressType}`));
    s.onHeadPosition((h) => s.layouts.showReferenceCard('Head', h.position));
    s.onPhoneNotifications((n) => s.layouts.showDashboardCard(n.app, n.title));
    s.events.onGlassesBattery((b) => s.layouts.showTextWall(`battery ${b.level}`, { durationMs: 2000 }));
  }
}
async function driveInputs(cloud: TestCloud, app: AppServer | TpaServer): Promise<SimulatedUser[]> {
  const user = await cloud.startSession({ app, packageName: PACKAGE });
  await user.waitForSubscriptions((s) => s.length === 4);
  await user.pressButton('main', 'long');
  await user.waitForDisplay('main long');
  await user.moveHead('down');
  await user.waitForDisplay('down');
  await user.notify({ app: 'Mail', title: 'Lunch?', content: 'at noon' });
  await user.waitForDisplay('Lunch?');
  await user.battery(64);
  await user.waitForDisplay('battery 64');
  await user.stop();
  return [user];
}

// ---------------------------------------------------------------- settings

class SettingsModern extends AppServer {
  protected override async onSession(s: AppSession): Promise<void> {
    s.layouts.showDoubleTextWall(`width ${s.settings.get('lineWidth')}`, `metric ${s.settings.getMentraosSetting('metricSystemEnabled')}`);
    s.settings.onValueChange('lineWidth', (v, old) => s.layouts.showTextWall(`width ${old} -> ${v}`));
    s.settings.onMentraosSettingChange('brightness', (v) => s.layouts.showTextWall(`brightness ${v}`));
  }
}
class SettingsLegacy extends TpaServer {
  protected override async onSession(s: TpaSession): Promise<void> {
    s.layouts.showDoubleTextWall(`width ${s.getSetting('lineWidth')}`, `metric ${s.settings.getAugmentosSetting('metricSystemEnabled')}`);
    s.settings.onValueChange('lineWidth', (v, old) => s.layouts.showTextWall(`width ${old} -> ${v}`));
    s.settings.onAugmentosSettingChange('brightness', (v) => s.layouts.showTextWall(`brightness ${v}`));
  }
}
async function driveSettings(cloud: TestCloud, app: AppServer | TpaServer): Promise<SimulatedUser[]> {
  const user = await cloud.startSession({ app, packageName: PACKAGE });
  await user.waitForDisplay('width 30');
  await user.waitForSubscriptions((s) => s.includes('augmentos:brightness'));
  await user.updateSettings([{ key: 'lineWidth', type: 'slider', value: 42 }]);
  await user.waitForDisplay('width 30 -> 42');
  await user.updateSystemSettings({ brightness: 80 });
  await user.waitForDisplay('brightness 80');
  await user.stop();
  return [user];
}

// ---------------------------------------------------------------- languages

class LanguagesModern extends AppServer {
  protected override async onSession(s: AppSession): Promise<void> {
    s.events.onTranscriptionForLanguage('fr-FR', (d) => s.layouts.showTextWall(`fr: ${d.text}`));
    s.events.onTranslationForLanguage('es-ES', 'en-US', (d) => s.layouts.showTextWall(`es>en: ${d.text}`));
  }
}
class LanguagesLegacy extends TpaServer {
  protected override async onSession(s: TpaSession): Promise<void> {
    s.onTranscriptionForLanguage('fr-FR', (d) => s.layouts.showTextWall(`fr: ${d.text}`));
    s.events.ontranslationForLanguage('es-ES', 'en-US', (d) => s.layouts.showTextWall(`es>en: ${d.text}`));
  }
}
async function driveLanguages(cloud: TestCloud, app: AppServer | TpaServer): Promise<SimulatedUser[]> {
  const user = await cloud.startSession({ app, packageName: PACKAGE });
  await user.waitForSubscriptions((s) => s.length === 2);
  await user.transcribe('bonjour', { language: 'fr-FR' });
  await user.waitForDisplay('fr: bonjour');
  await user.translate('hello', { from: 'es-ES', to: 'en-US', originalText: 'hola' });
  await user.waitForDisplay('es>en: hello');
  await user.stop();
  return [user];
}

// ---------------------------------------------------------------- app-to-app between two wearers

class ChatModern extends AppServer {
  readonly sessions = new Map<string, AppSession>();
  protected override async onSession(s: AppSession, _id: string, userId: string): Promise<void> {
    this.sessions.set(userId, s);
    s.onAppMessage((m) => s.layouts.showTextWall(`from ${m.senderUserId}: ${JSON.stringify(m.payload)}`));
    s.onAppUserJoined((m) => s.layouts.showTextWall(`joined ${m.userId}`));
    await s.joinAppRoom('lobby');
  }
  async talk(from: string, to: string): Promise<boolean> {
    const s = this.sessions.get(from)!;
    await s.broadcastToAppUsers({ hello: 'room' }, 'lobby');
    return s.sendDirectMessage(to, { hello: 'you' });
  }
}
class ChatLegacy extends TpaServer {
  readonly sessions = new Map<string, TpaSession>();
  protected override async onSession(s: TpaSession, _id: string, userId: string): Promise<void> {
    this.sessions.set(userId, s);
    s.onTpaMessage((m) => s.layouts.showTextWall(`from ${m.senderUserId}: ${JSON.stringify(m.payload)}`));
    s.onTpaUserJoined((m) => s.layouts.showTextWall(`joined ${m.userId}`));
    await s.joinTpaRoom('lobby');
  }
  async talk(from: string, to: string): Promise<boolean> {
    const s = this.sessions.get(from)!;
    await s.broadcastToTpaUsers({ hello: 'room' }, 'lobby');
    return s.sendDirectMessage(to, { hello: 'you' });
  }
}
async function driveChat(cloud: TestCloud, app: AppServer | TpaServer): Promise<SimulatedUser[]> {
  const chat = app as unknown as { sessions: Map<string, unknown>; talk: (a: string, b: string) => Promise<boolean> };
  const ann = await cloud.startSession({ app, packageName: PACKAGE, userId: 'ann@example.com' });
  await ann.waitForMessage((m) => /_room_join$/.test(m.type));
  const bob = await cloud.startSession({ app, packageName: PACKAGE, userId: 'bob@example.com' });
  await ann.waitForDisplay('joined bob@example.com');
  await eventually(() => chat.sessions.size === 2);
  if (!(await chat.talk('bob@example.com', 'ann@example.com'))) throw new Error('direct message not delivered');
  await ann.waitForDisplay((d) => text(d).includes('you'));
  await ann.stop();
  await bob.stop();
  return [ann, bob];
}

// ---------------------------------------------------------------- settings-driven subscriptions across a reconnect

class FollowModern extends AppServer {
  protected override async onSession(s: AppSession): Promise<void> {
    s.setSubscriptionSettings({ updateOnChange: ['lang'], handler: (all) => [`transcription:${String(all.find((x) => x.key === 'lang')?.value)}`] });
    s.events.onButtonPress(() => s.layouts.showTextWall('pressed'));
    s.events.onDisconnected(() => s.layouts.showTextWall('reconnecting'));
  }
}
class FollowLegacy extends TpaServer {
  protected override async onSession(s: TpaSession): Promise<void> {
    s.setSubscriptionSettings({ updateOnChange: ['lang'], handler: (all) => [`transcription:${String(all.find((x) => x.key === 'lang')?.value)}`] });
    s.onButtonPress(() => s.layouts.showTextWall('pressed'));
    s.events.onDisconnected(() => s.layouts.showTextWall('reconnecting'));
  }
}
async function driveFollow(cloud: TestCloud, app: AppServer | TpaServer): Promise<SimulatedUser[]> {
  const user = await cloud.startSession({ app, packageName: PACKAGE });
  await user.waitForSubscriptions((s) => s.includes('transcription:en-US') && s.includes('button_press'));
  await user.updateSettings([
    { key: 'lineWidth', value: 30 },
    { key: 'lang', value: 'de-DE' },
  ]);
  await user.waitForSubscriptions((s) => s.includes('transcription:de-DE'));
  user.dropConnection();
  await user.waitForConnections(2);
  await user.waitForDisplay('reconnecting');
  await user.pressButton();
  await user.waitForDisplay('pressed');
  await user.stop();
  return [user];
}

const settingsCloud: TestCloudOptions = {
  settings: [
    { key: 'lineWidth', label: 'Line width', type: 'slider', value: 30 },
    { key: 'lang', type: 'select', value: 'en-US' },
  ],
  systemSettings: { metricSystemEnabled: true },
};

export const SCENARIOS: Scenario[] = [
  { name: 'echo', modern: () => new EchoModern(config()), legacy: () => new EchoLegacy(config()), drive: driveEcho },
  { name: 'inputs and layouts', modern: () => new InputsModern(config()), legacy: () => new InputsLegacy(config()), drive: driveInputs },
  { name: 'settings', cloud: settingsCloud, modern: () => new SettingsModern(config()), legacy: () => new SettingsLegacy(config()), drive: driveSettings },
  { name: 'languages', modern: () => new LanguagesModern(config()), legacy: () => new LanguagesLegacy(config()), drive: driveLanguages },
  { name: 'app-to-app', modern: () => new ChatModern(config()), legacy: () => new ChatLegacy(config()), drive: driveChat },
  {
    name: 'settings-driven subscriptions and a reconnect',
    cloud: settingsCloud,
    modern: () => new FollowModern(config()),
    legacy: () => new FollowLegacy(config()),
    drive: driveFollow,
  },
];
