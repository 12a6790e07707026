/**
 * Wire transcripts made comparable: times, ports, generated ids and the documented dialect names
 * (`tpa_*` / `app_*` app-to-app messages) are normalised; everything else must match exactly.
 */
import type { WireRecord } from '../../src/testing';

const TIME_FIELDS = new Set(['timestamp', 'joinedAt', 'leftAt', 'startTime', 'endTime']);

export interface NormalisedRecord {
  dir: string;
  msg: unknown;
}

export function normaliseTranscript(wire: readonly WireRecord[]): NormalisedRecord[] {
  const ids = new Map<string, string>();
  const idOf = (raw: string) => {
    if (!ids.has(raw)) ids.set(raw, `msg_${ids.size + 1}`);
    return ids.get(raw)!;
  };
  const walk = (v: unknown, key = ''): unknown => {
    if (typeof v === 'string') {
      if (TIME_FIELDS.has(key)) return '<time>';
      if (key === 'messageId') return idOf(v);
      if (key === 'type')
        return v.replace(
          /^tpa_(broadcast_message|direct_message|user_discovery|room_join|room_leave|message_received|user_joined|user_left|room_updated|direct_message_response)$/,
          'app_$1',
        );
      if (key === 'apiKey') return '<key>';
      if (key === 'notificationId') return '<id>';
      return v.replace(/127\.0\.0\.1:\d+/g, '127.0.0.1:PORT');
    }
    if (typeof v === 'number' && TIME_FIELDS.has(key)) return '<time>';
    if (Array.isArray(v)) return v.map((x) => walk(x));
    if (v && typeof v === 'object') {
      const out: Record<string, unknown> = {};
      for (const k of Object.keys(v).sort()) {
        const x = (v as Record<string, unknown>)[k];
        if (x !== undefined) out[k] = walk(x, k);
      }
      return out;
    }
    return v;
  };
  return wire.map((r) => ({ dir: r.dir, msg: walk(r.msg) }));
}

/** Only what the app sent (the part an SDK decides). */
export function appMessages(records: readonly NormalisedRecord[]): unknown[] {
  return records.filter((r) => r.dir === 'app->cloud').map((r) => r.msg);
}
