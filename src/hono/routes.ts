/**
 * The SDK's own routes on a Hono app, registered before the app's: the webhook, `/tool`, `/settings`,
 * `/photo-upload`, `/health`, `/mentra-auth`, with the bodies and status codes of 3.0.0-hono. Each is a thin
 * adapter: it reads the Hono request and hands it to the same core function the Express facade uses.
 */
import type { IncomingMessage } from 'node:http';
import type { Context, Hono, MiddlewareHandler } from 'hono';
import { bodyLimit } from 'hono/body-limit';
import type { Logger } from '../core/logger';
import type { SessionEngine } from '../core/engine';
import { healthBody, webhookResult } from '../core/http/engine-setup';
import { cloudSecretError, WEBHOOK_SECRET_HEADER } from '../core/http/inbound';
import { errorAnswer, type JsonAnswer, type RouteContext } from '../core/http/routes/context';
import { MENTRA_ACCOUNT_AUTH_URL } from '../core/http/routes/mentra-auth';
import { NOT_PENDING, NO_REQUEST_ID, refusal, settlePhotoUpload, type ParsedUpload } from '../core/http/routes/photo-upload';
import { answerSettingsPush } from '../core/http/routes/settings';
import { answerToolCall, TOOL_GREETING, toolSignatureError } from '../core/http/routes/tool';
import { declaredLength, INVALID_JSON, parseStrict, readJsonBody } from '../core/http/webhook-body';
import { PHOTO_KIND } from '../core/session/correlation';
import type { AuthEnv } from './webview';

/** What the routes need from the server. */
export interface SdkRoutesConfig {
  engine: SessionEngine;
  logger: Logger;
  packageName: string;
  apiKey: string;
  webhookPath: string;
  healthCheck: boolean;
  /** Largest JSON body, in bytes. */
  maxJsonBytes: number;
  maxPhotoBytes: number;
  webhookSecret: string | undefined;
}

type App = Hono<AuthEnv>;

function send(c: Context, answer: JsonAnswer): Response {
  return c.body(answer.json, answer.status as 200, { 'content-type': 'application/json; charset=utf-8' });
}

/**
 * Node's request under `@hono/node-server` when its body can be read straight from it, as the Express
 * facade's webhook lane does: nothing has read it yet and its length is declared (no chunked or encoded body).
 * Reading it there builds no web `Request` and no web stream: touching `c.req.raw.body` (as `bodyLimit` does)
 * or `c.req.raw.bodyUsed` makes `@hono/node-server` build both, which costs more than the rest of the route.
 */
function nodeLane(c: Context): IncomingMessage | undefined {
  const incoming = (c.env as { incoming?: IncomingMessage } | undefined)?.incoming;
  if (!incoming || typeof incoming.on !== 'function' || incoming.readableFlowing !== null || incoming.readableEnded) return undefined;
  return declaredLength(incoming) === undefined ? undefined : incoming;
}

/** The 413 of a body over `limit` bytes. */
const tooLargeAnswer = (limit: number) => errorAnswer(413, `The request body is too large (limit ${limit} bytes)`);

/** Hono's `bodyLimit` (it counts what arrives when no length is declared), answering the SDK's 413. */
const countedLimit = (limit: number) => bodyLimit({ maxSize: limit, onError: (c) => send(c, tooLargeAnswer(limit)) });

/**
 * A body limit for the JSON routes: a body on the Node lane is judged by its declared length (and read later
 * by `jsonBody`); any other goes through Hono's `bodyLimit`, which counts what arrives.
 */
function jsonBodyLimit(limit: number): MiddlewareHandler {
  const counted = countedLimit(limit);
  return (c, next) => {
    const incoming = nodeLane(c);
    if (!incoming) return counted(c, next);
    return Number(incoming.headers['content-length']) > limit ? Promise.resolve(send(c, tooLargeAnswer(limit))) : next();
  };
}

/** The body as JSON whatever its Content-Type (as 3.0.0-hono reads it), or the 400 to answer. */
async function jsonBody(c: Context): Promise<unknown> {
  const incoming = nodeLane(c);
  const parsed = incoming ? await readJsonBody(incoming) : parseStrict(await c.req.text());
  if (parsed === undefined) return errorAnswer(400, 'The request was aborted before its body arrived');
  return parsed === INVALID_JSON ? errorAnswer(400, 'The request body is not valid JSON') : parsed;
}

function isAnswer(v: unknown): v is JsonAnswer {
  return !!v && typeof v === 'object' && typeof (v as JsonAnswer).json === 'string' && typeof (v as JsonAnswer).status === 'number';
}

export function registerSdkRoutes(app: App, config: SdkRoutesConfig): void {
  const { engine, logger } = config;
  const ctx: RouteContext = { engine, packageName: config.packageName, apiKey: config.apiKey, logger };
  const jsonLimit = jsonBodyLimit(config.maxJsonBytes);
  // The header is read only when a secret is set (reading any header makes `@hono/node-server` build them all).
  const secret = config.webhookSecret;
  const secretRefusal = (c: Context) => (secret ? cloudSecretError(secret, c.req.header(WEBHOOK_SECRET_HEADER)) : undefined);

  app.post(config.webhookPath, jsonLimit, async (c) => {
    const refused = secretRefusal(c);
    if (refused) return send(c, errorAnswer(401, refused));
    const body = await jsonBody(c);
    if (isAnswer(body)) return send(c, body);
    const result = await webhookResult(engine, logger, body);
    // onSession starts once the cloud has its answer, as with the Express facade.
    if (result.after) setImmediate(result.after);
    return c.json(result.body, result.status as 200);
  });

  app.get('/tool', (c) => c.json(TOOL_GREETING));
  app.post('/tool', jsonLimit, async (c) => {
    const refused = toolSignatureError(config.apiKey, c.req.header());
    if (refused) return send(c, errorAnswer(401, refused));
    const body = await jsonBody(c);
    return send(c, isAnswer(body) ? body : await answerToolCall(ctx, body));
  });

  app.post('/settings', jsonLimit, async (c) => {
    const refused = secretRefusal(c);
    if (refused) return send(c, errorAnswer(401, refused));
    const body = await jsonBody(c);
    return send(c, isAnswer(body) ? body : await answerSettingsPush(ctx, body));
  });

  // A little more than the photo: the multipart framing and text fields.
  app.post('/photo-upload', countedLimit(config.maxPhotoBytes + 256 * 1024), async (c) => {
    let form: Record<string, string | File | (string | File)[]>;
    try {
      form = await c.req.parseBody();
    } catch (e) {
      return send(c, refusal(400, `Malformed upload body: ${String((e as Error)?.message ?? e).slice(0, 200)}`));
    }
    const fields: Record<string, string> = {};
    for (const [name, value] of Object.entries(form)) if (typeof value === 'string' && name.length <= 64) fields[name] = value;
    const requestId = fields.requestId;
    if (!requestId) return send(c, refusal(400, NO_REQUEST_ID));
    if (!engine.sharedRequests.hasOf(requestId, PHOTO_KIND)) return send(c, refusal(404, NOT_PENDING));
    const photo = form.photo;
    const upload: ParsedUpload = { fields, tooLarge: false };
    if (photo instanceof File) {
      if (photo.size > config.maxPhotoBytes) upload.tooLarge = true;
      else
        upload.file = {
          buffer: Buffer.from(await photo.arrayBuffer()),
          mimeType: photo.type || 'application/octet-stream',
          filename: (photo.name || 'photo.jpg').slice(0, 255),
        };
    }
    return send(c, settlePhotoUpload(engine.sharedRequests, upload, config.maxPhotoBytes, true));
  });

  if (config.healthCheck) app.get('/health', (c) => c.json(healthBody(engine, config.packageName)));
  const authTarget = `${MENTRA_ACCOUNT_AUTH_URL}?packagename=${encodeURIComponent(config.packageName)}`;
  app.get('/mentra-auth', (c) => c.redirect(authTarget, 302));
}
