/**
 * The pieces the HTTP fuzz cases are built from: the case and target types, a seeded generator, and the raw
 * request builder (exact bytes, so bad headers and wrong lengths can be sent).
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

export const JSON_TYPE: [string, string] = ['Content-Type', 'application/json'];

/** What the per-route case builders use of the generator. */
export interface Gen {
  readonly t: FuzzTargets;
  rand(): number;
  int(n: number): number;
  pick<T>(xs: readonly T[]): T;
  str(max?: number): string;
  value(depth?: number): unknown;
  badJsonBody(): { body: Buffer | string; kind: string };
  wrongWebhook(type: string): Record<string, unknown>;
  contentType(): [string, string];
}
