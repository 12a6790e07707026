/**
 * The hostile requests of each route but the webhooks: `/tool`, `/settings`, `/photo-upload`, `/health`,
 * webview authentication, static files, and requests Node cannot parse as HTTP.
 */
import { buildRequest, type FuzzCase, type Gen, JSON_TYPE } from './http-request';

export function toolCase(g: Gen): Omit<FuzzCase, 'index'> {
  const sig: [string, string] = ['X-App-API-Key', g.t.toolSignature];
  const valid = { toolId: 'echo', userId: g.t.strangerUser, toolParameters: {}, timestamp: new Date(0).toISOString() };
  switch (g.int(7)) {
    case 0:
      return { route: 'tool', kind: 'no signature', bytes: buildRequest({ path: '/tool', headers: [JSON_TYPE], body: JSON.stringify(valid) }) };
    case 1:
      return {
        route: 'tool',
        kind: 'wrong signature',
        bytes: buildRequest({
          path: '/tool',
          headers: [JSON_TYPE, [g.pick(['X-App-API-Key', 'X-TPA-API-Key']), g.pick(['', 'abc', 'f'.repeat(64), g.t.toolSignature.slice(1)])]],
          body: JSON.stringify(valid),
        }),
      };
    case 2: {
      const { body, kind } = g.badJsonBody();
      return { route: 'tool', kind, bytes: buildRequest({ path: '/tool', headers: [JSON_TYPE, sig], body }) };
    }
    case 3: {
      const call: Record<string, unknown> = { ...valid };
      call[g.pick(Object.keys(valid))] = g.value();
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
        bytes: buildRequest({ method: g.pick(['PUT', 'DELETE', 'PATCH']), path: '/tool', headers: [JSON_TYPE, sig], body: '{}' }),
      };
    default:
      return {
        route: 'tool',
        kind: 'wrong content type',
        bytes: buildRequest({ path: '/tool', headers: [g.contentType(), sig], body: JSON.stringify(valid) }),
      };
  }
}

export function settingsCase(g: Gen): Omit<FuzzCase, 'index'> {
  switch (g.int(5)) {
    case 0: {
      const { body, kind } = g.badJsonBody();
      return { route: 'settings', kind, bytes: buildRequest({ path: '/settings', headers: [JSON_TYPE], body }) };
    }
    case 1:
    case 2: {
      const body = {
        userIdForSettings: g.rand() < 0.5 ? g.t.strangerUser : g.value(),
        settings: g.rand() < 0.5 ? [g.value(), g.value()] : g.value(),
      };
      return { route: 'settings', kind: 'wrong field types', bytes: buildRequest({ path: '/settings', headers: [JSON_TYPE], body: JSON.stringify(body) }) };
    }
    case 3:
      return { route: 'settings', kind: 'wrong method', bytes: buildRequest({ method: g.pick(['GET', 'PUT', 'DELETE']), path: '/settings', body: '' }) };
    default:
      return {
        route: 'settings',
        kind: 'wrong content type',
        bytes: buildRequest({ path: '/settings', headers: [g.contentType()], body: 'userIdForSettings=x' }),
      };
  }
}

export function photoCase(g: Gen): Omit<FuzzCase, 'index'> {
  const boundary = `----fuzz${g.int(1e9)}`;
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
  const requestId = g.pick(['', 'nope', `photo-${g.int(1e6)}`, 'x'.repeat(2000)]);
  const jpeg = Buffer.from([0xff, 0xd8, 0xff, 0xe0, 1, 2, 3, 0xff, 0xd9]);
  switch (g.int(7)) {
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
          headers: [['Content-Type', g.pick(['multipart/form-data', 'multipart/form-data; boundary=', 'multipart/form-data; boundary="'])]],
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
            part('photo', Buffer.alloc(g.t.maxPhotoBytes + 1 + g.int(4096), 7), { filename: 'big.jpg', type: 'image/jpeg' }),
            close,
          ]),
        }),
      };
    case 5:
      return {
        route: 'photo',
        kind: 'not multipart',
        bytes: buildRequest({ path: '/photo-upload', headers: [g.contentType()], body: JSON.stringify({ requestId }) }),
      };
    default:
      return {
        route: 'photo',
        kind: 'garbage parts',
        bytes: buildRequest({
          path: '/photo-upload',
          headers: [mp],
          body: Buffer.concat([Buffer.from(`--${boundary}\r\n${g.str(80)}\r\n\r\n`), Buffer.from(g.str(200)), close]),
        }),
        pieces: g.rand() < 0.3 ? 5 : 1,
        pauseMs: 30,
      };
  }
}

export function healthCase(g: Gen): Omit<FuzzCase, 'index'> {
  return {
    route: 'health',
    kind: 'wrong method',
    bytes: buildRequest({
      method: g.pick(['POST', 'PUT', 'DELETE', 'PATCH']),
      path: g.pick(['/health', '/health?verbose=1', '/health/']),
      headers: [JSON_TYPE],
      body: g.rand() < 0.5 ? '{' : '{}',
    }),
  };
}

export function webviewCase(g: Gen): Omit<FuzzCase, 'index'> {
  const token = g.pick([
    '',
    'x',
    'a:b',
    `${g.t.strangerUser}:${'0'.repeat(64)}`,
    'eyJhbGciOiJub25lIn0.eyJzdWIiOiJ4In0.',
    'eyJ.eyJ.sig',
    '%ZZ',
    'x'.repeat(3000),
  ]);
  switch (g.int(5)) {
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
          headers: [['Authorization', g.pick(['Bearer', `Bearer ${token}`, 'Basic x', 'Bearer a b c'])]],
        }),
      };
    default:
      return {
        route: 'webview',
        kind: 'bad cookie',
        bytes: buildRequest({
          method: 'GET',
          path: '/webview',
          headers: [['Cookie', g.pick(['aos_session=', `aos_session=${token}`, 'aos_session=s%3Ax.y', '=;=;', `aos_session=${'a'.repeat(4000)}`])]],
        }),
      };
  }
}

export function staticCase(g: Gen): Omit<FuzzCase, 'index'> {
  const path = g.pick([
    '/../../etc/passwd',
    '/%2e%2e/%2e%2e/etc/passwd',
    '/%ZZ',
    '/%',
    `/${g.t.staticFile}%00.js`,
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
      method: g.pick(['GET', 'HEAD', 'DELETE', 'POST']),
      path,
      headers: g.rand() < 0.3 ? [['Range', g.pick(['bytes=9999-', 'bytes=a-b', 'bytes=-0'])]] : [],
    }),
  };
}

/** Requests Node cannot parse as HTTP at all, or with headers it refuses. */
export function httpCase(g: Gen): Omit<FuzzCase, 'index'> {
  switch (g.int(5)) {
    case 0:
      return {
        route: 'http',
        kind: 'garbage request line',
        bytes: Buffer.from(
          g.pick([
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
        bytes: buildRequest({ path: '/webhook', headers: [JSON_TYPE, ['X-Big', 'x'.repeat(20_000 + g.int(20_000))]], body: '{}' }),
      };
    case 2:
      return {
        route: 'http',
        kind: 'bad content-length',
        bytes: buildRequest({
          path: g.pick(['/webhook', '/tool', '/settings']),
          headers: [JSON_TYPE, ['Content-Length', g.pick(['-1', 'abc', '1e3', '5, 6'])]],
          body: '{}',
        }),
      };
    case 3: {
      // All of it sent, then the sender half-closes: the server sees the body end before its length.
      const bytes = buildRequest({
        path: g.pick(['/webhook', '/tool', '/settings', '/photo-upload']),
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
        bytes: buildRequest({ path: '/webhook', headers: [JSON_TYPE], body: JSON.stringify(g.wrongWebhook('session_request')) }),
        cutAt: 20 + g.int(100),
      };
  }
}
