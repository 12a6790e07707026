/**
 * The script steps for what glasses, phone and cloud do besides inputs: photos, audio, tools, settings, the
 * webview, screenshots and waiting for an event. Each has the name of its control command.
 */
import { readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import type { ControlClient } from '../testing/control-client';
import type { ControlEventType, ViewName } from '../protocol/control';
import { imageMimeOf } from './media';

export type MediaStep =
  | { action: 'auto_photo'; enabled: boolean; user?: undefined }
  | { action: 'photo_respond'; user?: string; file?: string; error?: { code: string; message: string }; timeoutMs: number }
  | { action: 'audio_feed'; user?: string; file: string }
  | { action: 'tool_call'; user?: string; tool: string; parameters: Record<string, unknown>; expectReply?: string }
  | { action: 'settings_set'; user?: string; key: string; value: unknown }
  | { action: 'webview_open'; user?: string; expectStatus: number }
  | { action: 'screenshot'; user?: string; file: string; view: ViewName }
  | { action: 'expect_event'; user?: string; event: ControlEventType; timeoutMs: number };

export const MEDIA_ACTIONS = ['auto_photo', 'photo_respond', 'audio_feed', 'tool_call', 'settings_set', 'webview_open', 'screenshot', 'expect_event'] as const;
export type MediaAction = (typeof MEDIA_ACTIONS)[number];

export const MEDIA_EXTRA: Record<MediaAction, readonly string[]> = {
  auto_photo: [],
  photo_respond: ['timeoutMs', 'user'],
  audio_feed: ['user'],
  tool_call: ['parameters', 'expect_reply', 'user'],
  settings_set: ['user'],
  webview_open: ['expect_status', 'user'],
  screenshot: ['view', 'user'],
  expect_event: ['timeoutMs', 'user'],
};

const EVENTS: readonly ControlEventType[] = [
  'session_state',
  'display_update',
  'subscriptions',
  'device_state',
  'wire',
  'app_state',
  'photo_request',
  'audio_request',
  'led',
  'stream_request',
  'dashboard',
  'wifi_request',
  'settings',
  'audio_output',
];

/** Parses one of these steps; `fail` throws the UsageError naming the step. */
export function parseMediaStep(action: MediaAction, s: Record<string, unknown>, user: string | undefined, fail: (why: string) => never): MediaStep {
  const text = (v: unknown, what: string) => (typeof v === 'string' && v.length > 0 ? v : fail(`${what} must be a non-empty string`));
  const timeout = () => {
    const t = s.timeoutMs ?? 5000;
    return typeof t === 'number' && Number.isFinite(t) && t >= 0 && t <= 600_000 ? t : fail('"timeoutMs" must be a number of milliseconds');
  };
  switch (action) {
    case 'auto_photo':
      return typeof s.auto_photo === 'boolean' ? { action, enabled: s.auto_photo } : fail('"auto_photo" must be true or false');
    case 'photo_respond': {
      const v = s.photo_respond;
      if (typeof v === 'string') {
        if (!imageMimeOf(v)) fail(`"photo_respond": ${v} is not a .jpg, .jpeg, .png, .webp or .gif file`);
        return { action, user, file: v, timeoutMs: timeout() };
      }
      const e = (v as { error?: Record<string, unknown> } | null)?.error;
      if (!e || typeof e !== 'object') fail('"photo_respond" must be an image file or {"error": {"code", "message"}}');
      return {
        action,
        user,
        error: { code: text(e!.code, '"photo_respond.error.code"'), message: typeof e!.message === 'string' ? e!.message : '' },
        timeoutMs: timeout(),
      };
    }
    case 'audio_feed':
      return { action, user, file: text(s.audio_feed, '"audio_feed" (a WAV file)') };
    case 'tool_call': {
      const p = s.parameters ?? {};
      if (!p || typeof p !== 'object' || Array.isArray(p)) fail('"parameters" must be an object');
      const reply = s.expect_reply === undefined ? undefined : text(s.expect_reply, '"expect_reply"');
      return {
        action,
        user,
        tool: text(s.tool_call, '"tool_call" (the tool id)'),
        parameters: p as Record<string, unknown>,
        ...(reply ? { expectReply: reply } : {}),
      };
    }
    case 'settings_set': {
      const v = s.settings_set as Record<string, unknown> | null;
      if (!v || typeof v !== 'object' || !('value' in v)) fail('"settings_set" must be an object {"key", "value"}');
      return { action, user, key: text(v!.key, '"settings_set.key"'), value: v!.value };
    }
    case 'webview_open': {
      if (s.webview_open !== true) fail('"webview_open" must be true');
      const st = s.expect_status ?? 200;
      if (typeof st !== 'number' || !Number.isInteger(st) || st < 100 || st > 599) fail('"expect_status" must be an HTTP status');
      return { action, user, expectStatus: st as number };
    }
    case 'screenshot': {
      if (s.view !== undefined && s.view !== 'main' && s.view !== 'dashboard') fail('"view" must be "main" or "dashboard"');
      return { action, user, file: text(s.screenshot, '"screenshot" (the PNG file to write)'), view: (s.view as ViewName | undefined) ?? 'main' };
    }
    case 'expect_event': {
      const ev = text(s.expect_event, '"expect_event" (an event type)');
      if (!(EVENTS as readonly string[]).includes(ev)) fail(`"expect_event" must be one of ${EVENTS.join(', ')}`);
      return { action, user, event: ev as ControlEventType, timeoutMs: timeout() };
    }
  }
}

export function describeMediaStep(step: MediaStep): string {
  switch (step.action) {
    case 'auto_photo':
      return `> auto_photo ${step.enabled ? 'on' : 'off'}`;
    case 'photo_respond':
      return `> photo_respond ${step.file ?? `error ${step.error!.code}`}`;
    case 'audio_feed':
      return `> audio_feed ${step.file}`;
    case 'tool_call':
      return `> tool_call ${step.tool} ${JSON.stringify(step.parameters)}`;
    case 'settings_set':
      return `> settings_set ${step.key} = ${JSON.stringify(step.value)}`;
    case 'webview_open':
      return '> webview_open';
    case 'screenshot':
      return `> screenshot ${step.view} to ${step.file}`;
    case 'expect_event':
      return `> expect_event ${step.event}`;
  }
}

/** Per run: the seq of the event the last expect_event matched, per wearer. */
export type EventCursor = Map<string, number>;

/** Plays one of these steps; throws an Error whose message says what went wrong. */
export async function runMediaStep(
  client: ControlClient,
  step: MediaStep,
  user: string,
  baseDir: string,
  out: (line: string) => void,
  cursor: EventCursor,
): Promise<void> {
  const file = (f: string) => path.resolve(baseDir, f);
  const read = async (f: string) => {
    try {
      return await readFile(file(f));
    } catch (e) {
      throw new Error(`cannot read ${f}: ${(e as NodeJS.ErrnoException).code ?? (e as Error).message}`);
    }
  };
  switch (step.action) {
    case 'auto_photo':
      await client.autoPhoto(step.enabled);
      return;
    case 'photo_respond': {
      const image = step.file ? await read(step.file) : undefined;
      const pending = await client.waitFor(() => client.users.get(user)?.glasses.photo_requests[0], step.timeoutMs, `a photo request from the app for ${user}`);
      await client.photoRespond(user, pending.photo_request_id, image ? { image, mimeType: imageMimeOf(step.file!) } : { error: step.error! });
      return;
    }
    case 'audio_feed': {
      const res = await client.audioFeed(user, await read(step.file));
      if (!res.delivered) out(`audio_feed: the app is not subscribed to audio_chunk; nothing was sent`);
      return;
    }
    case 'tool_call': {
      const res = await client.toolCall(user, step.tool, step.parameters);
      out(`tool ${step.tool}: ${res.app_status} ${typeof res.reply === 'string' ? res.reply : JSON.stringify(res.reply ?? null)}`);
      if (step.expectReply !== undefined && !(typeof res.reply === 'string' && res.reply.includes(step.expectReply))) {
        throw new Error(`expected the reply to contain "${step.expectReply}", got ${JSON.stringify(res.reply ?? null)} (HTTP ${res.app_status})`);
      }
      return;
    }
    case 'settings_set':
      await client.settingsSet(user, step.key, step.value);
      return;
    case 'webview_open': {
      const url = await client.webviewOpen(user);
      const res = await fetch(url, { redirect: 'manual' });
      await res.arrayBuffer();
      out(`webview ${new URL(url).pathname}: ${res.status}`);
      if (res.status !== step.expectStatus) throw new Error(`the webview answered ${res.status}, expected ${step.expectStatus}`);
      return;
    }
    case 'screenshot': {
      const shot = await client.screenshot(user, step.view);
      await writeFile(file(step.file), Buffer.from(shot.png_base64 ?? '', 'base64'));
      out(`screenshot ${step.view}: ${shot.width}x${shot.height} written to ${step.file}`);
      return;
    }
    case 'expect_event': {
      const after = cursor.get(user) ?? 0;
      const e = await client
        .waitForEvent((x) => x.type === step.event && x.seq > after && (!('user_id' in x) || x.user_id === user), step.timeoutMs)
        .catch(() => undefined);
      if (!e) throw new Error(`no ${step.event} event for ${user} within ${step.timeoutMs} ms`);
      cursor.set(user, e.seq);
    }
  }
}
