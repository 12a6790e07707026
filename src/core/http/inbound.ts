/**
 * Checks on inbound HTTP calls from the cloud, as Express middleware any route applies in one line:
 *
 *   app.post('/settings', host.verifyCloud, handler);
 *
 * - `cloudSecretGuard(secret)`: when a webhook secret is configured (`webhookSecret`, or the environment
 *   variable `MENTRAOS_WEBHOOK_SECRET`), the request must carry it in the `X-MentraOS-Webhook-Secret`
 *   header; compared in constant time; otherwise 401. Headers only, so it runs before the body is read.
 * - `requireJson`: a body that is not `application/json` is answered 415.
 * - `jsonErrorHandler`: body-parser failures (bad JSON, too large, bad charset or encoding) become 4xx
 *   JSON answers with a reason, never an HTML page. The Express server applies it last, through
 *   `jsonFallthrough`, so an error handler the app added sees every error first, as with the published SDK;
 *   `answerClientError` does the same for requests Node cannot even parse as HTTP.
 */
import type { Duplex } from 'node:stream';
import type { ErrorRequestHandler, Request, RequestHandler, Response } from 'express';
import { WEBHOOK_SECRET_ENV, WEBHOOK_SECRET_HEADER } from '../../protocol/http-names';
import { safeEqual } from './crypto';
import { toError } from '../errors';
import type { Logger } from '../logger';

export { WEBHOOK_SECRET_ENV, WEBHOOK_SECRET_HEADER };

/** The configured secret, else the environment's; empty means none. */
export function resolveWebhookSecret(configured: string | undefined, env: NodeJS.ProcessEnv = process.env): string | undefined {
  const secret = configured ?? env[WEBHOOK_SECRET_ENV];
  return secret ? secret : undefined;
}

/** Answers `{ status: 'error', message }` with `status` (every refusal the SDK sends looks like this). */
export function sendError(res: Response, status: number, message: string): void {
  res.status(status).json({ status: 'error', message });
}

/** The 401 message for a call whose webhook-secret header (`given`) does not match the configured `secret`, else undefined. */
export function cloudSecretError(secret: string, given: string | undefined): string | undefined {
  if (given === undefined || given === '') {
    return `Missing the ${WEBHOOK_SECRET_HEADER} header: this app only accepts calls from a cloud that knows its webhook secret`;
  }
  return safeEqual(given, secret) ? undefined : `The ${WEBHOOK_SECRET_HEADER} header does not match this app's webhook secret`;
}

/** Requires the shared secret header when `secret` is set; lets everything through when it is not. */
export function cloudSecretGuard(secret: string | undefined): RequestHandler {
  if (!secret) return (_req, _res, next) => next();
  return (req, res, next) => {
    const refused = cloudSecretError(secret, req.get(WEBHOOK_SECRET_HEADER));
    if (refused) return sendError(res, 401, refused);
    next();
  };
}

/** 415 unless the request declares a JSON body. */
export const requireJson: RequestHandler = (req, res, next) => {
  if (req.is('application/json')) return next();
  const type = req.get('content-type');
  sendError(res, 415, `The body must be JSON with Content-Type: application/json (got ${type ? JSON.stringify(type.slice(0, 100)) : 'no Content-Type'})`);
};

/** 405 for any other method on a POST-only path. */
export const postOnly: RequestHandler = (req, res) => {
  res.set('Allow', 'POST');
  sendError(res, 405, `${req.method.slice(0, 10)} is not allowed here: the cloud POSTs JSON to this path`);
};

/** Body-parser failures become JSON 4xx answers with a reason (never an HTML page). */
export function jsonErrorHandler(logger: Logger): ErrorRequestHandler {
  return (err, _req, res, next) => {
    // Stryker disable next-line ConditionalExpression: a body is read before anything is answered, so its failures come before headers
    if (res.headersSent) return next(err);
    // (Express passes an error handler only a value that is not null or undefined.) A body cut short by its
    // client (raw-body's `request.aborted`) has no one left to answer, and one shorter or longer than its
    // Content-Length (`request.size.invalid`) never gets past Node's parser: neither needs its own words.
    // Stryker disable next-line EqualityOperator: a 500 is answered 500 either way
    const status = typeof err.status === 'number' && err.status >= 400 && err.status < 500 ? err.status : 500;
    const message =
      err.type === 'entity.parse.failed'
        ? 'The request body is not valid JSON'
        : err.type === 'entity.too.large'
          ? `The request body is too large (limit ${err.limit} bytes)`
          : status < 500
            ? `Bad request: ${String(err.message ?? 'unreadable body').slice(0, 200)}`
            : 'Internal server error';
    if (status >= 500) logger.error(`Request failed: ${toError(err).message}`);
    sendError(res, status, message);
  };
}

/** The SDK's own paths and the methods they answer, for a 405 instead of a 404 on the wrong method. */
const OWN_PATHS: Record<string, string> = { '/tool': 'GET, POST', '/settings': 'POST', '/health': 'GET', '/photo-upload': 'POST' };

/**
 * What Express calls when no route answered a request, or an error escaped every error handler (a static
 * file's 403 or 400, say): a JSON 404/405 or 4xx with a reason instead of Express's HTML page. Passed as the
 * third argument of `app(req, res, done)`, so it never shadows a route the app adds later.
 */
export function jsonFallthrough(logger: Logger): (req: Request, res: Response) => (err?: unknown) => void {
  const onError = jsonErrorHandler(logger);
  return (req, res) => (err) => {
    if (res.headersSent) {
      if (!res.writableEnded) res.destroy();
      return;
    }
    if (err) {
      const e = err as { status?: number; statusCode?: number; type?: string };
      const status = e.status ?? e.statusCode;
      if (status === 404) return sendError(res, 404, `Nothing is served at ${req.method.slice(0, 10)} ${req.path.slice(0, 200)}`);
      if (status === 403) return sendError(res, 403, 'That path may not be served');
      // Stryker disable next-line ArrowFunction,StringLiteral: onError passes on only once headers were sent, which was checked above
      return onError(err, req, res, () => sendError(res, 500, 'Internal server error'));
    }
    const answer = unservedAnswer(req.method, req.path);
    if (answer.allow) res.set('Allow', answer.allow);
    sendError(res, answer.status, answer.message);
  };
}

/** The answer to a request no route took: a 405 with `Allow` for a wrong method on one of the SDK's paths, else a 404. */
export function unservedAnswer(method: string, path: string): { status: 404 | 405; message: string; allow?: string } {
  const allow = OWN_PATHS[path];
  // A method the path allows reached no route: the route is switched off (`healthCheck: false`), so nothing is served.
  if (allow && !allow.split(', ').includes(method)) {
    return { status: 405, message: `${method.slice(0, 10)} is not allowed on ${path} (allowed: ${allow})`, allow };
  }
  return { status: 404, message: `Nothing is served at ${method.slice(0, 10)} ${path.slice(0, 200)}` };
}

/** For the HTTP server's `clientError`: a request that is not valid HTTP still gets a JSON 4xx answer. */
export function answerClientError(err: NodeJS.ErrnoException, socket: Duplex): void {
  if (err.code === 'ECONNRESET' || !socket.writable) {
    socket.destroy();
    return;
  }
  const [status, text, message] =
    err.code === 'HPE_HEADER_OVERFLOW'
      ? [431, 'Request Header Fields Too Large', 'The request headers are too large']
      : err.code === 'ERR_HTTP_REQUEST_TIMEOUT'
        ? [408, 'Request Timeout', 'The request did not arrive in time']
        : [400, 'Bad Request', 'The request is not valid HTTP'];
  const body = JSON.stringify({ status: 'error', message });
  socket.end(
    `HTTP/1.1 ${status} ${text}\r\nContent-Type: application/json; charset=utf-8\r\nContent-Length: ${Buffer.byteLength(body)}\r\nConnection: close\r\n\r\n${body}`,
  );
}
