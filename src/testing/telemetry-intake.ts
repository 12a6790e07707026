/**
 * The test cloud's incident telemetry (3.0.0-hono): it sends a user's app `request_telemetry` with a fresh
 * incident id and upload token, and accepts the app's `POST /api/incidents/<incidentId>/logs` when it
 * carries `Authorization: Bearer <uploadToken>` (401 otherwise), recording the body for the user.
 */
import { randomUUID } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';

/** One telemetry upload the cloud received. */
export interface TelemetryUpload {
  incidentId: string;
  /** The `TelemetryResponse` body. */
  body: any;
  /** The HTTP status the cloud answered (200, or 401 for a wrong token). */
  status: number;
}

/** What the intake needs of a user: where its uploads go. */
export interface TelemetryUser {
  readonly telemetryUploads: TelemetryUpload[];
  wake(): void;
}

const PATH = /^\/api\/incidents\/([^/]+)\/logs$/;
const MAX_BODY = 4 * 1024 * 1024;

export class TelemetryIntake {
  private readonly issued = new Map<string, { token: string; user: TelemetryUser }>();

  /** A `request_telemetry` for `user` (remembering its token); send it on the user's socket. */
  issue(user: TelemetryUser, windowMs = 0): { incidentId: string; uploadToken: string; message: Record<string, unknown> } {
    const incidentId = `incident-${randomUUID()}`;
    const uploadToken = randomUUID();
    this.issued.set(incidentId, { token: uploadToken, user });
    return { incidentId, uploadToken, message: { type: 'request_telemetry', incidentId, uploadToken, windowMs, timestamp: new Date().toISOString() } };
  }

  /** Handles `POST /api/incidents/<id>/logs`; false for other requests. */
  handleHttp(req: IncomingMessage, res: ServerResponse, path: string): boolean {
    const m = PATH.exec(path);
    if (!m || req.method !== 'POST') return false;
    const incidentId = decodeURIComponent(m[1]!);
    const chunks: Buffer[] = [];
    let size = 0;
    req.on('data', (c: Buffer) => {
      size += c.length;
      if (size > MAX_BODY) req.destroy();
      else chunks.push(c);
    });
    req.on('end', () => {
      const issued = this.issued.get(incidentId);
      const ok = !!issued && req.headers.authorization === `Bearer ${issued.token}`;
      let body: unknown;
      try {
        body = JSON.parse(Buffer.concat(chunks).toString('utf8'));
      } catch {
        body = undefined;
      }
      const status = ok ? 200 : 401;
      if (issued) {
        issued.user.telemetryUploads.push({ incidentId, body, status });
        issued.user.wake();
      }
      res.writeHead(status, { 'content-type': 'application/json' });
      res.end(JSON.stringify(ok ? { success: true } : { success: false, message: 'Invalid upload token' }));
    });
    return true;
  }
}
