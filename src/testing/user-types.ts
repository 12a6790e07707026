/**
 * The records and answers a simulated user deals in: what it logs of the wire and of the display, and
 * how the app or the glasses answer. Kept apart from the user itself so the cloud, the dev tools and
 * tests can name them without pulling in the class.
 */
import type { Layout } from '../protocol/messages';

export type WireDirection = 'webhook' | 'app->cloud' | 'cloud->app';

export interface WireRecord {
  t_ms: number;
  dir: WireDirection;
  msg: any;
}

export interface DisplayRecord {
  view: string;
  layout: Layout;
  durationMs?: number;
  at: number;
}

export interface WebhookAnswer {
  status: number;
  body: any;
}

export type DisplayMatcher = string | RegExp | ((d: DisplayRecord) => boolean);

/** How the glasses answer a photo request. */
export interface PhotoAnswer {
  /** The image (default: a few bytes of a JPEG header). */
  image?: Buffer;
  mimeType?: string;
  filename?: string;
  /** Answer with a failure instead (`photo_error`). */
  error?: { code: string; message: string };
  /** For clouds that answer over the WebSocket: the URL to report (default a URL on this cloud). */
  photoUrl?: string;
}

/** A raw multipart upload to the app's `/photo-upload`, for bad-input tests. */
export interface PhotoUpload {
  fields?: Record<string, string>;
  file?: { field?: string; data: Buffer; mimeType: string; filename?: string };
  /** Send this body as is with this content type instead of multipart. */
  raw?: { body: string | Buffer; contentType: string };
}

/** @internal A pending `waitFor…`: resolved with the first defined value of `check`. */
export interface Waiter {
  check: () => unknown;
  resolve: (v: any) => void;
}
