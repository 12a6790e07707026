/**
 * `session.settings` at its edges, against the test cloud: what `configureApiClient` takes and what it warns
 * about, `fetch()` with answers that are not a settings list, a failing fetch's message, the lookup of one
 * setting, local replacement, and value handlers that hear only their own key.
 */
import { eventually } from '../helpers/apps';
import { harness, sdkRejection } from '../helpers/modules';

const OTHER_PACKAGE = "settings.configureApiClient: the settings of this session's own package are fetched";
const OTHER_HOST = "settings.configureApiClient: settings are fetched from the session's own cloud, not from another host";

describe('session.settings at its edges', () => {
  const h = harness();

  const warnings = (logger: { lines: { level: string; text: string }[] }) => logger.lines.filter((l) => l.level === 'warn').map((l) => l.text);

  test('configureApiClient warns once for another package and once for another host, and never for its own', async () => {
    const { session, logger } = await h.startWatched();
    const own = h.cloud.url;
    session.settings.configureApiClient('com.example.app', own, 'a@example.com');
    session.settings.configureApiClient('com.example.app', own.replace(/\/[^/]*$/, '/elsewhere'), 'a@example.com');
    session.settings.configureApiClient('com.example.app', '', 'a@example.com');
    session.settings.configureApiClient('com.example.app', undefined as never, 'a@example.com');
    expect(warnings(logger)).toEqual([]);
    session.settings.configureApiClient('com.example.other', own, 'a@example.com');
    expect(warnings(logger)).toEqual([OTHER_PACKAGE]);
    session.settings.configureApiClient('com.example.app', 'wss://other.example.net/app-ws', 'a@example.com');
    session.settings.configureApiClient('com.example.app', 'not a url', 'a@example.com');
    expect(warnings(logger)).toEqual([OTHER_PACKAGE, OTHER_HOST, OTHER_HOST]);
  });

  test('configureApiClient takes a user id only when it is non-empty text; fetch() keeps the session user otherwise', async () => {
    const { user, session } = await h.start();
    const authorizations = async () => {
      // (the test cloud knows only the session's user: another one is answered 401)
      await session.settings.fetch().catch(() => {});
      return h.cloud.httpRequests.filter((r) => r.path.endsWith('/user/com.example.app')).map((r) => r.authorization);
    };
    session.settings.configureApiClient('com.example.app', '', '');
    session.settings.configureApiClient('com.example.app', '', 42 as never);
    expect(await authorizations()).toEqual([`Bearer ${user.userId}`]);
    session.settings.configureApiClient('com.example.app', '', 'b@example.com');
    expect(await authorizations()).toEqual([`Bearer ${user.userId}`, 'Bearer b@example.com']);
  });

  test('fetch() applies only a settings list; null or another shape leaves the settings as they were', async () => {
    await h.useCloud({ settings: [{ key: 'units', value: 'metric' }] });
    const { session } = await h.start();
    for (const body of [null, {}, { settings: 'units=imperial' }]) {
      h.cloud.rest.failNext({ path: '/appsettings', status: 200, body });
      expect(await session.settings.fetch()).toEqual([{ key: 'units', value: 'metric' }]);
    }
    h.cloud.rest.failNext({ path: '/appsettings', status: 200, body: { settings: [{ key: 'units', value: 'imperial' }] } });
    expect(await session.settings.fetch()).toEqual([{ key: 'units', value: 'imperial' }]);
    expect(session.settings.get('units')).toBe('imperial');
  });

  test('a failing fetch() names what failed; an ended session says why nothing is fetched', async () => {
    const { user, session } = await h.start();
    h.cloud.rest.failNext({ path: '/appsettings', status: 500 });
    const failed = await sdkRejection(session.settings.fetch(), 'cloud_request_failed');
    expect(failed.message).toMatch(/^Fetching the app settings at 127\.0\.0\.1:\d+ failed: HTTP 500/);
    await user.stop();
    const closed = await sdkRejection(session.settings.fetch(), 'session_closed');
    expect(closed.message).toBe('The session has ended; its settings are no longer kept up to date');
  });

  test('getSetting finds one setting with its fields; updateSettings replaces them locally and returns what changed', async () => {
    await h.useCloud({
      settings: [
        { key: 'units', type: 'select', value: 'metric' },
        { key: 'name', type: 'text', value: 'Ada' },
      ],
    });
    const { session } = await h.start();
    expect(session.settings.getSetting('name')).toEqual({ key: 'name', type: 'text', value: 'Ada' });
    expect(session.settings.getSetting('nope')).toBeUndefined();
    const changes = session.settings.updateSettings([{ key: 'units', value: 'imperial' }]);
    expect(changes).toEqual({ units: { oldValue: 'metric', newValue: 'imperial' }, name: { oldValue: 'Ada', newValue: undefined } });
    expect(session.settings.getAll()).toEqual([{ key: 'units', value: 'imperial' }]);
  });

  test('a value handler hears only its own key', async () => {
    await h.useCloud({ settings: [{ key: 'units', value: 'metric' }] });
    const { user, session, errors } = await h.startWatched();
    const heard: unknown[] = [];
    session.settings.onValueChange('units', (v, old) => void heard.push(['units', v, old]));
    session.events.onSettingChange('units', (v, old) => void heard.push(['event', v, old]));
    await user.updateSettings([
      { key: 'units', value: 'metric' },
      { key: 'other', value: 1 },
    ]);
    await user.updateSettings([{ key: 'units', value: 'imperial' }]);
    await eventually(() => heard.length === 2);
    expect(heard).toEqual([
      ['units', 'imperial', 'metric'],
      ['event', 'imperial', 'metric'],
    ]);
    expect(errors).toEqual([]);
  });
});
