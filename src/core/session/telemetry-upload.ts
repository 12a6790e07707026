/**
 * The answer to the cloud's `request_telemetry {incidentId, uploadToken, windowMs}` (3.0.0-hono): the
 * session's recent log lines (its telemetry ring, `../telemetry.ts`) are POSTed as a `TelemetryResponse` to
 * `<cloud>/api/incidents/<incidentId>/logs` with `Authorization: Bearer <uploadToken>`, where `<cloud>` is the
 * session's WebSocket URL as HTTP (ws→http, wss→https, `/app-ws` removed). The upload goes only to a cloud
 * that is trusted at the time of the request (checked again, as for the API key); it never throws into
 * app code: a refusal or a failed upload is logged at `warn`.
 */
import type { RequestTelemetry, TelemetryResponse } from '../../protocol/stream-telemetry';
import { toError } from '../errors';
import type { Logger } from '../logger';
import { ringOf, type TelemetryRing } from '../telemetry';
import { cloudFetch, cloudHttpBase } from './cloud-http';
import { checkCloudUrl } from './trust';

/** What the upload needs of a session. */
export interface TelemetrySource {
  readonly url: string;
  readonly packageName: string;
  readonly logger: Logger;
  readonly trustedCloudHosts?: readonly string[];
}

/** Builds the upload body from the lines of the last `windowMs` (all kept lines unless it is a positive number). */
export function telemetryBody(packageName: string, incidentId: string, ring: TelemetryRing | undefined, windowMs: number | undefined): TelemetryResponse {
  const logs = ring?.since(windowMs) ?? [];
  return {
    type: 'telemetry_response' as TelemetryResponse['type'],
    incidentId,
    packageName,
    logs,
    metadata: { bufferSize: logs.length, oldestEntryMs: logs[0]?.timestamp, newestEntryMs: logs[logs.length - 1]?.timestamp },
  };
}

/**
 * Answers one `request_telemetry`; resolves with true once the cloud accepted the upload, false when the
 * request was malformed, the cloud is not trusted, or the upload failed (each logged at `warn`).
 */
export async function answerTelemetryRequest(session: TelemetrySource, msg: { readonly [field: string]: unknown }): Promise<boolean> {
  const { incidentId, uploadToken, windowMs } = msg as Partial<RequestTelemetry>;
  if (typeof incidentId !== 'string' || incidentId === '' || typeof uploadToken !== 'string' || uploadToken === '') {
    session.logger.warn('Ignored a request_telemetry without an incidentId and an uploadToken');
    return false;
  }
  const verdict = checkCloudUrl(session.url, session.trustedCloudHosts);
  if (!verdict.ok) {
    session.logger.warn(`Refused to upload telemetry for incident ${incidentId.slice(0, 80)}: ${verdict.reason}`);
    return false;
  }
  const body = telemetryBody(session.packageName, incidentId, ringOf(session.logger), windowMs);
  const path = `/api/incidents/${encodeURIComponent(incidentId)}/logs`;
  try {
    const res = await cloudFetch(cloudHttpBase(session.url), path, `Bearer ${uploadToken}`, { method: 'POST', json: body });
    await res.arrayBuffer().catch(() => undefined);
    if (res.ok) return true;
    session.logger.warn(`The telemetry upload for incident ${incidentId.slice(0, 80)} was answered HTTP ${res.status}`);
  } catch (e) {
    session.logger.warn(`The telemetry upload for incident ${incidentId.slice(0, 80)} failed: ${toError(e).message}`);
  }
  return false;
}
