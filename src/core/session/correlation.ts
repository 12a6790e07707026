/**
 * Request/response helpers for modules, on top of `PendingRequests`: unguessable request ids, "register
 * then send" (so a fast answer is never missed), and timeout options. The pending entry lives with the
 * logical session (or the engine, for answers that arrive over HTTP), so it survives reconnects.
 */
import type { AppToCloudMessage } from '../../protocol/outbound';
import { randomUUID } from 'node:crypto';
import { SdkError } from '../errors';
import { PHOTO_KIND, type PendingRequests } from './requests';
import type { CoreSession } from './session';

export { PHOTO_KIND };

/** `<prefix>_<uuid>`: the published prefixes (`photo_req`, `audio_req`, `poll`, ...) with a random part that cannot be guessed. */
export function newRequestId(prefix: string): string {
  return `${prefix}_${randomUUID()}`;
}

/** A positive, finite timeout from an option, else the default. */
export function timeoutOption(value: unknown, defaultMs: number): number {
  // Number.isFinite does not coerce: a value that is not a number fails it.
  return Number.isFinite(value) && (value as number) > 0 ? (value as number) : defaultMs;
}

export interface RequestSpec {
  id: string;
  /** What is asked, for messages and filtering (`photo`, `audio`, `location poll`, ...). */
  kind: string;
  timeoutMs: number;
  message: AppToCloudMessage;
  /** Where the answer is awaited (default: the session's own `requests`). */
  registry?: PendingRequests;
  owner?: string;
}

/**
 * The error for a message `core.send` refused: `session_closed` once the session has ended, else
 * `queue_full` (the cloud is unreachable and the outbound queue is full). `what` says what was attempted.
 */
export function refusedSendError(core: CoreSession, what: string, details?: Record<string, unknown>): SdkError {
  return core.state === 'closed'
    ? new SdkError('session_closed', `Cannot ${what}: the session has ended`, { details })
    : new SdkError('queue_full', `Cannot ${what}: the cloud is unreachable and the outbound queue is full; try again once the session has reconnected`, {
        details,
      });
}

/** Registers the pending answer, then sends the message. Rejects with an `SdkError` if it cannot be sent. */
export function sendRequest<T>(core: CoreSession, spec: RequestSpec): Promise<T> {
  if (core.state === 'closed') {
    return Promise.reject(new SdkError('session_closed', `Cannot send the ${spec.kind} request: the session has ended`, { details: { requestId: spec.id } }));
  }
  const registry = spec.registry ?? core.requests;
  const answer = registry.create<T>(spec.id, spec.kind, spec.timeoutMs, spec.owner);
  const send = () => {
    if (!registry.has(spec.id)) return;
    if (!core.send(spec.message)) {
      const code = (core.state as string) === 'closed' ? 'session_closed' : 'queue_full';
      registry.reject(spec.id, new SdkError(code, `The ${spec.kind} request ${spec.id} could not be sent (${code})`, { details: { requestId: spec.id } }));
    }
  };
  // With several instances the request is first recorded as this instance's, so an answer uploaded to
  // another instance finds its way here; otherwise it is sent at once.
  const recorded = registry.recorded(spec.id);
  if (recorded) void recorded.then(send, send);
  else send();
  return answer;
}

/** The error for a request the app cancelled. */
export function cancelledError(kind: string, id: string): SdkError {
  return new SdkError('request_cancelled', `The ${kind} request ${id} was cancelled`, { details: { requestId: id } });
}
