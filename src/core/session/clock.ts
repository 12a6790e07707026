/**
 * The `timestamp` of outbound frames. Every frame carries `new Date().toISOString()`; frames written in the
 * same millisecond (a burst of events, many sessions at once) share one string instead of building a `Date`
 * and a string each. The value is exactly what `new Date().toISOString()` returns at that millisecond.
 */
let lastMs = Date.now();
let lastIso = new Date(lastMs).toISOString();

/** The current time as an ISO 8601 string (`new Date().toISOString()`), built at most once per millisecond. */
export function isoNow(): string {
  const ms = Date.now();
  if (ms !== lastMs) {
    lastIso = new Date(ms).toISOString();
    lastMs = ms;
  }
  return lastIso;
}
