/** The ids a request or an app may name (tool, user, room and target ids): one rule for all of them. */

/** The longest id a request may name. */
export const MAX_ID_LENGTH = 512;

/** True for an id a request may name: a non-empty string of at most {@link MAX_ID_LENGTH} characters. */
export function isId(v: unknown): v is string {
  return typeof v === 'string' && v.length > 0 && v.length <= MAX_ID_LENGTH;
}
