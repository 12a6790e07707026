/**
 * The one parse step for text frames from the cloud: JSON, then the shape every frame shares (an object
 * with a string `type`). What a frame of a given type carries is checked where it is handled.
 */

/** A frame from the cloud as it arrives: an object with a string `type`, other fields unchecked. */
export interface CloudFrame {
  type: string;
  [field: string]: unknown;
}

/** The frame, or the reason it is dropped (a string) when it is not JSON or not an object with a `type`. */
export function parseCloudFrame(text: string): CloudFrame | string {
  let msg: unknown;
  try {
    msg = JSON.parse(text);
  } catch {
    return 'it is not valid JSON';
  }
  if (!msg || typeof msg !== 'object' || Array.isArray(msg) || typeof (msg as { type?: unknown }).type !== 'string') {
    return 'it is not an object with a string "type"';
  }
  return msg as CloudFrame;
}
