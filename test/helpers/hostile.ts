/**
 * Hostile frames from a deterministic seeded generator (mulberry32), so a failing run can be replayed
 * with the same seed. Every category a broken or malicious cloud could send on the app's socket.
 */

/** A small, fast, seeded PRNG returning numbers in [0, 1). */
export function mulberry32(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export type HostileKind = 'invalid-json' | 'json-type' | 'unknown-type' | 'wrong-fields' | 'huge-string' | 'deep-nesting' | 'binary' | 'bad-utf8-text';

export interface HostileFrame {
  kind: HostileKind;
  /** A string goes out as a text frame; a Buffer as binary, or as a text frame when `asText`. */
  data: string | Buffer;
  asText?: boolean;
}

/**
 * The message types the cloud sends. `tpa_connection_error` / `connection_error` are left out on
 * purpose: they are the protocol's way to end a session, not malformed input.
 */
const KNOWN_TYPES = [
  'tpa_connection_ack',
  'app_stopped',
  'settings_update',
  'capabilities_update',
  'device_state_update',
  'dashboard_mode_changed',
  'dashboard_always_on_changed',
  'data_stream',
  'audio_chunk',
  'photo_response',
  'audio_play_response',
  'rgb_led_control_response',
  'rtmp_stream_status',
  'managed_stream_status',
  'stream_status_check_response',
  'permission_error',
  'custom_message',
  'augmentos_settings_update',
  'mentraos_settings_update',
  'app_message_received',
  'app_user_joined',
  'app_user_left',
  'app_room_updated',
  'app_direct_message_response',
  'websocket_error',
];
const STREAM_TYPES = [
  'transcription:en-US',
  'transcription',
  'translation:es-to-en',
  'button_press',
  'head_position',
  'location_update',
  'audio_chunk',
  '__proto__',
  'constructor',
  '',
];
const WEIRD_VALUES: unknown[] = [
  null,
  true,
  false,
  0,
  -1,
  1e308,
  -1e-308,
  Number.MAX_SAFE_INTEGER + 2,
  '',
  'x',
  [],
  [null],
  {},
  { text: 5 },
  { __proto__: 1 },
  { length: -1 },
];

export const MB = 1024 * 1024;
const NESTING = 10_000;

export class HostileFrames {
  private readonly rnd: () => number;
  private readonly huge = 'h'.repeat(MB);
  private readonly deepArray = `${'['.repeat(NESTING)}${']'.repeat(NESTING)}`;
  private readonly deepObject = `${'{"a":'.repeat(NESTING)}1${'}'.repeat(NESTING)}`;

  constructor(seed: number) {
    this.rnd = mulberry32(seed);
  }

  private int(n: number): number {
    return Math.floor(this.rnd() * n);
  }

  private pick<T>(list: readonly T[]): T {
    return list[this.int(list.length)];
  }

  private bytes(n: number): Buffer {
    const b = Buffer.alloc(n + 3);
    for (let i = 0; i < n; i += 4) b.writeUInt32LE(Math.floor(this.rnd() * 4294967296), i);
    return b.subarray(0, n);
  }

  private weird(): unknown {
    return this.rnd() < 0.2 ? this.randomString(this.int(40)) : this.pick(WEIRD_VALUES);
  }

  private randomString(n: number): string {
    let s = '';
    for (let i = 0; i < n; i++) s += String.fromCharCode(this.int(0x3000));
    return s;
  }

  next(): HostileFrame {
    // 1 MB strings (2% of the frames) and 10,000-level nesting (3%) cost milliseconds each to parse and
    // dominate the run time; the other kinds share the rest.
    const r = this.rnd();
    const kind: HostileKind =
      r < 0.02
        ? 'huge-string'
        : r < 0.05
          ? 'deep-nesting'
          : this.pick<HostileKind>(['invalid-json', 'json-type', 'unknown-type', 'wrong-fields', 'wrong-fields', 'binary', 'bad-utf8-text']);
    switch (kind) {
      case 'invalid-json':
        return {
          kind,
          data: this.pick([
            () => '{"type":"data_stream",',
            () => `{"type":"data_stream","streamType":"transcription:en-US","data":{"text":"x"}`.slice(0, this.int(70)),
            () => "{'type':'data_stream'}",
            () => '{"type":"data_stream",}',
            () => 'NaN',
            () => 'undefined',
            () => this.randomString(1 + this.int(200)),
            () => '',
          ])(),
        };
      case 'json-type':
        return {
          kind,
          data: JSON.stringify(
            this.pick([
              null,
              true,
              false,
              0,
              -0.5,
              1e308,
              'data_stream',
              [],
              [{ type: 'data_stream' }],
              {},
              { type: null },
              { type: 5 },
              { type: {} },
              { type: ['data_stream'] },
              { type: true },
            ]),
          ),
        };
      case 'unknown-type':
        return {
          kind,
          data: JSON.stringify({
            type: this.pick(['__proto__', 'constructor', 'toString', 'hasOwnProperty', 'valueOf', this.randomString(1 + this.int(30))]),
            data: this.weird(),
          }),
        };
      case 'wrong-fields':
        return { kind, data: JSON.stringify(this.wrongFields()) };
      case 'huge-string':
        return {
          kind,
          data: this.pick([
            () => this.huge,
            () => JSON.stringify({ type: this.huge }),
            () => JSON.stringify({ type: 'data_stream', streamType: this.huge, data: { text: 'x' } }),
            () => JSON.stringify({ type: 'data_stream', streamType: 'button_press', data: { buttonId: this.huge, pressType: 'short' } }),
            () => JSON.stringify({ type: 'settings_update', settings: [{ key: 'k', value: this.huge }] }),
          ])(),
        };
      case 'deep-nesting':
        return {
          kind,
          data: this.pick([
            () => this.deepArray,
            () => this.deepObject,
            () => `{"type":"data_stream","streamType":"head_position","data":{"position":"up","x":${this.deepArray}}}`,
            () => `{"type":"settings_update","settings":[{"key":"deep","value":${this.deepObject}}]}`,
            () => `{"type":"augmentos_settings_update","settings":{"deep":${this.deepArray}}}`,
            () => `{"type":"capabilities_update","capabilities":${this.deepObject}}`,
          ])(),
        };
      case 'binary':
        return { kind, data: this.bytes(this.int(2048)) };
      case 'bad-utf8-text':
        return {
          kind,
          data: Buffer.concat([
            Buffer.from('{"type":"data_stream","streamType":"transcription:en-US","data":{"text":"'),
            this.bytes(1 + this.int(64)),
            Buffer.from('"}}'),
          ]),
          asText: true,
        };
    }
  }

  private wrongFields(): Record<string, unknown> {
    const type = this.pick(KNOWN_TYPES);
    const msg: Record<string, unknown> = { type };
    switch (type) {
      case 'data_stream':
        if (this.rnd() < 0.8) msg.streamType = this.rnd() < 0.6 ? this.pick(STREAM_TYPES) : this.weird();
        if (this.rnd() < 0.8)
          msg.data =
            this.rnd() < 0.5 ? this.weird() : { text: this.weird(), isFinal: this.weird(), buttonId: this.weird(), position: this.weird(), lat: this.weird() };
        break;
      case 'settings_update':
        msg.settings =
          this.rnd() < 0.5 ? this.weird() : [this.weird(), { key: this.weird(), value: this.weird() }, { key: '__proto__', value: { polluted: true } }];
        break;
      case 'augmentos_settings_update':
      case 'mentraos_settings_update':
        msg.settings = this.rnd() < 0.5 ? this.weird() : { constructor: this.weird(), ['__proto__']: { polluted: true }, brightness: this.weird() };
        break;
      default:
        for (const field of ['settings', 'capabilities', 'state', 'requestId', 'reason', 'status', 'payload', 'message', 'mode', 'details']) {
          if (this.rnd() < 0.4) msg[field] = this.weird();
        }
    }
    if (this.rnd() < 0.3) msg.timestamp = this.weird();
    return msg;
  }
}
