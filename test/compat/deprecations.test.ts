/**
 * Every deprecated API warns once per process, with its code, naming its replacement; the table, the docs
 * and the modern root agree.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { createTestCloud } from '../../src/testing';
import * as modernRoot from '../../src';
import { DEPRECATIONS, HONO_DEPRECATIONS, NAME_ONLY_RENAMES, STREAMING_RENAMES, deprecate, deprecationMessage } from '../../src/core/deprecations';
import type { TpaSession } from '../../compat';
import { eventually } from '../helpers/apps';
import { captureDeprecations, freshSdk, legacyConfig } from './helpers';

type Sdk = ReturnType<typeof freshSdk>;

/** One call of each deprecated API (each is called twice by the test). */
const TRIGGERS: Record<string, (sdk: Sdk, s: TpaSession) => unknown> = {
  TpaServer: (sdk) => new sdk.TpaServer(legacyConfig()),
  'config.webhookPath': (sdk) => new sdk.TpaServer(legacyConfig({ webhookPath: '/webhook' })),
  'config.augmentOSWebsocketUrl': (sdk) => new sdk.TpaServer(legacyConfig({ augmentOSWebsocketUrl: 'wss://x.augmentos.org/tpa-ws' })),
  'config.tpaInstructions': (sdk) => new sdk.TpaServer(legacyConfig({ tpaInstructions: 'hi' })),
  'session.onTranscription': (_, s) => s.onTranscription(() => {}),
  'session.onTranscriptionForLanguage': (_, s) => s.onTranscriptionForLanguage('fr-FR', () => {}),
  'session.onTranslationForLanguage': (_, s) => s.onTranslationForLanguage('es-ES', 'en-US', () => {}),
  'session.onHeadPosition': (_, s) => s.onHeadPosition(() => {}),
  'session.onButtonPress': (_, s) => s.onButtonPress(() => {}),
  'session.onPhoneNotifications': (_, s) => s.onPhoneNotifications(() => {}),
  'session.onVpsCoordinates': (_, s) => s.onVpsCoordinates(() => {}),
  'session.onPhotoTaken': (_, s) => s.onPhotoTaken(() => {}),
  'session.onTouchEvent': (_, s) => s.onTouchEvent(() => {}),
  'session.onPhoneNotificationDismissed': (_, s) => s.onPhoneNotificationDismissed(() => {}),
  'session.getSettings': (_, s) => s.getSettings(),
  'session.getSetting': (_, s) => s.getSetting('k'),
  'events.ontranslationForLanguage': (_, s) => s.events.ontranslationForLanguage('es-ES', 'en-US', () => {}),
  'settings.getAugmentOS': (_, s) => s.settings.getAugmentOS('brightness'),
  'settings.getAugmentosSetting': (_, s) => s.settings.getAugmentosSetting('brightness'),
  'settings.onAugmentOSChange': (_, s) => s.settings.onAugmentOSChange('brightness', () => {}),
  'settings.onAugmentosSettingChange': (_, s) => s.settings.onAugmentosSettingChange('brightness', () => {}),
  'settings.onAugmentosSettingsChange': (_, s) => s.settings.onAugmentosSettingsChange('brightness', () => {}),
  'settings.onMentraosSettingsChange': (_, s) => s.settings.onMentraosSettingsChange('brightness', () => {}),
  'settings.updateAugmentosSettings': (_, s) => s.settings.updateAugmentosSettings({ brightness: 1 }),
  'session.requestPhoto': (_, s) => void s.requestPhoto().catch(() => {}),
  'session.streaming': (_, s) => s.streaming,
  'session.discoverTpaUsers': (_, s) => s.discoverTpaUsers('x').catch(() => {}),
  'session.broadcastToTpaUsers': (_, s) => s.broadcastToTpaUsers('x'),
  'session.joinTpaRoom': (_, s) => s.joinTpaRoom('r'),
  'session.leaveTpaRoom': (_, s) => s.leaveTpaRoom('r'),
  'session.onTpaMessage': (_, s) => s.onTpaMessage(() => {}),
  'session.onTpaUserJoined': (_, s) => s.onTpaUserJoined(() => {}),
  'session.onTpaUserLeft': (_, s) => s.onTpaUserLeft(() => {}),
  'session.onTpaRoomUpdated': (_, s) => s.onTpaRoomUpdated(() => {}),
  validateTpaConfig: (sdk) => sdk.validateTpaConfig({}),
  isTpaConnectionAck: (sdk) => sdk.isTpaConnectionAck({ type: 'x' }),
  isTpaConnectionError: (sdk) => sdk.isTpaConnectionError({ type: 'x' }),
  isTpaConnectionInit: (sdk) => sdk.isTpaConnectionInit({ type: 'x' }),
  isTpaSubscriptionUpdate: (sdk) => sdk.isTpaSubscriptionUpdate({ type: 'x' }),
  isPhotoRequestFromTpa: (sdk) => sdk.isPhotoRequestFromTpa({ type: 'x' }),
};

test('every deprecated API fires its warning exactly once per process, with its code and replacement', async () => {
  expect(Object.keys(TRIGGERS).sort()).toEqual(DEPRECATIONS.map((d) => d.api).sort());
  const cloud = await createTestCloud({ dialect: 'augmentos' });
  const dep = captureDeprecations();
  const sdk = freshSdk();
  const sessions: TpaSession[] = [];
  class Probe extends sdk.TpaServer {
    protected override async onSession(session: TpaSession): Promise<void> {
      sessions.push(session);
    }
  }
  const app = new Probe(legacyConfig());
  try {
    await app.start();
    await cloud.startSession({ app });
    await eventually(() => sessions.length === 1);
    for (const d of DEPRECATIONS) {
      const before = dep.warnings.length;
      await TRIGGERS[d.api](sdk, sessions[0]);
      await TRIGGERS[d.api](sdk, sessions[0]);
      const fired = dep.warnings.slice(before);
      // TpaServer's own warning may already have fired when the probe was built.
      if (d.api === 'TpaServer') continue;
      expect({ api: d.api, codes: fired.map((w) => w.code) }).toEqual({ api: d.api, codes: [d.code] });
      expect(fired[0].message).toBe(deprecationMessage(d));
    }
    const counts = new Map<string, number>();
    for (const w of dep.warnings) counts.set(w.code!, (counts.get(w.code!) ?? 0) + 1);
    expect([...counts.values()].every((n) => n === 1)).toBe(true);
    expect(counts.size).toBe(DEPRECATIONS.length);
  } finally {
    dep.restore();
    await app.stop();
    await cloud.close();
  }
});

test('codes are unique, messages name the replacement, and docs/deprecations.md lists every code', () => {
  const docs = readFileSync(path.resolve(__dirname, '../../docs/deprecations.md'), 'utf8');
  const codes = DEPRECATIONS.map((d) => d.code);
  expect(new Set(codes).size).toBe(codes.length);
  for (const d of DEPRECATIONS) {
    expect(d.code).toMatch(/^MENTRAOS_DEP\d{3}$/);
    const row = docs.split('\n').find((l) => l.includes(`\`${d.code}\``));
    expect({ code: d.code, row: row ? 'listed' : 'missing' }).toEqual({ code: d.code, row: 'listed' });
    expect(row).toContain(`\`${d.api}\``);
    if (d.replacement) {
      expect(deprecationMessage(d)).toContain(`use ${d.replacement} instead`);
      expect(row).toContain(`\`${d.replacement}\``);
    }
  }
});

test("the Hono facade's deprecations share the code space and docs/deprecations.md lists them", () => {
  const docs = readFileSync(path.resolve(__dirname, '../../docs/deprecations.md'), 'utf8');
  const codes = [...DEPRECATIONS, ...HONO_DEPRECATIONS].map((d) => d.code);
  expect(new Set(codes).size).toBe(codes.length);
  for (const d of HONO_DEPRECATIONS) {
    expect(docs.split('\n').some((l) => l.includes(`\`${d.code}\``) && l.includes(d.api.replace(/^hono\./, '')))).toBe(true);
    expect(deprecationMessage(d)).toContain(`use ${d.replacement} instead`);
  }
});

test('every root-level replacement exists in the modern root exports', () => {
  const runtimeRenames = DEPRECATIONS.filter((d) => !d.api.includes('.')).map((d) => d.replacement);
  for (const name of runtimeRenames) expect({ name, exported: name in modernRoot }).toEqual({ name, exported: true });
  // Type-only renames are checked at compile time by test/compat/legacy-types.ts; enums here.
  for (const [legacy, modern] of Object.entries(NAME_ONLY_RENAMES)) {
    if (legacy in modernRoot) expect({ legacy, modern, exported: modern in modernRoot }).toEqual({ legacy, modern, exported: true });
  }
});

describe('docs/deprecations.md states the tables exactly', () => {
  const docs = readFileSync(path.resolve(__dirname, '../../docs/deprecations.md'), 'utf8');
  /** The cells of each table row of the docs, backticks removed. */
  const rows = docs
    .split('\n')
    .filter((l) => l.startsWith('| ') && !l.startsWith('| ---'))
    .map((l) =>
      l
        .split('|')
        .slice(1, -1)
        .map((c) => c.replaceAll('`', '').trim()),
    );
  const byCode = new Map(rows.filter((r) => /^MENTRAOS_DEP\d{3}$/.test(r[0]!)).map((r) => [r[0]!, r.slice(1)]));

  test('each code: what is deprecated, what to use instead (or remove), and the note (the docs may shorten or extend it)', () => {
    for (const d of DEPRECATIONS) {
      const [api, replacement, note] = byCode.get(d.code)!;
      expect({ code: d.code, api, replacement }).toEqual({ code: d.code, api: d.api, replacement: d.replacement || '(remove it)' });
      const full = d.note ?? '';
      expect({ code: d.code, noted: note !== '', prefix: full.startsWith(note!) || note!.startsWith(full) }).toEqual({
        code: d.code,
        noted: d.note !== undefined,
        prefix: true,
      });
    }
  });

  test("the Hono facade's codes: the getter as app.<name>(), and the notes", () => {
    expect(HONO_DEPRECATIONS.map((d) => d.code)).toEqual(['MENTRAOS_DEP070', 'MENTRAOS_DEP071']);
    const asDocs = (api: string) => (api.startsWith('hono.get') ? `app.${api.slice(5)}()` : api.replace(/^hono\./, ''));
    for (const d of HONO_DEPRECATIONS) {
      const [api, replacement, note] = byCode.get(d.code)!;
      expect({ code: d.code, api: api!.replace(' (from @mentraos/sdk/hono)', ''), replacement, note }).toEqual({
        code: d.code,
        api: asDocs(d.api),
        replacement: asDocs(d.replacement),
        note: d.note,
      });
    }
  });

  test('the session.streaming members and the names renamed at compile time, pair by pair', () => {
    const pairs = (from: number, to: number) => rows.slice(from, to).flatMap(([a, b]) => a!.split(', ').map((x, i) => [x, b!.split(', ')[i]]));
    const streamingAt = rows.findIndex((r) => r[0] === 'session.streaming.');
    const streaming = pairs(streamingAt + 1, streamingAt + 1 + Object.keys(STREAMING_RENAMES).length);
    expect(Object.fromEntries(streaming)).toEqual(STREAMING_RENAMES);
    const namesAt = rows.findIndex((r) => r[0] === 'deprecated' && r.length === 2);
    const names = pairs(
      namesAt + 1,
      rows.findIndex((r, i) => i > namesAt && r[0] === 'code'),
    );
    expect(Object.fromEntries(names)).toEqual(NAME_ONLY_RENAMES);
  });
});

test('deprecation messages, word for word; an API missing from the table is a TypeError naming it', () => {
  const byApi = new Map(DEPRECATIONS.map((d) => [d.api, d]));
  expect(deprecationMessage(byApi.get('config.tpaInstructions')!)).toBe('config.tpaInstructions is deprecated; use config.appInstructions instead.');
  expect(deprecationMessage(byApi.get('config.webhookPath')!)).toBe(
    'config.webhookPath is deprecated (the cloud always calls <publicUrl>/webhook; the option is still honoured).',
  );
  expect(() => deprecate('session.noSuchThing')).toThrow(new TypeError('Unknown deprecated API "session.noSuchThing"'));
});
