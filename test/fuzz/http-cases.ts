/**
 * Seeded hostile HTTP requests for every route the SDK serves: the session and stop webhooks, `/tool`,
 * `/settings`, `/photo-upload`, `/health`, webview auth (tokens on any path) and static files. The same
 * seed gives the same requests, so a failing case is replayed with `MENTRAOS_FUZZ_SEED` and its index.
 */
import type { RawRequest } from './raw-http';

export type Route = 'webhook' | 'stop' | 'tool' | 'settings' | 'photo' | 'health' | 'webview' | 'static' | 'http';

export interface FuzzCase extends RawRequest {
  index: number;
  route: Route;
  /** What was wrong with it, for the counts and the failure report. */
  kind: string;
  /** The tool handler's own error: answered 500 by design. */
  handlerError?: boolean;
  /** A request cut short: the server may close without answering. */
  mayGoUnanswered?: boolean;
}

export interface FuzzTargets {
  /** sha256 hex of the app's API key, so some tool calls pass the signature check and reach the body checks. */
  toolSignature: string;
  /** A user with no session, and ids that belong to nobody (never the live session's). */
  strangerUser: string;
  /** A file in the app's public folder. */
  staticFile: string;
  /** The multipart size limit configured on the app (bytes). */
  maxPhotoBytes: number;
}

/** mulberry32: small, fast, and the same sequence everywhere for a seed. */
export function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

type Headers = Array<[string, string]>;

interface Build {
  method?: string;
  path: string;
  headers?: Headers;
  body?: Buffer | string;
  /** Content-Length to declare (default: the body's); null sends none. */
  length?: number | null;
  /** Leave out Host and Connection. */
  bare?: boolean;
}

export function buildRequest({ method = 'POST', path, headers = [], body = '', length, bare }: Build): Buffer {
  const data = typeof body === 'string' ? Buffer.from(body) : body;
  const all: Headers = bare ? [...headers] : [['Host', '127.0.0.1'], ['Connection', 'close'], ...headers];
  const declared = length === undefined ? data.length : length;
  if (declared !== null && !all.some(([k]) => /^(content-length|transfer-encoding)$/i.test(k))) all.push(['Content-Length', String(declared)]);
  const head = `${method} ${path} HTTP/1.1\r\n${all.map(([k, v]) => `${k}: ${v}\r\n`).join('')}\r\n`;
  return Buffer.concat([Buffer.from(head, 'latin1'), data]);
}

const JSON_TYPE: [string, string] = ['Content-Type', 'application/json'];

export class HttpFuzzer {
  private readonly rand: () => number;
  private index = 0;

  constructor(
    readonly seed: number,
    private readonly t: FuzzTargets,
  ) {
    this.rand = prng(seed);
  }

  private int(n: number): number {
    return Math.floor(this.rand() * n);
  }

  private pick<T>(xs: readonly T[]): T {
    return xs[this.int(xs.length)]!;
  }

  private str(max = 40): string {
    const alphabet = 'abcXYZ019 -_.:/@%\\"\'{}[]<>\u00e9\u4e2d\u{1F600}\u0000\u200b';
    const chars = [...alphabet];
    return Array.from({ length: this.int(max) }, () => this.pick(chars)).join('');
  }

  /** Any JSON value of a random type, sometimes nested. */
  private value(depth = 0): unknown {
    switch (this.int(depth > 2 ? 6 : 8)) {
      case 0:
        return null;
      case 1:
        return this.rand() < 0.5;
      case 2:
        return this.pick([0, -1, 1e308, -0, 2 ** 53 + 1, 3.14]);
      case 3:
        return this.str();
      case 4:
        return '';
      case 5:
        return this.pick(['x'.repeat(600), '1', 'true', 'null']);
      case 6:
        return Array.from({ length: this.int(4) }, () => this.value(depth + 1));
      default:
        return Object.fromEntries(Array.from({ length: this.int(4) }, () => [this.str(8), this.value(depth + 1)]));
    }
  }

  /** A body that is not what the route wants: broken JSON, the wrong JSON type, deep, huge or not text. */
  private badJsonBody(): { body: Buffer | string; kind: string } {
    switch (this.int(9)) {
      case 0:
        return {
          body: this.pick(['{', '{"type":', '{"a":1,}', "{'a':1}", 'nul', '{"a":"\\x"}', '[1,2', '{}}', '\u00ef\u00bb\u00bf{']),
          kind: 'malformed JSON',
        };
      case 1:
        return { body: JSON.stringify(this.value()), kind: 'wrong JSON type' };
      case 2:
        return { body: '['.repeat(5_000 + this.int(20_000)), kind: 'deep unclosed' };
      case 3:
        return { body: `${'['.repeat(3_000)}${']'.repeat(3_000)}`, kind: 'deep array' };
      case 4:
        return { body: `{"a":${'{"a":'.repeat(2_000)}1${'}'.repeat(2_001)}`, kind: 'deep object' };
      case 5:
        return { body: JSON.stringify({ type: 'session_request', pad: 'x'.repeat(110_000 + this.int(50_000)) }), kind: 'huge body' };
      case 6:
        return { body: Buffer.from(Array.from({ length: 1 + this.int(300) }, () => this.int(256))), kind: 'binary' };
      case 7:
        return { body: Buffer.from([0x7b, 0x22, 0x61, 0x22, 0x3a, 0x22, 0xc3, 0x28, 0xff, 0x22, 0x7d]), kind: 'invalid UTF-8' };
      default:
        return { body: '', kind: 'empty body' };
    }
  }

  private sessionId(): string {
    return `${this.t.strangerUser}-fuzz.${this.int(1e6)}`;
  }

  /** A webhook object with some fields of the wrong type or missing. */
  private wrongWebhook(type: string): Record<string, unknown> {
    const good: Record<string, unknown> = {
      type,
      sessionId: this.sessionId(),
      userId: this.t.strangerUser,
      timestamp: new Date(0).toISOString(),
      augmentOSWebsocketUrl: 'ws://untrusted.invalid/app-ws',
      reason: 'user_disabled',
    };
    const keys = Object.keys(good);
    for (let k = 1 + this.int(3); k > 0; k--) {
      const key = this.pick(keys);
      if (this.rand() < 0.3) delete good[key];
      else good[key] = this.value();
    }
    if (this.rand() < 0.3)
      good.augmentOSWebsocketUrl = this.pick([
        'not a url',
        'http://127.0.0.1:1/x',
        'ws://',
        'wss://evil.example/app-ws',
        'ws://[::1',
        'file:///etc/passwd',
        '',
      ]);
    if (this.rand() < 0.2) good.mentraOSWebsocketUrl = this.value();
    good.type = type;
    return good;
  }

  private contentType(): [string, string] {
    return [
      'Content-Type',
      this.pick([
        'text/plain',
        'application/x-www-form-urlencoded',
        'application/json; charset=latin1',
        'application/json; charset=utf-16',
        'multipart/form-data',
        'application/jsonx',
        '',
        '*/*',
      ]),
    ];
  }

  private webhookCase(stop: boolean): Omit<FuzzCase, 'index'> {
    const route: Route = stop ? 'stop' : 'webhook';
    const type = stop ? 'stop_request' : 'session_request';
    switch (this.int(8)) {
      case 0: {
        const { body, kind } = this.badJsonBody();
        return { route, kind, bytes: buildRequest({ path: '/webhook', headers: [JSON_TYPE], body }) };
      }
      case 1:
      case 2:
        return {
          route,
          kind: 'wrong field types',
          bytes: buildRequest({ path: '/webhook', headers: [JSON_TYPE], body: JSON.stringify(this.wrongWebhook(type)) }),
        };
      case 3:
        return {
          route,
          kind: 'unknown type',
          bytes: buildRequest({
            path: '/webhook',
            headers: [JSON_TYPE],
            body: JSON.stringify({ ...this.wrongWebhook(type), type: this.pick(['', 'session', 'STOP_REQUEST', 'tool_call', 7]) }),
          }),
        };
      case 4:
        return {
          route,
          kind: 'wrong content type',
          bytes: buildRequest({ path: '/webhook', headers: [this.contentType()], body: JSON.stringify(this.wrongWebhook(type)) }),
        };
      case 5:
        return {
          route,
          kind: 'wrong method',
          bytes: buildRequest({
            method: this.pick(['GET', 'PUT', 'DELETE', 'PATCH', 'OPTIONS']),
            path: this.pick(['/webhook', '/webhook?x=1']),
            headers: [JSON_TYPE],
            body: '{}',
          }),
        };
      case 6:
        return {
          route,
          kind: 'content encoding',
          bytes: buildRequest({
            path: '/webhook',
            headers: [JSON_TYPE, ['Content-Encoding', this.pick(['gzip', 'deflate', 'br', 'bogus'])]],
            body: Buffer.from([0x1f, 0x8b, 0x08, 0, 1, 2, 3]),
          }),
        };
      default: {
        const body = JSON.stringify(this.wrongWebhook(type));
        return {
          route,
          kind: 'slow sender',
          bytes: buildRequest({ path: '/webhook', headers: [JSON_TYPE], body }),
          pieces: 4 + this.int(6),
          pauseMs: 20 + this.int(60),
        };
      }
    }
  }

  private toolCase(): Omit<FuzzCase, 'index'> {
    const sig: [string, string] = ['X-App-API-Key', this.t.toolSignature];
    const valid = { toolId: 'echo', userId: this.t.strangerUser, toolParameters: {}, timestamp: new Date(0).toISOString() };
    switch (this.int(7)) {
      case 0:
        return { route: 'tool', kind: 'no signature', bytes: buildRequest({ path: '/tool', headers: [JSON_TYPE], body: JSON.stringify(valid) }) };
      case 1:
        return {
          route: 'tool',
          kind: 'wrong signature',
          bytes: buildRequest({
            path: '/tool',
            headers: [JSON_TYPE, [this.pick(['X-App-API-Key', 'X-TPA-API-Key']), this.pick(['', 'abc', 'f'.repeat(64), this.t.toolSignature.slice(1)])]],
            body: JSON.stringify(valid),
          }),
        };
      case 2: {
        const { body, kind } = this.badJsonBody();
        return { route: 'tool', kind, bytes: buildRequest({ path: '/tool', headers: [JSON_TYPE, sig], body }) };
      }
      case 3: {
        const call: Record<string, unknown> = { ...valid };
        call[this.pick(Object.keys(valid))] = this.value();
        return { route: 'tool', kind: 'wrong field types', bytes: buildRequest({ path: '/tool', headers: [JSON_TYPE, sig], body: JSON.stringify(call) }) };
      }
      case 4:
        return {
          route: 'tool',
          kind: 'handler throws',
          handlerError: true,
          bytes: buildRequest({ path: '/tool', headers: [JSON_TYPE, sig], body: JSON.stringify({ ...valid, toolId: 'explode' }) }),
        };
      case 5:
        return {
          route: 'tool',
          kind: 'wrong method',
          bytes: buildRequest({ method: this.pick(['PUT', 'DELETE', 'PATCH']), path: '/tool', headers: [JSON_TYPE, sig], body: '{}' }),
        };
      default:
        return {
          route: 'tool',
          kind: 'wrong content type',
          bytes: buildRequest({ path: '/tool', headers: [this.contentType(), sig], body: JSON.stringify(valid) }),
        };
    }
  }

  private settingsCase(): Omit<FuzzCase, 'index'> {
    switch (this.int(5)) {
      case 0: {
        const { body, kind } = this.badJsonBody();
        return { route: 'settings', kind, bytes: buildRequest({ path: '/settings', headers: [JSON_TYPE], body }) };
      }
      case 1:
      case 2: {
        const body = {
          userIdForSettings: this.rand() < 0.5 ? this.t.strangerUser : this.value(),
          settings: this.rand() < 0.5 ? [this.value(), this.value()] : this.value(),
        };
        return { route: 'settings', kind: 'wrong field types', bytes: buildRequest({ path: '/settings', headers: [JSON_TYPE], body: JSON.stringify(body) }) };
      }
      case 3:
        return { route: 'settings', kind: 'wrong method', bytes: buildRequest({ method: this.pick(['GET', 'PUT', 'DELETE']), path: '/settings', body: '' }) };
      default:
        return {
          route: 'settings',
          kind: 'wrong content type',
          bytes: buildRequest({ path: '/settings', headers: [this.contentType()], body: 'userIdForSettings=x' }),
        };
    }
  }

  private photoCase(): Omit<FuzzCase, 'index'> {
    const boundary = `----fuzz${this.int(1e9)}`;
    const part = (name: string, value: string | Buffer, file?: { filename: string; type: string }) =>
      Buffer.concat([
        Buffer.from(
          `--${boundary}\r\nContent-Disposition: form-data; name="${name}"${file ? `; filename="${file.filename}"\r\nContent-Type: ${file.type}` : ''}\r\n\r\n`,
        ),
        typeof value === 'string' ? Buffer.from(value) : value,
        Buffer.from('\r\n'),
      ]);
    const close = Buffer.from(`--${boundary}--\r\n`);
    const mp: [string, string] = ['Content-Type', `multipart/form-data; boundary=${boundary}`];
    const requestId = this.pick(['', 'nope', `photo-${this.int(1e6)}`, 'x'.repeat(2000)]);
    const jpeg = Buffer.from([0xff, 0xd8, 0xff, 0xe0, 1, 2, 3, 0xff, 0xd9]);
    switch (this.int(7)) {
      case 0:
        return {
          route: 'photo',
          kind: 'unknown requestId',
          bytes: buildRequest({
            path: '/photo-upload',
            headers: [mp],
            body: Buffer.concat([part('requestId', requestId), part('photo', jpeg, { filename: 'a.jpg', type: 'image/jpeg' }), close]),
          }),
        };
      case 1:
        return {
          route: 'photo',
          kind: 'no boundary',
          bytes: buildRequest({
            path: '/photo-upload',
            headers: [['Content-Type', this.pick(['multipart/form-data', 'multipart/form-data; boundary=', 'multipart/form-data; boundary="'])]],
            body: 'whatever',
          }),
        };
      case 2:
        return {
          route: 'photo',
          kind: 'truncated multipart',
          bytes: buildRequest({
            path: '/photo-upload',
            headers: [mp],
            body: Buffer.concat([
              part('requestId', requestId),
              Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="photo"; filename="a.jpg"\r\n\r\n\xff\xd8`),
            ]),
          }),
        };
      case 3:
        return {
          route: 'photo',
          kind: 'wrong boundary',
          bytes: buildRequest({
            path: '/photo-upload',
            headers: [['Content-Type', 'multipart/form-data; boundary=other']],
            body: Buffer.concat([part('requestId', requestId), close]),
          }),
        };
      case 4:
        return {
          route: 'photo',
          kind: 'huge photo',
          bytes: buildRequest({
            path: '/photo-upload',
            headers: [mp],
            body: Buffer.concat([
              part('requestId', requestId),
              part('photo', Buffer.alloc(this.t.maxPhotoBytes + 1 + this.int(4096), 7), { filename: 'big.jpg', type: 'image/jpeg' }),
              close,
            ]),
          }),
        };
      case 5:
        return {
          route: 'photo',
          kind: 'not multipart',
          bytes: buildRequest({ path: '/photo-upload', headers: [this.contentType()], body: JSON.stringify({ requestId }) }),
        };
      default:
        return {
          route: 'photo',
          kind: 'garbage parts',
          bytes: buildRequest({
            path: '/photo-upload',
            headers: [mp],
            body: Buffer.concat([Buffer.from(`--${boundary}\r\n${this.str(80)}\r\n\r\n`), Buffer.from(this.str(200)), close]),
          }),
          pieces: this.rand() < 0.3 ? 5 : 1,
          pauseMs: 30,
        };
    }
  }

  private healthCase(): Omit<FuzzCase, 'index'> {
    return {
      route: 'health',
      kind: 'wrong method',
      bytes: buildRequest({
        method: this.pick(['POST', 'PUT', 'DELETE', 'PATCH']),
        path: this.pick(['/health', '/health?verbose=1', '/health/']),
        headers: [JSON_TYPE],
        body: this.rand() < 0.5 ? '{' : '{}',
      }),
    };
  }

  private webviewCase(): Omit<FuzzCase, 'index'> {
    const token = this.pick([
      '',
      'x',
      'a:b',
      `${this.t.strangerUser}:${'0'.repeat(64)}`,
      'eyJhbGciOiJub25lIn0.eyJzdWIiOiJ4In0.',
      'eyJ.eyJ.sig',
      '%ZZ',
      'x'.repeat(3000),
    ]);
    switch (this.int(5)) {
      case 0:
        return {
          route: 'webview',
          kind: 'bad frontend token',
          bytes: buildRequest({ method: 'GET', path: `/webview?aos_frontend_token=${encodeURIComponent(token)}` }),
        };
      case 1:
        return {
          route: 'webview',
          kind: 'bad signed token',
          bytes: buildRequest({ method: 'GET', path: `/webview?aos_signed_user_token=${encodeURIComponent(token)}` }),
        };
      case 2:
        return {
          route: 'webview',
          kind: 'bad temp token',
          bytes: buildRequest({ method: 'GET', path: `/webview?aos_temp_token=${encodeURIComponent(token)}&aos_temp_token=2` }),
        };
      case 3:
        return {
          route: 'webview',
          kind: 'bad bearer',
          bytes: buildRequest({
            method: 'GET',
            path: '/webview',
            headers: [['Authorization', this.pick(['Bearer', `Bearer ${token}`, 'Basic x', 'Bearer a b c'])]],
          }),
        };
      default:
        return {
          route: 'webview',
          kind: 'bad cookie',
          bytes: buildRequest({
            method: 'GET',
            path: '/webview',
            headers: [['Cookie', this.pick(['aos_session=', `aos_session=${token}`, 'aos_session=s%3Ax.y', '=;=;', `aos_session=${'a'.repeat(4000)}`])]],
          }),
        };
    }
  }

  private staticCase(): Omit<FuzzCase, 'index'> {
    const path = this.pick([
      '/../../etc/passwd',
      '/%2e%2e/%2e%2e/etc/passwd',
      '/%ZZ',
      '/%',
      `/${this.t.staticFile}%00.js`,
      '/..%2f..%2fpackage.json',
      '/.env',
      '/nope.png',
      `/${'a'.repeat(3000)}`,
      '/a/b/c/d/../../../../..//etc',
      '/%E0%A4%A',
    ]);
    return {
      route: 'static',
      kind: 'bad path',
      bytes: buildRequest({
        method: this.pick(['GET', 'HEAD', 'DELETE', 'POST']),
        path,
        headers: this.rand() < 0.3 ? [['Range', this.pick(['bytes=9999-', 'bytes=a-b', 'bytes=-0'])]] : [],
      }),
    };
  }

  /** Requests Node cannot parse as HTTP at all, or with headers it refuses. */
  private httpCase(): Omit<FuzzCase, 'index'> {
    switch (this.int(5)) {
      case 0:
        return {
          route: 'http',
          kind: 'garbage request line',
          bytes: Buffer.from(
            this.pick([
              'GARBAGE\r\n\r\n',
              'GET\r\n\r\n',
              'POST /webhook HTTP/9.9\r\n\r\n',
              '\x16\x03\x01\x00\xa5\x01\x00\x00\xa1\x03\x03',
              'GET / HTTP/1.1\r\nHost: x\r\nBad Header\r\n\r\n',
            ]),
          ),
        };
      case 1:
        return {
          route: 'http',
          kind: 'huge header',
          bytes: buildRequest({ path: '/webhook', headers: [JSON_TYPE, ['X-Big', 'x'.repeat(20_000 + this.int(20_000))]], body: '{}' }),
        };
      case 2:
        return {
          route: 'http',
          kind: 'bad content-length',
          bytes: buildRequest({
            path: this.pick(['/webhook', '/tool', '/settings']),
            headers: [JSON_TYPE, ['Content-Length', this.pick(['-1', 'abc', '1e3', '5, 6'])]],
            body: '{}',
          }),
        };
      case 3: {
        // All of it sent, then the sender half-closes: the server sees the body end before its length.
        const bytes = buildRequest({
          path: this.pick(['/webhook', '/tool', '/settings', '/photo-upload']),
          headers: [JSON_TYPE],
          body: '{"type":"session_request"}',
          length: 500,
        });
        return { route: 'http', kind: 'body shorter than its length', mayGoUnanswered: true, bytes, cutAt: bytes.length };
      }
      default:
        return {
          route: 'http',
          kind: 'cut off mid-request',
          mayGoUnanswered: true,
          bytes: buildRequest({ path: '/webhook', headers: [JSON_TYPE], body: JSON.stringify(this.wrongWebhook('session_request')) }),
          cutAt: 20 + this.int(100),
        };
    }
  }

  next(): FuzzCase {
    const r = this.rand();
    const c =
      r < 0.22
        ? this.webhookCase(false)
        : r < 0.32
          ? this.webhookCase(true)
          : r < 0.47
            ? this.toolCase()
            : r < 0.59
              ? this.settingsCase()
              : r < 0.7
                ? this.photoCase()
                : r < 0.75
                  ? this.healthCase()
                  : r < 0.84
                    ? this.webviewCase()
                    : r < 0.91
                      ? this.staticCase()
                      : this.httpCase();
    return { index: this.index++, ...c };
  }
}
