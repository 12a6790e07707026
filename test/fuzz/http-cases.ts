/**
 * Seeded hostile HTTP requests for every route the SDK serves: the session and stop webhooks, `/tool`,
 * `/settings`, `/photo-upload`, `/health`, webview auth (tokens on any path) and static files. The same
 * seed gives the same requests, so a failing case is replayed with `MENTRAOS_FUZZ_SEED` and its index.
 */
import { buildRequest, type FuzzCase, type FuzzTargets, type Gen, JSON_TYPE, prng, type Route } from './http-request';
import { healthCase, httpCase, photoCase, settingsCase, staticCase, toolCase, webviewCase } from './route-cases';

export { buildRequest, prng, type FuzzCase, type FuzzTargets, type Route } from './http-request';

export class HttpFuzzer implements Gen {
  readonly rand: () => number;
  private index = 0;

  constructor(
    readonly seed: number,
    readonly t: FuzzTargets,
  ) {
    this.rand = prng(seed);
  }

  int(n: number): number {
    return Math.floor(this.rand() * n);
  }

  pick<T>(xs: readonly T[]): T {
    return xs[this.int(xs.length)]!;
  }

  str(max = 40): string {
    const alphabet = 'abcXYZ019 -_.:/@%\\"\'{}[]<>\u00e9\u4e2d\u{1F600}\u0000\u200b';
    const chars = [...alphabet];
    return Array.from({ length: this.int(max) }, () => this.pick(chars)).join('');
  }

  /** Any JSON value of a random type, sometimes nested. */
  value(depth = 0): unknown {
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
  badJsonBody(): { body: Buffer | string; kind: string } {
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

  sessionId(): string {
    return `${this.t.strangerUser}-fuzz.${this.int(1e6)}`;
  }

  /** A webhook object with some fields of the wrong type or missing. */
  wrongWebhook(type: string): Record<string, unknown> {
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

  contentType(): [string, string] {
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

  next(): FuzzCase {
    const r = this.rand();
    const c =
      r < 0.22
        ? this.webhookCase(false)
        : r < 0.32
          ? this.webhookCase(true)
          : r < 0.47
            ? toolCase(this)
            : r < 0.59
              ? settingsCase(this)
              : r < 0.7
                ? photoCase(this)
                : r < 0.75
                  ? healthCase(this)
                  : r < 0.84
                    ? webviewCase(this)
                    : r < 0.91
                      ? staticCase(this)
                      : httpCase(this);
    return { index: this.index++, ...c };
  }
}
