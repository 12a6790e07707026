/**
 * Parsing a frame or body that should be JSON but may not be: the test cloud and the simulated user
 * record whatever arrives, so a bad frame becomes a `{ raw }` record instead of a throw.
 */

/** The parsed JSON, or `{ raw }` with the first `maxRaw` characters when it is not JSON. */
export function parseOrRaw(s: string, maxRaw: number): any {
  try {
    return JSON.parse(s);
  } catch {
    return { raw: s.slice(0, maxRaw) };
  }
}
