/**
 * The test cloud's incident telemetry (3.0.0-hono): it sends a user's app `request_telemetry` with a fresh
 * incident id and upload token, and accepts the app's `POST /api/incidents/<incidentId>/logs` when it
 * carries `Authorization: Bearer <uploadToken>` (401 otherwise), recording the body for the user.
 */
import { randomUUID } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { readJsonRequest } from './read-body';

/** One telemetry upload the cloud received. */
/** A telemetry request made of the app: what its upload must name. */
export interface TelemetryRequestIds {
  /** The incident the upload belongs to. */
  incidentId: string;
  /** The token the app must send back (`Authorization: Bearer <uploadToken>`). */
  uploadToken: string;
}

/** A telemetry request issued by the intake, with the message to send on the user's socket. */
export interface IssuedTelemetryRequest extends TelemetryRequestIds {
  /** The `request_telemetry` message. */
  message: Record<string, unknown>;
}

/** One upload the app made. */
export interface TelemetryUpload {
  /** The incident it names. */
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

/**
 * The test cloud's side of incident telemetry (3.0.0-hono): issues `request_telemetry` messages with an
 * upload token, and takes the app's uploads at `POST /api/incidents/<id>/logs` (401 for a wrong token).
 */
export class TelemetryIntake {
  private readonly issued = new Map<string, { token: string; user: TelemetryUser }>();

  /** A `request_telemetry` for `user` (remembering its token); send it on the user's socket. */
  issue(user: TelemetryUser, windowMs = 0): IssuedTelemetryRequest {
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
    void readJsonRequest(req, MAX_BODY).then((body) => {
      const issued = this.issued.get(incidentId);
      const ok = !!issued && req.headers.authorization === `Bearer ${issued.token}`;
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
