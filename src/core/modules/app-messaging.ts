/**
 * App-to-app messaging for one session: broadcast, direct messages (correlated by `messageId`), rooms and
 * user discovery. Each facade sends its own naming (`tpa_*` for the legacy one, `app_*` for the modern
 * one, from the dialect table); inbound messages of either naming arrive here already canonicalised to
 * `app_*` by the session, and are handed to the app under the facade's naming.
 */
import { randomUUID } from 'node:crypto';
import { appMessageType, type AppMessageStem, type Dialect } from '../../protocol/dialects';
import type { AppRoomConfig, AppUserList } from '../../protocol/messages';
import type { AppToCloudMessage, OutboundAppMessageStem } from '../../protocol/outbound';
import { cloudRequest } from '../session/cloud-http';
import { SdkError } from '../errors';
import { isId, MAX_ID_LENGTH } from '../ids';
import { reportSwallowed } from '../failures';
import { refusedSendError } from '../session/correlation';
import type { CoreSession } from '../session/session';

export const DIRECT_MESSAGE_TIMEOUT_MS = 15_000;

export type AppEventStem = Extract<AppMessageStem, 'message_received' | 'user_joined' | 'user_left' | 'room_updated'>;

const RESPONSE = 'app_direct_message_response';

export class AppMessaging {
  private listeningForResponses = false;

  constructor(
    private readonly core: CoreSession,
    private readonly naming: Readonly<Dialect>,
  ) {}

  /** Sends `payload` to every user of this app (or of one room). */
  broadcast(payload: unknown, roomId?: string): void {
    const msg: AppToCloudMessage = this.base('broadcast_message');
    Object.assign(msg, { payload, messageId: newMessageId(), senderUserId: this.core.userId });
    if (roomId !== undefined) msg.roomId = checkId(roomId, 'roomId');
    this.sendOrThrow(msg, "broadcast to the app's users");
  }

  /** Sends `payload` to one user; resolves with the cloud's `success`, or rejects after the timeout. */
  sendDirect(targetUserId: string, payload: unknown, timeoutMs = DIRECT_MESSAGE_TIMEOUT_MS): Promise<boolean> {
    checkId(targetUserId, 'targetUserId');
    this.listenForResponses();
    const messageId = newMessageId();
    const answer = this.core.requests.create<{ success?: unknown; error?: unknown }>(messageId, 'direct message', timeoutMs);
    if (!this.core.send({ ...this.base('direct_message'), targetUserId, payload, messageId, senderUserId: this.core.userId })) {
      this.core.requests.reject(messageId, refusedSendError(this.core, 'send a direct message', { messageId }));
    }
    return answer.then((r) => {
      if (r.success !== true && typeof r.error === 'string') this.core.logger.debug(`Direct message ${messageId} was not delivered: ${r.error.slice(0, 200)}`);
      return r.success === true;
    });
  }

  joinRoom(roomId: string, roomConfig?: AppRoomConfig): void {
    // (an undefined roomConfig is left out of the JSON frame)
    this.sendOrThrow({ ...this.base('room_join'), roomId: checkId(roomId, 'roomId'), roomConfig }, 'join a room');
  }

  leaveRoom(roomId: string): void {
    this.sendOrThrow({ ...this.base('room_leave'), roomId: checkId(roomId, 'roomId') }, 'leave a room');
  }

  /** Sends, or throws `session_closed` / `queue_full` (the published SDK threw when its socket was not open). */
  private sendOrThrow(msg: AppToCloudMessage, what: string): void {
    if (!this.core.send(msg)) throw refusedSendError(this.core, what);
  }

  /** Listens for one inbound app-to-app event; the handler sees the facade's message name. */
  on(stem: AppEventStem, handler: (message: any) => unknown): () => void {
    const type = appMessageType(stem, this.naming.appMessagePrefix);
    return this.core.onMessage(`app_${stem}`, (msg: Record<string, unknown>) => handler({ ...msg, type }));
  }

  /** Users of this app on the session's own cloud (the API key goes nowhere else). */
  discoverUsers(includeUserProfiles = false): Promise<AppUserList> {
    return cloudRequest<AppUserList>(this.core, {
      method: 'POST',
      path: `${this.naming.communicationPath}/discover-users`,
      authorization: 'api-key',
      body: { packageName: this.core.packageName, userId: this.core.userId, includeUserProfiles },
      what: 'User discovery',
    }).then(checkUserList);
  }

  /** Number of users of this app; 0 when the cloud cannot say (the error is reported, as for every swallowed failure). */
  async userCount(): Promise<number> {
    try {
      return (await this.discoverUsers()).totalUsers;
    } catch (e) {
      reportSwallowed(this.core, e, 'getUserCount resolved 0');
      return 0;
    }
  }

  /** Whether `userId` is using this app now; false when the cloud cannot say (the error is reported). */
  async isUserActive(userId: string): Promise<boolean> {
    try {
      return (await this.discoverUsers()).users.some((u) => u.userId === userId);
    } catch (e) {
      reportSwallowed(this.core, e, `isUserActive(${userId.slice(0, 80)}) resolved false`);
      return false;
    }
  }

  private base(stem: OutboundAppMessageStem): { type: `${'tpa' | 'app'}_${OutboundAppMessageStem}`; packageName: string; sessionId: string } {
    return { type: appMessageType(stem, this.naming.appMessagePrefix), packageName: this.core.packageName, sessionId: this.core.sessionId };
  }

  private listenForResponses(): void {
    // Stryker disable next-line ConditionalExpression: equivalent, one listener per call would settle each answer once all the same; only their number differs (EQUIVALENT_MUTANTS.md)
    if (this.listeningForResponses) return;
    // Stryker disable next-line BooleanLiteral: equivalent, as above
    this.listeningForResponses = true;
    // (an id that is not text names no pending message)
    this.core.onMessage(RESPONSE, (msg: { messageId?: unknown }) => this.core.requests.resolve(msg.messageId as string, msg));
  }
}

/** `msg_<ms>_<random>`, the published SDKs' format. */
function newMessageId(): string {
  return `msg_${Date.now()}_${randomUUID().slice(0, 8)}`;
}

function checkId(v: unknown, name: string): string {
  if (!isId(v)) throw new SdkError('invalid_argument', `${name} must be a non-empty string of at most ${MAX_ID_LENGTH} characters`);
  return v;
}

function checkUserList(v: AppUserList): AppUserList {
  if (!Array.isArray((v as Partial<AppUserList> | null)?.users)) {
    throw new SdkError('cloud_request_failed', 'User discovery answered without a "users" array');
  }
  const users = v.users.filter((u) => u && typeof u.userId === 'string');
  return { ...v, users, totalUsers: typeof v.totalUsers === 'number' ? v.totalUsers : users.length };
}
