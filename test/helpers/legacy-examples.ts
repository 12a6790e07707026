/** The legacy examples and a scripted wearer for each, shared by the examples test and the codemod test. */
import type { SimulatedUser, TestCloud, TestCloudOptions } from '../../src/testing';

export interface ExampleScript {
  entry: string;
  packageName: string;
  /** Plays the wearer on one cloud; `port` is the app's. */
  drive: (cloud: TestCloud, port: number) => Promise<SimulatedUser>;
}

/** Both clouds of an example run carry these settings. */
export const EXAMPLE_CLOUD: TestCloudOptions = {
  settings: [{ key: 'lineWidth', type: 'slider', value: 30 }],
  systemSettings: { metricSystemEnabled: true },
};

export const LEGACY_EXAMPLES: ExampleScript[] = [
  {
    entry: 'transcription.ts',
    packageName: 'org.example.captions',
    async drive(cloud, port) {
      const user = await cloud.startSession({ app: { port }, packageName: 'org.example.captions' });
      await user.waitForDisplay('Example Captions App Ready!');
      await user.transcribe('hello there');
      await user.waitForDisplay('hello there');
      await user.moveHead('up');
      await user.waitForDisplay('Captions paused');
      await user.stop();
      return user;
    },
  },
  {
    entry: 'settings.ts',
    packageName: 'org.example.settings',
    async drive(cloud, port) {
      const user = await cloud.startSession({ app: { port }, packageName: 'org.example.settings' });
      await user.waitForDisplay((d) => (d.layout as { topText?: string }).topText === 'Units: km');
      await user.waitForDisplay('Line width: 30');
      await user.waitForSubscriptions((subs) => subs.includes('augmentos:metricSystemEnabled') && subs.length === 2);
      await user.updateSettings([{ key: 'lineWidth', value: 40 }]);
      await user.waitForDisplay('Line width 30 -> 40');
      await user.updateSystemSettings({ metricSystemEnabled: false });
      await user.waitForDisplay('Units: miles');
      await user.transcribe('what distance is it');
      await user.waitForDisplay('12 miles');
      await user.stop();
      return user;
    },
  },
  {
    entry: 'webview.ts',
    packageName: 'org.example.webview',
    async drive(cloud, port) {
      const user = await cloud.startSession({ app: { port }, packageName: 'org.example.webview', userId: `${cloud.dialect.name}@example.com` });
      await user.waitForDisplay('Open the app on your phone to see your notes');
      await user.transcribe('buy milk');
      await user.waitForDisplay('Saved note 1');
      await user.stop();
      return user;
    },
  },
  {
    entry: 'dashboard.ts',
    packageName: 'org.example.dashboard',
    async drive(cloud, port) {
      const user = await cloud.startSession({ app: { port }, packageName: 'org.example.dashboard' });
      await user.waitForDisplay('Dashboard app ready');
      await user.waitForSubscriptions((subs) => subs.includes('button_press'));
      await user.pressButton('main', 'short');
      await user.waitForDisplay('Button: short');
      await user.stop();
      return user;
    },
  },
];
