/**
 * Scripted mode (`mentraos dev app.ts --script steps.json`): a JSON array of steps played through the
 * control protocol, printing every display change as one line and checking every `expect`.
 *
 *   [{ "start": "wearer@example.com" },
 *    { "say": "hello", "final": true, "language": "en-US" },
 *    { "expect": "echo: hello", "timeoutMs": 5000 },
 *    { "stop": true }]
 *
 * Steps act on the wearer of the last `start` unless they name a `user`. An `expect` holds when a view of
 * the wearer shows the text (a substring of any text field) now, or a display since the previous `expect`
 * for that wearer showed it; so a script can check a display that was quickly replaced, in order.
 */
import type { ControlClient } from '../testing/control-client';
import { layoutTexts } from '../testing/user';
import type { ControlEvent, InputPayload, ViewName } from '../protocol/control';
import { describeDisplay, describeLayout } from './format';
import {
  MEDIA_ACTIONS,
  MEDIA_EXTRA,
  describeMediaStep,
  parseMediaStep,
  runMediaStep,
  type EventCursor,
  type MediaAction,
  type MediaStep,
} from './script-steps';

export class UsageError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'UsageError';
  }
}

export type Step =
  | { action: 'start'; user: string }
  | { action: 'stop'; user?: string }
  | { action: 'input'; user?: string; input: InputPayload; label: string }
  | { action: 'wait'; ms: number }
  | { action: 'expect'; text: string; timeoutMs: number; view?: ViewName; user?: string }
  | MediaStep;

const ACTIONS = [
  'start',
  'stop',
  'say',
  'press',
  'head',
  'touch',
  'notify',
  'battery',
  'location',
  'calendar',
  'connection',
  'wait',
  'expect',
  ...MEDIA_ACTIONS,
] as const;
const EXTRA: Record<(typeof ACTIONS)[number], readonly string[]> = {
  start: [],
  stop: [],
  wait: [],
  say: ['final', 'language', 'user'],
  press: ['long', 'user'],
  head: ['user'],
  touch: ['user'],
  notify: ['user'],
  battery: ['charging', 'user'],
  location: ['user'],
  calendar: ['user'],
  connection: ['user'],
  expect: ['timeoutMs', 'view', 'user'],
  ...MEDIA_EXTRA,
};

/** Parses and checks a script; every problem is a UsageError naming the step. */
export function parseScript(text: string, name = 'the script'): Step[] {
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch (e) {
    throw new UsageError(`${name} is not valid JSON: ${(e as Error).message}`);
  }
  if (!Array.isArray(raw)) throw new UsageError(`${name} must be a JSON array of steps`);
  const steps = raw.map((step, i) => parseStep(step, `${name} step ${i + 1}`));
  const first = steps.findIndex((s) => s.action === 'start');
  steps.forEach((s, i) => {
    if (s.action !== 'start' && s.action !== 'wait' && s.action !== 'auto_photo' && !s.user && (first < 0 || i < first)) {
      throw new UsageError(`${name} step ${i + 1}: no user yet; start one first with {"start": "<userId>"}`);
    }
  });
  return steps;
}

function parseStep(step: unknown, where: string): Step {
  const fail = (why: string): never => {
    throw new UsageError(`${where}: ${why}`);
  };
  if (!step || typeof step !== 'object' || Array.isArray(step)) fail('each step must be an object such as {"say": "hello"}');
  const s = step as Record<string, unknown>;
  const actions = ACTIONS.filter((a) => a in s);
  if (actions.length !== 1) fail(`a step has exactly one of ${ACTIONS.join(', ')} (found ${actions.length ? actions.join(', ') : 'none'})`);
  const action = actions[0]!;
  for (const k of Object.keys(s)) if (k !== action && !EXTRA[action].includes(k)) fail(`unknown key "${k}" in a ${action} step`);
  const text = (v: unknown, what: string) => (typeof v === 'string' && v.length > 0 ? v : fail(`${what} must be a non-empty string`));
  const user = s.user === undefined ? undefined : text(s.user, '"user"');
  const bool = (k: string) => (s[k] === undefined || typeof s[k] === 'boolean' ? (s[k] as boolean | undefined) : fail(`"${k}" must be true or false`));
  const input = (payload: InputPayload, label: string): Step => ({ action: 'input', user, input: payload, label });
  if ((MEDIA_ACTIONS as readonly string[]).includes(action)) return parseMediaStep(action as MediaAction, s, user, fail);
  switch (action) {
    case 'start':
      return { action, user: text(s.start, '"start" (the user id)') };
    case 'stop':
      if (s.stop === true) return { action };
      return { action, user: text(s.stop, '"stop" (true or a user id)') };
    case 'wait': {
      const ms = s.wait;
      if (typeof ms !== 'number' || !Number.isFinite(ms) || ms < 0 || ms > 600_000) fail('"wait" must be a number of milliseconds (0 to 600000)');
      return { action, ms: ms as number };
    }
    case 'expect': {
      const timeoutMs = s.timeoutMs ?? 5000;
      if (typeof timeoutMs !== 'number' || !Number.isFinite(timeoutMs) || timeoutMs < 0 || timeoutMs > 600_000)
        fail('"timeoutMs" must be a number of milliseconds');
      if (s.view !== undefined && s.view !== 'main' && s.view !== 'dashboard') fail('"view" must be "main" or "dashboard"');
      return { action, text: text(s.expect, '"expect" (the text to see)'), timeoutMs: timeoutMs as number, view: s.view as ViewName | undefined, user };
    }
    case 'say': {
      if (typeof s.say !== 'string') fail('"say" must be a string');
      if (s.language !== undefined && (typeof s.language !== 'string' || !/^[A-Za-z]{2,3}(-[A-Za-z0-9]{2,8})*$/.test(s.language)))
        fail('"language" must be a language tag such as en-US');
      const language = (s.language as string | undefined) ?? 'en-US';
      return input({ kind: 'transcription', text: s.say as string, final: bool('final') ?? true, language }, `transcription:${language}`);
    }
    case 'press':
      return input({ kind: 'button', button_id: text(s.press, '"press" (the button id)'), press: bool('long') ? 'long' : 'short' }, 'button_press');
    case 'head':
      if (s.head !== 'up' && s.head !== 'down') fail('"head" must be "up" or "down"');
      return input({ kind: 'head', position: s.head as 'up' | 'down' }, 'head_position');
    case 'touch':
      return input({ kind: 'touch', gesture: text(s.touch, '"touch" (the gesture)') }, `touch_event:${String(s.touch)}`);
    case 'notify': {
      const n = s.notify as Record<string, unknown> | null;
      if (!n || typeof n !== 'object') fail('"notify" must be an object {app, title, content}');
      const field = (k: string) => (typeof n![k] === 'string' ? (n![k] as string) : fail(`"notify.${k}" must be a string`));
      return input({ kind: 'notification', app: field('app'), title: field('title'), content: field('content') }, 'phone_notification');
    }
    case 'battery': {
      const level = s.battery;
      if (typeof level !== 'number' || level < 0 || level > 100) fail('"battery" must be a level from 0 to 100');
      return input({ kind: 'battery', level: level as number, charging: bool('charging') ?? false }, 'glasses_battery_update');
    }
    case 'location': {
      const l = s.location as Record<string, unknown> | null;
      if (!l || typeof l !== 'object' || typeof l.lat !== 'number' || typeof l.lng !== 'number') fail('"location" must be an object {lat, lng}');
      return input({ kind: 'location', lat: l!.lat as number, lng: l!.lng as number }, 'location_update');
    }
    case 'calendar': {
      const c = s.calendar as Record<string, unknown> | null;
      if (!c || typeof c !== 'object' || typeof c.title !== 'string' || !c.title) fail('"calendar" must be an object {title, start?, end?, location?}');
      const when = (k: string) => {
        const v = c![k];
        if (v === undefined) return {};
        if ((typeof v === 'string' && !Number.isNaN(Date.parse(v))) || (typeof v === 'number' && Number.isFinite(v))) return { [k]: v };
        return fail(`"calendar.${k}" must be an ISO 8601 time or milliseconds since the epoch`);
      };
      const location = typeof c!.location === 'string' ? { location: c!.location } : {};
      return input({ kind: 'calendar', title: c!.title as string, ...when('start'), ...when('end'), ...location }, 'calendar_event');
    }
    case 'connection': {
      const c = s.connection as Record<string, unknown> | null;
      if (!c || typeof c !== 'object' || typeof c.connected !== 'boolean') fail('"connection" must be an object {connected, wifi?: {connected, ssid?}}');
      const w = c!.wifi as Record<string, unknown> | undefined;
      if (w !== undefined && (!w || typeof w !== 'object' || typeof w.connected !== 'boolean')) fail('"connection.wifi" must be an object {connected, ssid?}');
      const wifi = w ? { wifi: { connected: w.connected as boolean, ...(typeof w.ssid === 'string' ? { ssid: w.ssid } : {}) } } : {};
      return input({ kind: 'connection', connected: c!.connected as boolean, ...wifi }, 'glasses_connection_state');
    }
    default:
      return fail(`unknown step ${action}`);
  }
}

export interface ScriptIo {
  /** Display lines and the result. */
  out: (line: string) => void;
  /** Warnings (an input the app did not subscribe to). */
  err: (line: string) => void;
  /** Each step as it is played, e.g. `> say "hello"` (optional). */
  step?: (line: string) => void;
}

/** A step in words, for the log. */
export function describeStep(step: Step): string {
  const to = (user?: string) => (user ? ` (to ${user})` : '');
  switch (step.action) {
    case 'start':
      return `> start ${step.user}`;
    case 'stop':
      return `> stop${step.user ? ` ${step.user}` : ''}`;
    case 'wait':
      return `> wait ${step.ms} ms`;
    case 'expect':
      return `> expect "${step.text}"${step.view ? ` on ${step.view}` : ''}${to(step.user)}`;
    case 'input': {
      const i = step.input;
      const what =
        i.kind === 'transcription'
          ? `say "${i.text}"${i.final === false ? ' (interim)' : ''}${i.language && i.language !== 'en-US' ? ` in ${i.language}` : ''}`
          : i.kind === 'button'
            ? `press ${i.button_id}${i.press === 'long' ? ' (long)' : ''}`
            : i.kind === 'head'
              ? `head ${i.position}`
              : i.kind === 'touch'
                ? `touch ${i.gesture}`
                : i.kind === 'notification'
                  ? `notify ${i.app}: ${i.title}`
                  : i.kind === 'battery'
                    ? `battery ${i.level}%${i.charging ? ' charging' : ''}`
                    : i.kind === 'location'
                      ? `location ${i.lat},${i.lng}`
                      : i.kind === 'calendar'
                        ? `calendar "${i.title}"`
                        : `connection ${i.connected ? 'connected' : 'disconnected'}${i.wifi ? `, wifi ${i.wifi.connected ? 'on' : 'off'}` : ''}`;
      return `> ${what}${to(step.user)}`;
    }
    default:
      return describeMediaStep(step);
  }
}

export interface ScriptResult {
  ok: boolean;
  expectations: number;
  /** What failed, naming the step. */
  failure?: string;
}

type DisplayUpdate = Extract<ControlEvent, { type: 'display_update' }>;

/** Plays the steps; stops the users it started at the end. Never throws for a failed step. */
export async function runScript(client: ControlClient, steps: Step[], io: ScriptIo, name = 'the script', baseDir = process.cwd()): Promise<ScriptResult> {
  const events: EventCursor = new Map();
  const started = new Set<string>();
  const multi = new Set(steps.flatMap((s) => (s.action === 'start' ? [s.user] : []))).size > 1;
  const shown: DisplayUpdate[] = [];
  const off = client.on('display_update', (e) => {
    if (!started.has(e.user_id)) return;
    shown.push(e);
    if (e.reason !== 'session_ended') io.out(describeDisplay(e, multi));
  });
  let current: string | undefined;
  /** Per wearer, the display that satisfied the last expect: an expect looks at what came after it, and at what shows now. */
  const cursor = new Map<string, number>();
  let expectations = 0;
  const who = (user?: string) => {
    const u = user ?? current;
    if (!u) throw new UsageError('no user yet: start one with {"start": "<userId>"} first');
    return u;
  };
  try {
    for (const [i, step] of steps.entries()) {
      const where = `${name} step ${i + 1}`;
      io.step?.(describeStep(step));
      try {
        switch (step.action) {
          case 'start':
            started.add(step.user);
            current = step.user;
            await client.userStart(step.user);
            break;
          case 'stop':
            await client.userStop(who(step.user));
            break;
          case 'wait':
            await new Promise((r) => setTimeout(r, step.ms));
            break;
          case 'input': {
            const delivered = await client.input(who(step.user), step.input);
            if (delivered === 0) io.err(`${where}: the app is not subscribed to ${step.label}; nothing was sent`);
            break;
          }
          case 'expect': {
            expectations++;
            const user = who(step.user);
            const hit = (view: ViewName, layout: unknown) => (!step.view || view === step.view) && layoutTexts(layout).some((t) => t.includes(step.text));
            const after = cursor.get(user) ?? 0;
            const match = await client
              .waitFor(
                () => {
                  const event = shown.find((e) => e.seq > after && e.user_id === user && hit(e.view, e.layout));
                  if (event) return event.seq;
                  const views = client.users.get(user)?.views;
                  return (['main', 'dashboard'] as const).some((v) => views?.[v] && hit(v, views[v]!.layout)) ? after : undefined;
                },
                step.timeoutMs,
                `"${step.text}"`,
              )
              .catch(() => undefined);
            if (match === undefined) {
              const views = client.users.get(user)?.views;
              const now = (['main', 'dashboard'] as const).map((v) => `[${v}] ${views?.[v] ? describeLayout(views[v]!.layout) : '(nothing)'}`).join(', ');
              return {
                ok: false,
                expectations,
                failure: `${where}: expected "${step.text}" within ${step.timeoutMs} ms, but it was not shown to ${user} (now: ${now})`,
              };
            }
            cursor.set(user, match);
            break;
          }
          default:
            await runMediaStep(client, step, step.action === 'auto_photo' ? '' : who(step.user), baseDir, io.out, events);
        }
      } catch (e) {
        return { ok: false, expectations, failure: `${where} (${step.action}): ${(e as Error).message}` };
      }
    }
    return { ok: true, expectations };
  } finally {
    off();
    for (const user of started) {
      const state = client.users.get(user)?.state;
      if (state === 'ready' || state === 'reconnecting') await client.userStop(user).catch(() => undefined);
    }
  }
}
