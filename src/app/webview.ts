/** Webview helpers of the modern facade: the request type the auth middleware fills in. */
import type { Request } from 'express';
import type { AppSession } from './session';

/**
 * An Express request after the SDK's webview auth middleware (mounted on every route of an AppServer):
 * `authUserId` is the signed-in user, `activeSession` that user's live session (null when none).
 */
export interface AuthenticatedRequest extends Request {
  /** The signed-in user. */
  authUserId?: string;
  /** The user's live session, or null when the user has none. */
  activeSession?: AppSession | null;
}
