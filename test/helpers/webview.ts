/** Keys, tokens and a small fake cloud API for the webview auth tests. */
import crypto from 'node:crypto';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import express from 'express';
import jwt from 'jsonwebtoken';
import { AppServer, createAuthMiddleware, type AuthenticatedRequest, type AppServerConfig, type AuthMiddlewareOptions } from '../../src';

export const ISSUER = 'https://prod.augmentos.cloud';

export const sha256 = (s: string) => crypto.createHash('sha256').update(s).digest('hex');
export const frontendToken = (userId: string, apiKey: string) => `${userId}:${sha256(userId + sha256(apiKey))}`;

export function rsaKeys() {
  return crypto.generateKeyPairSync('rsa', { modulusLength: 2048 });
}

export interface SignOptions {
  sub?: string;
  frontendToken?: string | null;
  iss?: string;
  expiresInS?: number;
  key?: crypto.KeyObject;
}

/** A signed user token as the cloud mints it: RS256, kid v1, `{sub, frontendToken}`, 10 minutes. */
export function signUserToken(privateKey: crypto.KeyObject, o: SignOptions & { apiKey: string }): string {
  const sub = o.sub ?? 'wearer@example.com';
  const now = Math.floor(Date.now() / 1000);
  const payload: Record<string, unknown> = { sub, iss: o.iss ?? ISSUER, iat: now, exp: now + (o.expiresInS ?? 600) };
  if (o.frontendToken !== null) payload.frontendToken = o.frontendToken ?? frontendToken(sub, o.apiKey);
  return jwt.sign(payload, o.key ?? privateKey, { algorithm: 'RS256', keyid: 'v1' });
}

/** An app with `GET /me` answering who the webview auth middleware says the caller is. */
export class WebviewApp extends AppServer {
  constructor(config: AppServerConfig) {
    super(config);
    this.getExpressApp().get('/me', (req, res) => {
      const r = req as AuthenticatedRequest;
      res.json({
        authUserId: r.authUserId ?? null,
        activeSession: r.activeSession ? r.activeSession.getSessionId() : r.activeSession === null ? null : 'unset',
      });
    });
  }
}

export interface FakeCloudApi {
  url: string;
  requests: Array<{ path: string; authorization?: string; body: any }>;
  close(): Promise<void>;
}

/** `POST /api/auth/exchange-user-token` on 127.0.0.1: `tokens` maps a temporary token to its user. */
export async function fakeCloudApi(apiKey: string, tokens: Record<string, string>): Promise<FakeCloudApi> {
  const requests: FakeCloudApi['requests'] = [];
  const server: Server = createServer((req, res) => {
    let raw = '';
    req.on('data', (c) => (raw += c));
    req.on('end', () => {
      let body: any = null;
      try {
        body = JSON.parse(raw);
      } catch {}
      requests.push({ path: req.url ?? '', authorization: req.headers.authorization, body });
      const userId = body && tokens[body.aos_temp_token];
      const ok = req.url === '/api/auth/exchange-user-token' && req.headers.authorization === `Bearer ${apiKey}` && userId;
      res.writeHead(ok ? 200 : 401, { 'content-type': 'application/json' });
      res.end(JSON.stringify(ok ? { success: true, userId } : { success: false, error: 'Invalid or expired token' }));
    });
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    requests,
    close: () => new Promise<void>((r) => server.close(() => r())),
  };
}

export interface MeAnswer {
  status: number;
  authUserId: string | null;
  activeSession: string | null;
  setCookie: string | null;
}

export async function me(port: number, query = '', headers: Record<string, string> = {}): Promise<MeAnswer> {
  const res = await fetch(`http://127.0.0.1:${port}/me${query}`, { headers });
  const body = (await res.json()) as any;
  return { status: res.status, authUserId: body.authUserId, activeSession: body.activeSession, setCookie: res.headers.get('set-cookie') };
}

/** `name=value` of a Set-Cookie header (what a browser sends back). */
export const cookiePair = (setCookie: string) => setCookie.split(';')[0];

/** A plain Express app on 127.0.0.1 whose only middleware is `createAuthMiddleware(options)`; `GET /me` answers as `WebviewApp`'s does. */
export async function serveMiddleware(options: AuthMiddlewareOptions): Promise<{ port: number; close(): Promise<void> }> {
  const web = express();
  web.use(createAuthMiddleware(options));
  web.get('/me', (req, res) => {
    const r = req as { authUserId?: string; activeSession?: unknown };
    res.json({ authUserId: r.authUserId ?? null, activeSession: r.activeSession === undefined ? 'unset' : r.activeSession });
  });
  const server = createServer(web);
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  return {
    port: (server.address() as AddressInfo).port,
    close: () => new Promise<void>((r) => server.close(() => r())),
  };
}
