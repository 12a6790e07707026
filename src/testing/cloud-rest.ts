/**
 * The test cloud's REST side: the SimpleStorage API (`/api/sdk/simple-storage/<userId>[/<key>]`, in memory,
 * authenticated with `Bearer <packageName>:<apiKey>`), a log of every request, and failure injection.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import { readJsonRequest } from './read-body';

/** One REST request an app made to the test cloud. */
export interface HttpRecord {
  /** The HTTP method. */
  method: string;
  /** The path, without the query. */
  path: string;
  /** The status answered (0 when the connection was dropped). */
  status: number;
  /** The package name from the Authorization header (the key itself is never recorded). */
  packageName?: string;
}

/** A failure to inject into the test cloud's REST answers (`cloud.rest.failNext`). */
export interface HttpFailure {
  /**
   * Only requests of this method.
   *
   * @defaultValue any method
   */
  method?: string;
  /**
   * A path prefix or a RegExp. A failure that names a path applies to any REST path of the cloud (user
   * discovery included); without one, to the SimpleStorage API.
   */
  path?: string | RegExp;
  /** The status to answer, or 0 to drop the connection without an answer. */
  status: number;
  /** How many matching requests fail (default 1). */
  times?: number;
  /**
   * The JSON body of the answer, to see how an app takes an unexpected one (any status, 200 included).
   *
   * @defaultValue `{ success: false, message: 'Injected failure' }`
   */
  body?: unknown;
}

const STORAGE_PREFIX = '/api/sdk/simple-storage/';
const MAX_STORAGE_BYTES = 1024 * 1024;
const MAX_BODY_BYTES = 2 * 1024 * 1024;

/** The test cloud's REST side: the SimpleStorage API in memory, a log of every request, and failure injection. */
export class CloudRest {
  /** Every request, in order. */
  readonly requests: HttpRecord[] = [];
  private readonly stores = new Map<string, Record<string, string>>();
  private readonly failures: Array<HttpFailure & { left: number }> = [];

  /** `fallback` answers the paths that are not SimpleStorage's (user discovery, settings). */
  constructor(
    private readonly apiKeys?: Record<string, string>,
    private readonly fallback?: (req: IncomingMessage, res: ServerResponse) => void,
  ) {}

  /** The stored data of one user of one app (a copy). */
  storage(packageName: string, userId: string): Record<string, string> {
    return { ...this.stores.get(`${packageName}\n${userId}`) };
  }

  /** Replaces the stored data of one user of one app. */
  setStorage(packageName: string, userId: string, data: Record<string, string>): void {
    this.stores.set(`${packageName}\n${userId}`, { ...data });
  }

  /** Makes the next matching request(s) fail. */
  failNext(failure: HttpFailure): void {
    this.failures.push({ ...failure, left: failure.times ?? 1 });
  }

  /** Answers one HTTP request. */
  async handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const url = new URL(req.url ?? '/', 'http://cloud');
    const method = req.method ?? 'GET';
    const storage = url.pathname.startsWith(STORAGE_PREFIX);
    // A failure without a path is for the SimpleStorage API; one that names a path, for any REST path.
    const failure = this.failures.find(
      (f) => f.left > 0 && (!f.method || f.method === method) && (f.path === undefined ? storage : matches(f.path, url.pathname)),
    );
    if (this.fallback && !storage && !failure) return this.fallback(req, res);
    const record: HttpRecord = { method, path: url.pathname, status: 0 };
    this.requests.push(record);
    const send = (status: number, body: unknown) => {
      record.status = status;
      res.writeHead(status, { 'content-type': 'application/json' });
      res.end(JSON.stringify(body));
    };
    if (failure) {
      failure.left--;
      if (failure.status === 0) {
        req.socket.destroy();
        return;
      }
      return send(failure.status, failure.body !== undefined ? failure.body : { success: false, message: 'Injected failure' });
    }
    if (!url.pathname.startsWith(STORAGE_PREFIX)) return send(404, { success: false, message: 'Not found' });
    const auth = /^Bearer ([^:\s]+):(\S+)$/.exec(req.headers.authorization ?? '');
    if (!auth || (this.apiKeys && this.apiKeys[auth[1]] !== auth[2])) return send(401, { success: false, message: 'Invalid app credentials' });
    record.packageName = auth[1];
    const [userId, key, extra] = url.pathname.slice(STORAGE_PREFIX.length).split('/').map(decodeURIComponent);
    if (!userId || extra !== undefined) return send(404, { success: false, message: 'Not found' });
    const id = `${auth[1]}\n${userId}`;
    const store = this.stores.get(id) ?? {};
    if (method === 'GET' && key === undefined) return send(200, { success: true, data: store });
    if (method === 'DELETE') {
      if (key === undefined) this.stores.delete(id);
      else delete store[key];
      return send(200, { success: true });
    }
    if (method === 'PUT' && key === undefined) {
      const body = await readJsonRequest(req, MAX_BODY_BYTES);
      const data = body?.data;
      if (!data || typeof data !== 'object' || Object.values(data).some((v) => typeof v !== 'string'))
        return send(400, { success: false, message: 'Expected {data: {key: string}}' });
      const next = { ...store, ...data };
      if (Buffer.byteLength(JSON.stringify(next)) > MAX_STORAGE_BYTES) return send(413, { success: false, message: 'Storage over 1 MB' });
      this.stores.set(id, next);
      return send(200, { success: true });
    }
    return send(405, { success: false, message: 'Method not allowed' });
  }
}

function matches(pattern: string | RegExp, path: string): boolean {
  return typeof pattern === 'string' ? path.startsWith(pattern) : pattern.test(path);
}
