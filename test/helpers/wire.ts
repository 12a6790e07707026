/**
 * Low-level HTTP for hostile-input tests, and proof that the app opened no connection.
 *
 * `watchOutgoing()` listens on Node's diagnostics channels: `http.client.request.start` fires for every
 * outgoing HTTP request, including the upgrade request `ws` makes for ws:// and wss:// alike, before any
 * DNS lookup or socket; `net.client.socket` fires for every new client TCP socket. Nothing is mocked.
 * `RawConnection` opens its TCP socket before the watch starts, so the request under test adds none.
 */
import diagnostics_channel from 'node:diagnostics_channel';
import net from 'node:net';

export interface Outgoing {
  readonly seen: string[];
  stop(): void;
}

export function watchOutgoing(): Outgoing {
  const seen: string[] = [];
  const onRequest = (m: unknown) => {
    const r = (m as { request?: { host?: string; path?: string } }).request;
    seen.push(`HTTP request to ${r?.host ?? '?'}${r?.path ?? ''}`);
  };
  const onSocket = () => void seen.push('client TCP socket');
  diagnostics_channel.subscribe('http.client.request.start', onRequest);
  diagnostics_channel.subscribe('net.client.socket', onSocket);
  return {
    seen,
    stop() {
      diagnostics_channel.unsubscribe('http.client.request.start', onRequest);
      diagnostics_channel.unsubscribe('net.client.socket', onSocket);
    },
  };
}

/** A TCP server on a loopback address that counts connections (nothing should ever reach it). */
export async function countingServer(host: string): Promise<{ port: number; count: () => number; close: () => Promise<void> }> {
  let n = 0;
  const sockets = new Set<net.Socket>();
  const server = net.createServer((s) => {
    n++;
    sockets.add(s);
    s.on('close', () => sockets.delete(s));
    s.destroy();
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, host, () => resolve());
  });
  return {
    port: (server.address() as net.AddressInfo).port,
    count: () => n,
    close: () =>
      new Promise<void>((resolve) => {
        for (const s of sockets) s.destroy();
        server.close(() => resolve());
      }),
  };
}

export interface RawResponse {
  status: number;
  headers: Record<string, string>;
  text: string;
  json: any;
}

export interface RawRequest {
  method?: string;
  path?: string;
  headers?: Record<string, string>;
  body?: string | Buffer;
  /** Send the body with chunked transfer encoding instead of Content-Length. */
  chunked?: boolean;
  /** Bytes written as they are, instead of a request built from the fields above. */
  raw?: Buffer | string;
}

/** One TCP connection to 127.0.0.1:port, opened now; `send` writes one request and reads the answer. */
export class RawConnection {
  private constructor(private readonly socket: net.Socket) {}

  static open(port: number): Promise<RawConnection> {
    return new Promise((resolve, reject) => {
      const socket = net.connect(port, '127.0.0.1');
      socket.once('error', reject);
      socket.once('connect', () => {
        socket.off('error', reject);
        resolve(new RawConnection(socket));
      });
    });
  }

  send(req: RawRequest, timeoutMs = 10_000): Promise<RawResponse> {
    const { socket } = this;
    return new Promise((resolve, reject) => {
      const chunks: Buffer[] = [];
      const timer = setTimeout(() => {
        socket.destroy();
        reject(new Error(`No complete answer within ${timeoutMs} ms`));
      }, timeoutMs);
      socket.on('data', (c) => chunks.push(c));
      socket.on('error', () => {});
      socket.on('close', () => {
        clearTimeout(timer);
        try {
          resolve(parseResponse(Buffer.concat(chunks)));
        } catch (e) {
          reject(e);
        }
      });
      socket.write(req.raw ?? buildRequest(req));
    });
  }
}

/** Opens a connection and sends one request. */
export async function rawRequest(port: number, req: RawRequest): Promise<RawResponse> {
  return (await RawConnection.open(port)).send(req);
}

function buildRequest(req: RawRequest): Buffer {
  const body = req.body === undefined ? Buffer.alloc(0) : Buffer.isBuffer(req.body) ? req.body : Buffer.from(req.body, 'utf8');
  const headers: Record<string, string> = { host: '127.0.0.1', connection: 'close', ...req.headers };
  const lines = [`${req.method ?? 'POST'} ${req.path ?? '/webhook'} HTTP/1.1`];
  for (const [k, v] of Object.entries(headers)) lines.push(`${k}: ${v}`);
  let payload = body;
  if (req.chunked) {
    lines.push('transfer-encoding: chunked');
    const parts: Buffer[] = [];
    for (let i = 0; i < body.length; i += 64 * 1024) {
      const part = body.subarray(i, i + 64 * 1024);
      parts.push(Buffer.from(`${part.length.toString(16)}\r\n`), part, Buffer.from('\r\n'));
    }
    parts.push(Buffer.from('0\r\n\r\n'));
    payload = Buffer.concat(parts);
  } else if (req.body !== undefined || (req.method ?? 'POST') === 'POST') {
    lines.push(`content-length: ${body.length}`);
  }
  return Buffer.concat([Buffer.from(`${lines.join('\r\n')}\r\n\r\n`), payload]);
}

function parseResponse(buf: Buffer): RawResponse {
  const text = buf.toString('utf8');
  const end = text.indexOf('\r\n\r\n');
  if (end < 0) throw new Error(`Not an HTTP response: ${JSON.stringify(text.slice(0, 200))}`);
  const [statusLine, ...headerLines] = text.slice(0, end).split('\r\n');
  const headers: Record<string, string> = {};
  for (const l of headerLines) {
    const i = l.indexOf(':');
    headers[l.slice(0, i).trim().toLowerCase()] = l.slice(i + 1).trim();
  }
  let body = text.slice(end + 4);
  if (headers['transfer-encoding'] === 'chunked') body = dechunk(body);
  let json: any;
  try {
    json = JSON.parse(body);
  } catch {
    json = undefined;
  }
  return { status: Number(statusLine.split(' ')[1]), headers, text: body, json };
}

function dechunk(s: string): string {
  let out = '';
  let i = 0;
  for (;;) {
    const nl = s.indexOf('\r\n', i);
    const size = parseInt(s.slice(i, nl), 16);
    if (!size) return out;
    out += s.slice(nl + 2, nl + 2 + size);
    i = nl + 2 + size + 2;
  }
}
