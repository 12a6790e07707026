/**
 * `session.location`: a continuous location stream at a chosen accuracy, and one-off polls.
 * The accuracy really reaches the cloud: the subscription list carries `{stream: 'location_stream', rate}`
 * next to `location_update`. A poll waits for the `location_update` whose `correlationId` matches (15 s).
 */
import { newRequestId, sendRequest, timeoutOption } from '../../core/session/correlation';
import { SdkError } from '../../core/errors';
import type { CoreSession } from '../../core/session/session';
import { StreamType } from '../../protocol/enums';
import type { LocationUpdate } from '../../protocol/messages';
import type { LocationAccuracy } from '../../protocol/module-messages';
import { type SessionLike, resolveCore } from '../core-of';

export const LOCATION_POLL_TIMEOUT_MS = 15_000;
const KIND = 'location poll';

export class LocationManager {
  private stopStream: (() => void) | undefined;

  private readonly core: CoreSession;

  /** Built by the session on first access (`session.location`); the published `new LocationManager(session)` is accepted. */
  constructor(session: CoreSession | SessionLike) {
    this.core = resolveCore(session, 'LocationManager');
  }

  /**
   * Location updates at `accuracy` (standard, high, realtime, tenMeters, ...) to `handler`. Returns an
   * unsubscribe function. Without a handler (the 2.0 form) it only sets the accuracy, and the updates reach
   * `session.events.onLocation` handlers.
   */
  subscribeToStream(options: { accuracy: LocationAccuracy | (string & {}) }, handler?: (data: LocationUpdate) => void): () => void {
    const accuracy = requireAccuracy(options);
    if (handler !== undefined && typeof handler !== 'function') throw new SdkError('invalid_argument', 'subscribeToStream needs a handler function');
    this.stopStream?.();
    this.core.subscribe(StreamType.LOCATION_STREAM, accuracy);
    const off = handler ? this.core.addHandler(StreamType.LOCATION_UPDATE, handler) : () => {};
    const stop = () => {
      off();
      if (this.stopStream === stop) {
        this.stopStream = undefined;
        this.core.unsubscribe(StreamType.LOCATION_STREAM);
      }
    };
    this.stopStream = stop;
    return stop;
  }

  /** Stops the stream started by `subscribeToStream`. */
  unsubscribeFromStream(): void {
    this.stopStream?.();
  }

  /** Asks the phone for one fix at `accuracy`; rejects with `SdkError('request_timeout')` after 15 s. */
  async getLatestLocation(options: { accuracy: LocationAccuracy | (string & {}); timeoutMs?: number }): Promise<LocationUpdate> {
    const accuracy = requireAccuracy(options);
    const correlationId = newRequestId('poll');
    // The answer is a location_update: listen (and so subscribe) while the poll is pending.
    const off = this.core.addHandler(StreamType.LOCATION_UPDATE, (data: LocationUpdate) => {
      if (data && data.correlationId === correlationId) this.core.requests.resolve(correlationId, data);
    });
    try {
      return await sendRequest<LocationUpdate>(this.core, {
        id: correlationId,
        kind: KIND,
        timeoutMs: timeoutOption(options.timeoutMs, LOCATION_POLL_TIMEOUT_MS),
        message: { type: 'location_poll_request', packageName: this.core.packageName, sessionId: this.core.sessionId, accuracy, correlationId },
      });
    } finally {
      off();
    }
  }
}

function requireAccuracy(options: { accuracy?: unknown } | undefined): string {
  const accuracy = options?.accuracy;
  if (typeof accuracy !== 'string' || accuracy === '')
    throw new SdkError('invalid_argument', 'Location needs an accuracy such as "standard", "high" or "realtime"');
  return accuracy;
}
