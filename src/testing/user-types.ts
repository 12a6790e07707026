/**
 * The records and answers a simulated user deals in: what it logs of the wire and of the display, and
 * how the app or the glasses answer. Kept apart from the user itself so the cloud, the dev tools and
 * tests can name them without pulling in the class.
 */
import type { Layout } from '../protocol/messages';

/** A refused handshake: the cloud answers with a `tpa_connection_error` of this code. */
export interface HandshakeRefusal {
  /** The error code sent. */
  code: string;
  /** The error message sent. */
  message?: string;
}

/** Who sent a recorded message: the cloud's webhook, the app, or the cloud. */
export type WireDirection = 'webhook' | 'app->cloud' | 'cloud->app';

/** One recorded message. */
export interface WireRecord {
  /** When, in milliseconds since the cloud started. */
  t_ms: number;
  /** Which way it went. */
  dir: WireDirection;
  /** The message. */
  msg: any;
}

/** One layout the app showed. */
export interface DisplayRecord {
  /** The view it was shown in. */
  view: string;
  /** The layout. */
  layout: Layout;
  /** How long the app asked for it to be shown, in milliseconds. */
  durationMs?: number;
  /** When, in milliseconds since the cloud started. */
  at: number;
}

/** How the app answered the webhook. */
export interface WebhookAnswer {
  /** The HTTP status. */
  status: number;
  /** The parsed body. */
  body: any;
}

/** Matches a display: text contained in it, a RegExp over its text, or a predicate. */
export type DisplayMatcher = string | RegExp | ((d: DisplayRecord) => boolean);

/** How the glasses answer a photo request. */
export interface PhotoAnswer {
  /** The image (default: a few bytes of a JPEG header). */
  image?: Buffer;
  /**
   * The image's MIME type.
   *
   * @defaultValue `'image/jpeg'`
   */
  mimeType?: string;
  /**
   * The image's file name.
   *
   * @defaultValue `'photo.jpg'`
   */
  filename?: string;
  /** Answer with a failure instead (`photo_error`). */
  error?: {
    /** The error code. */
    code: string;
    /** The error message. */
    message: string;
  };
  /** For clouds that answer over the WebSocket: the URL to report (default a URL on this cloud). */
  photoUrl?: string;
}

/** A raw multipart upload to the app's `/photo-upload`, for bad-input tests. */
export interface PhotoUpload {
  /** Form fields of the upload. */
  fields?: Record<string, string>;
  /** The file part of the upload. */
  file?: {
    /** The form field name (default `photo`). */
    field?: string;
    /** The file's bytes. */
    data: Buffer;
    /** The file's MIME type. */
    mimeType: string;
    /** The file name (default `photo.jpg`). */
    filename?: string;
  };
  /** Send this body as is with this content type instead of multipart. */
  raw?: {
    /** The request body. */
    body: string | Buffer;
    /** The `Content-Type` header. */
    contentType: string;
  };
}
