/**
 * The published `AppServer` photo-request registry (`registerPhotoRequest`, `getPhotoRequest`,
 * `completePhotoRequest`, `cleanupPhotoRequestsForSession`), answered from the engine's shared request
 * table: the one `session.camera` and `/photo-upload` use, so a request the app registers is answered by an
 * upload like the camera's own, and the camera's requests show here.
 */
import type { SessionEngine } from '../core/engine';
import { type PendingEntry, PHOTO_KIND, endedBefore } from '../core/session/requests';
import type { PhotoData } from '../protocol/module-messages';
import { PHOTO_TIMEOUT_MS } from './modules/camera';
import type { AppSession } from './session';

/** A photo request awaiting its answer, as the published SDK declares it (see `AppServer.getPhotoRequest`). */
export interface PendingPhotoRequest {
  /** The user the photo was requested for. */
  userId: string;
  /** The session that requested it. */
  sessionId: string;
  /** The session object. */
  session: AppSession;
  /** Settles the request with the photo. */
  resolve: (photo: PhotoData) => void;
  /** Settles the request with an error. */
  reject: (error: Error) => void;
  /** When the request was made (milliseconds since the epoch). */
  timestamp: number;
  /** Not used: the engine's table keeps the timer. */
  timeoutId?: ReturnType<typeof setTimeout>;
}

type PhotoRequestView = Omit<PendingPhotoRequest, 'timeoutId'>;

/** What the app said about the requests it registered itself (the table knows the rest). */
const registered = new WeakMap<PendingEntry, { userId: string; session: AppSession; timestamp: number }>();

/**
 * Adds `requestId` to the table for `request.sessionId`: an upload (or `photo_response`) for it calls
 * `request.resolve`; no answer within 30 s, the session's end, or an id already pending calls
 * `request.reject` with an `SdkError` (`request_timeout`, `session_closed`, `invalid_argument`).
 */
export function registerPhotoRequest(engine: SessionEngine, requestId: string, request: Omit<PhotoRequestView, 'timestamp'> & { timestamp?: number }): void {
  const table = engine.sharedRequests;
  const before = table.entry(requestId);
  const pending = table.create<PhotoData>(requestId, PHOTO_KIND, PHOTO_TIMEOUT_MS, request.sessionId);
  pending.then(
    (photo) => request.resolve(photo),
    (e: Error) => request.reject(e),
  );
  const entry = table.entry(requestId);
  // An id already pending is refused (the new request's promise rejects); the pending one keeps its details.
  if (entry && entry !== before) registered.set(entry, { userId: request.userId, session: request.session, timestamp: request.timestamp ?? entry.createdAt });
}

/** The pending photo request `requestId` (it stays pending), or undefined. */
export function getPhotoRequest(engine: SessionEngine, requestId: string): PhotoRequestView | undefined {
  const table = engine.sharedRequests;
  const entry = table.entry(requestId);
  if (entry?.kind !== PHOTO_KIND) return undefined;
  return view(
    engine,
    entry,
    (photo) => void table.resolve(requestId, photo),
    (e) => void table.reject(requestId, e),
  );
}

/** Takes `requestId` out of the table without settling it and returns it (settle it with its `resolve`/`reject`), or undefined. */
export function completePhotoRequest(engine: SessionEngine, requestId: string): PhotoRequestView | undefined {
  if (engine.sharedRequests.entry(requestId)?.kind !== PHOTO_KIND) return undefined;
  const entry = engine.sharedRequests.remove(requestId);
  return entry && view(engine, entry, entry.resolve, entry.reject);
}

/** Rejects every pending photo request of `sessionId` with `SdkError('session_closed')`; returns how many. */
export function cleanupPhotoRequestsForSession(engine: SessionEngine, sessionId: string): number {
  return engine.sharedRequests.rejectMatching({ kind: PHOTO_KIND, owner: sessionId }, endedBefore('its photo requests were cleaned up'));
}

function view(engine: SessionEngine, entry: PendingEntry, resolve: PhotoRequestView['resolve'], reject: PhotoRequestView['reject']): PhotoRequestView {
  const sessionId = entry.owner ?? '';
  const own = registered.get(entry);
  const core = engine.registry.get(sessionId)?.session;
  return {
    userId: own?.userId ?? core?.userId ?? '',
    sessionId,
    session: own?.session ?? (core?.facade as AppSession),
    resolve,
    reject,
    timestamp: own?.timestamp ?? entry.createdAt,
  };
}
