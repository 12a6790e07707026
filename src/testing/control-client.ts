/**
 * A typed client for the control protocol of `mentraos dev` (docs/control-protocol.md). It opens both
 * channels, correlates responses by `request_id`, and keeps a mirror of every wearer's state: an
 * authoritative `sync` on connect, then the events after it (by `seq`).
 *
 *   const ctl = await connectControl('ws://127.0.0.1:7077/ws');
 *   await ctl.userStart('wearer@example.com');
 *   await ctl.input('wearer@example.com', { kind: 'transcription', text: 'hello', final: true });
 *   await ctl.waitForDisplay('wearer@example.com', 'echo: hello');
 *   await ctl.close();
 */
import { WebSocket } from 'ws';
import { ControlError } from '../protocol/control';
import { applySync, beginSync, createMirror, receiveEvent } from '../protocol/control-mirror';
import type {
  AppStatus,
  CommandInput,
  ControlEvent,
  ControlEventType,
  InputPayload,
  ResponseOf,
  ServerFrame,
  UserSnapshot,
  ViewName,
  ViewState,
  WelcomeFrame,
} from '../protocol/control';
import { openChannel, type Opened } from './control-channel';
import { layoutTexts } from './display-match';

export interface ControlClientOptions {
  /** Sent as `Authorization: Bearer <token>` (required by listeners off loopback). */
  token?: string;
  /** How long a command may take before its promise rejects (default 30 000 ms). */
  requestTimeoutMs?: number;
  /** How many recent events `events` keeps (default 1000). */
  historySize?: number;
}

type Listener = (e: ControlEvent) => void;
type Pending = { resolve: (r: any) => void; reject: (e: Error) => void; timer: NodeJS.Timeout };

export { ControlError };

export class ControlClient {
  /** Recent events, oldest first. */
  readonly events: ControlEvent[] = [];
  /** The mirror of the local cloud's state, kept by the protocol's one reducer. */
  private readonly mirror = createMirror();
  private readonly pending = new Map<string, Pending>();
  private readonly listeners = new Map<string, Set<Listener>>();
  private readonly watchers = new Set<() => void>();
  private nextId = 1;
  private isClosed = false;

  private readonly control: WebSocket;
  private readonly stream: WebSocket;
  readonly welcome: WelcomeFrame;

  /** Every wearer's state as the server reports it (sync on connect, then events). */
  get users(): Map<string, UserSnapshot> {
    return this.mirror.users;
  }

  /** The app's status, as last reported. */
  get app(): AppStatus {
    return this.mirror.app as AppStatus;
  }

  /** The `seq` of the last event applied to the mirror. */
  get seq(): number {
    return this.mirror.seq;
  }

  /** @internal use connectControl() */
  constructor(
    control: Opened,
    stream: Opened,
    private readonly options: ControlClientOptions,
  ) {
    this.control = control.ws;
    this.stream = stream.ws;
    this.welcome = control.welcome;
    this.mirror.app = control.welcome.app;
    for (const o of [control, stream]) {
      o.detach();
      o.ws.on('message', (data) => this.onFrame(data.toString()));
      o.ws.on('close', () => this.onClose());
      o.ws.on('error', () => {});
    }
    for (const o of [control, stream]) for (const text of o.early) this.onFrame(text);
  }

  get closed(): boolean {
    return this.isClosed;
  }

  // ------------------------------------------------------------------ commands

  /** Sends a command and resolves with its response, whether it succeeded or not. */
  request<C extends CommandInput>(command: C, opts: { timeoutMs?: number } = {}): Promise<ResponseOf<C['type']>> {
    if (this.isClosed) return Promise.reject(new ControlError('connection_closed', 'The control connection is closed'));
    const request_id = `r${this.nextId++}`;
    return new Promise((resolve, reject) => {
      const ms = opts.timeoutMs ?? this.options.requestTimeoutMs ?? 30_000;
      const timer = setTimeout(() => {
        this.pending.delete(request_id);
        reject(new ControlError('timeout', `No answer to ${command.type} within ${ms} ms`));
      }, ms);
      this.pending.set(request_id, { resolve, reject, timer });
      this.control.send(JSON.stringify({ ...command, request_id }));
    });
  }

  /** Sends a command; rejects with a ControlError carrying the server's code when it fails. */
  async send<C extends CommandInput>(command: C, opts: { timeoutMs?: number } = {}): Promise<ResponseOf<C['type']>> {
    const res = await this.request(command, opts);
    if (!res.success) throw new ControlError(res.error?.code ?? 'internal', res.error?.message ?? `${command.type} failed`);
    return res;
  }

  userStart(userId: string): Promise<ResponseOf<'user_start'>> {
    return this.send({ type: 'user_start', user_id: userId });
  }

  userStop(userId: string): Promise<ResponseOf<'user_stop'>> {
    return this.send({ type: 'user_stop', user_id: userId });
  }

  /** Sends an input; resolves with how many frames reached the app (0 when it is not subscribed). */
  async input(userId: string, input: InputPayload): Promise<number> {
    const res = await this.send({ type: 'input', user_id: userId, ...input } as CommandInput);
    return (res as ResponseOf<'input'>).delivered ?? 0;
  }

  /** Answers a pending photo request with an image (bytes or base64) or an error. */
  photoRespond(
    userId: string,
    photoRequestId: string,
    answer: { image: Buffer | string; mimeType?: string } | { error: { code: string; message: string } },
  ): Promise<ResponseOf<'photo_respond'>> {
    const base = { type: 'photo_respond' as const, user_id: userId, photo_request_id: photoRequestId };
    if ('error' in answer) return this.send({ ...base, error: answer.error });
    const image_base64 = typeof answer.image === 'string' ? answer.image : answer.image.toString('base64');
    return this.send({ ...base, image_base64, ...(answer.mimeType ? { mime_type: answer.mimeType } : {}) });
  }

  /** Turns answering every photo request with the test image on or off. */
  autoPhoto(enabled: boolean): Promise<ResponseOf<'auto_photo'>> {
    return this.send({ type: 'auto_photo', enabled });
  }

  /** Streams a WAV file (16 kHz mono s16le; bytes or base64) as the wearer's microphone, in real time. */
  audioFeed(userId: string, wav: Buffer | string): Promise<ResponseOf<'audio_feed'>> {
    const wav_base64 = typeof wav === 'string' ? wav : wav.toString('base64');
    // The answer comes once the audio has played: allow its length (32 000 bytes a second) on top.
    const playMs = Math.ceil((wav_base64.length * 0.75) / 32);
    return this.send({ type: 'audio_feed', user_id: userId, wav_base64 }, { timeoutMs: (this.options.requestTimeoutMs ?? 30_000) + playMs });
  }

  /** Live microphone audio: one piece of 16 kHz mono s16le PCM (at most 1 s), with a VAD event before (`vad: true`) or after (`false`). */
  audioStream(userId: string, audio: { pcm?: Buffer; vad?: boolean }): Promise<ResponseOf<'audio_stream'>> {
    return this.send({
      type: 'audio_stream',
      user_id: userId,
      ...(audio.pcm ? { pcm_base64: audio.pcm.toString('base64') } : {}),
      ...(audio.vad === undefined ? {} : { vad: audio.vad }),
    });
  }

  toolsList(): Promise<ResponseOf<'tools_list'>> {
    return this.send({ type: 'tools_list' });
  }

  toolCall(userId: string, toolId: string, parameters: Record<string, unknown> = {}): Promise<ResponseOf<'tool_call'>> {
    return this.send({ type: 'tool_call', user_id: userId, tool_id: toolId, parameters });
  }

  settingsList(userId?: string): Promise<ResponseOf<'settings_list'>> {
    return this.send(userId === undefined ? { type: 'settings_list' } : { type: 'settings_list', user_id: userId });
  }

  settingsSet(userId: string, key: string, value: unknown): Promise<ResponseOf<'settings_set'>> {
    return this.send({ type: 'settings_set', user_id: userId, key, value });
  }

  /** The URL of the app's webview for the wearer, with a token the app accepts. */
  async webviewOpen(userId: string): Promise<string> {
    return (await this.send({ type: 'webview_open', user_id: userId })).url!;
  }

  /** A view as a PNG, as the page draws it. */
  screenshot(userId: string, view: ViewName = 'main'): Promise<ResponseOf<'screenshot'>> {
    return this.send({ type: 'screenshot', user_id: userId, view });
  }

  /** Asks the app for the wearer's recent log lines (`request_telemetry`) and resolves with its upload. */
  requestTelemetry(userId: string, windowMs?: number): Promise<ResponseOf<'request_telemetry'>> {
    return this.send(
      windowMs === undefined ? { type: 'request_telemetry', user_id: userId } : { type: 'request_telemetry', user_id: userId, window_ms: windowMs },
    );
  }

  listUsers(): Promise<ResponseOf<'list_users'>> {
    return this.send({ type: 'list_users' });
  }

  /** An authoritative replay; the mirror (`users`) is replaced by it. */
  async sync(userId?: string): Promise<ResponseOf<'sync'>> {
    const own = this.mirror.buffered === null;
    if (own) beginSync(this.mirror);
    try {
      const res = await this.send(userId === undefined ? { type: 'sync' } : { type: 'sync', user_id: userId });
      if (own) applySync(this.mirror, res, userId !== undefined);
      return res;
    } finally {
      if (own) this.mirror.buffered = null;
      this.notify();
    }
  }

  // ------------------------------------------------------------------ events

  /** Calls `fn` for every event of a type (or `*` for all). Returns the unsubscribe function. */
  on<T extends ControlEventType | '*'>(type: T, fn: (e: T extends '*' ? ControlEvent : Extract<ControlEvent, { type: T }>) => void): () => void {
    const set = this.listeners.get(type) ?? new Set();
    set.add(fn as Listener);
    this.listeners.set(type, set);
    return () => set.delete(fn as Listener);
  }

  /** Resolves with the first event (in `events` or to come) that satisfies the predicate. */
  waitForEvent(pred: (e: ControlEvent) => boolean, timeoutMs = 5000): Promise<ControlEvent> {
    const past = this.events.find(pred);
    if (past) return Promise.resolve(past);
    let seen = this.events.length ? this.events[this.events.length - 1]!.seq : 0;
    return this.waitFor(
      () => {
        const e = this.events.find((x) => x.seq > seen && pred(x));
        seen = this.events.length ? this.events[this.events.length - 1]!.seq : seen;
        return e;
      },
      timeoutMs,
      'an event',
    );
  }

  /** Resolves once `check` returns something other than undefined (re-checked after every frame). */
  waitFor<T>(check: () => T | undefined, timeoutMs: number, what: string): Promise<T> {
    const first = check();
    if (first !== undefined) return Promise.resolve(first);
    return new Promise<T>((resolve, reject) => {
      const watcher = () => {
        const v = this.isClosed ? undefined : check();
        if (v !== undefined || this.isClosed) {
          clearTimeout(timer);
          this.watchers.delete(watcher);
          if (v !== undefined) resolve(v);
          else reject(new ControlError('connection_closed', `The control connection closed while waiting for ${what}`));
        }
      };
      const timer = setTimeout(() => {
        this.watchers.delete(watcher);
        reject(new ControlError('timeout', `Timed out after ${timeoutMs} ms waiting for ${what}`));
      }, timeoutMs);
      this.watchers.add(watcher);
    });
  }

  /** What a view shows now (from the mirror). */
  view(userId: string, view: ViewName = 'main'): ViewState | null {
    return this.users.get(userId)?.views[view] ?? null;
  }

  /** Resolves once a view of the wearer shows a layout with this text (or matching this RegExp). */
  waitForDisplay(userId: string, match: string | RegExp, opts: { view?: ViewName; timeoutMs?: number } = {}): Promise<ViewState> {
    const test = (s: string) => (typeof match === 'string' ? s === match : match.test(s));
    return this.waitFor(
      () => {
        for (const v of opts.view ? [opts.view] : (['main', 'dashboard'] as const)) {
          const state = this.view(userId, v);
          if (state && layoutTexts(state.layout).some(test)) return state;
        }
        return undefined;
      },
      opts.timeoutMs ?? 5000,
      `${userId} to see ${String(match)}`,
    );
  }

  async close(): Promise<void> {
    if (this.isClosed) return;
    const done = Promise.all(
      [this.control, this.stream].map((ws) => new Promise<void>((r) => (ws.readyState === WebSocket.CLOSED ? r() : ws.once('close', () => r())))),
    );
    this.control.close();
    this.stream.close();
    await done;
  }

  // ------------------------------------------------------------------ frames

  private onFrame(text: string): void {
    let frame: ServerFrame;
    try {
      frame = JSON.parse(text);
    } catch {
      return;
    }
    if ('request_id' in frame && typeof frame.request_id === 'string') {
      const p = this.pending.get(frame.request_id);
      if (p) {
        clearTimeout(p.timer);
        this.pending.delete(frame.request_id);
        p.resolve(frame);
      }
    } else if ('seq' in frame && typeof frame.seq === 'number') {
      const event = frame as ControlEvent;
      this.events.push(event);
      if (this.events.length > (this.options.historySize ?? 1000)) this.events.shift();
      receiveEvent(this.mirror, event);
      for (const key of [event.type, '*']) for (const fn of [...(this.listeners.get(key) ?? [])]) fn(event);
    }
    this.notify();
  }

  private notify(): void {
    for (const w of [...this.watchers]) w();
  }

  private onClose(): void {
    if (this.isClosed) return;
    this.isClosed = true;
    this.control.close();
    this.stream.close();
    for (const [id, p] of this.pending) {
      clearTimeout(p.timer);
      p.reject(new ControlError('connection_closed', 'The control connection closed before the answer'));
      this.pending.delete(id);
    }
    this.notify();
  }
}

/** Connects to a `mentraos dev` control server (both channels) and syncs the mirror. */
export async function connectControl(url: string, options: ControlClientOptions = {}): Promise<ControlClient> {
  const results = await Promise.allSettled([openChannel(url, 'control', options.token), openChannel(url, 'stream', options.token)]);
  const failed = results.find((r): r is PromiseRejectedResult => r.status === 'rejected');
  if (failed) {
    for (const r of results) if (r.status === 'fulfilled') r.value.ws.terminate();
    throw failed.reason;
  }
  const [c, s] = results.map((r) => (r as PromiseFulfilledResult<Opened>).value) as [Opened, Opened];
  const client = new ControlClient(c, s, options);
  await client.sync();
  return client;
}
