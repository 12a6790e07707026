/**
 * A raw HTTP/1.1 client for the fuzz tests: it writes the request bytes exactly as given (bad headers,
 * wrong lengths, garbage request lines), optionally in slow pieces, and reads one answer back.
 */
import { connect } from 'node:net';

export interface RawRequest {
  /** The request head and body, sent as is. */
  bytes: Buffer;
  /** Send in this many pieces with `pauseMs` between them (a slow sender). */
  pieces?: number;
  pauseMs?: number;
  /** Stop sending after this many bytes and half-close (the answer may then never come). */
  cutAt?: number;
}

export interface RawAnswer {
  /** 0 when the server closed without answering. */
  status: number;
  headers: Record<string, string>;
  body: string;
  /** Why there was no answer (socket error, timeout), when there was none. */
  error?: string;
}

export function sendRaw(port: number, req: RawRequest, timeoutMs = 20_000): Promise<RawAnswer> {
  return new Promise((resolve) => {
    const socket = connect(port, '127.0.0.1');
    const chunks: Buffer[] = [];
    let settled = false;
    const finish = (error?: string) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      socket.destroy();
      resolve({ ...parseAnswer(Buffer.concat(chunks)), ...(error && chunks.length === 0 ? { error } : {}) });
    };
    const timer = setTimeout(() => finish('no answer in time'), timeoutMs);
    socket.on('data', (c: Buffer) => {
      chunks.push(c);
      if (isComplete(Buffer.concat(chunks))) finish();
    });
    socket.on('end', () => finish('closed'));
    socket.on('close', () => finish('closed'));
    socket.on('error', (e) => finish(e.message));
    socket.on('connect', async () => {
      const bytes = req.cutAt === undefined ? req.bytes : req.bytes.subarray(0, req.cutAt);
      const pieces = Math.max(1, Math.min(req.pieces ?? 1, bytes.length));
      const size = Math.ceil(bytes.length / pieces);
      for (let i = 0; i < bytes.length && !settled; i += size) {
        socket.write(bytes.subarray(i, i + size));
        if (req.pauseMs && i + size < bytes.length) await new Promise((r) => setTimeout(r, req.pauseMs));
      }
      if (req.cutAt !== undefined && !settled) socket.end();
    });
  });
}

function headEnd(buf: Buffer): number {
  return buf.indexOf('\r\n\r\n');
}

/** True once a whole answer (head plus Content-Length body, or a finished chunked body) has arrived. */
function isComplete(buf: Buffer): boolean {
  const end = headEnd(buf);
  if (end < 0) return false;
  const head = buf.subarray(0, end).toString('latin1').toLowerCase();
  const length = /\r\ncontent-length:\s*(\d+)/.exec(head);
  if (length) return buf.length - end - 4 >= Number(length[1]);
  if (/\r\ntransfer-encoding:\s*chunked/.test(head)) return buf.subarray(end + 4).includes('0\r\n\r\n');
  return /^http\/1\.1 (1\d\d|204|304)/.test(head);
}

function parseAnswer(buf: Buffer): RawAnswer {
  const end = headEnd(buf);
  if (end < 0) return { status: 0, headers: {}, body: buf.toString('utf8') };
  const [statusLine = '', ...lines] = buf.subarray(0, end).toString('latin1').split('\r\n');
  const status = Number(/^HTTP\/1\.[01] (\d{3})/.exec(statusLine)?.[1] ?? 0);
  const headers: Record<string, string> = {};
  for (const line of lines) {
    const i = line.indexOf(':');
    if (i > 0) headers[line.slice(0, i).trim().toLowerCase()] = line.slice(i + 1).trim();
  }
  let body = buf.subarray(end + 4);
  if (/chunked/i.test(headers['transfer-encoding'] ?? '')) body = dechunk(body);
  return { status, headers, body: body.toString('utf8') };
}

function dechunk(buf: Buffer): Buffer {
  const out: Buffer[] = [];
  let i = 0;
  while (i < buf.length) {
    const eol = buf.indexOf('\r\n', i);
    if (eol < 0) break;
    const n = parseInt(buf.subarray(i, eol).toString('latin1'), 16);
    if (!Number.isFinite(n) || n === 0) break;
    out.push(buf.subarray(eol + 2, eol + 2 + n));
    i = eol + 2 + n + 2;
  }
  return Buffer.concat(out);
}
