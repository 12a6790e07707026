/**
 * Messages sent while the socket is down wait here and are flushed, in order, after the next ack.
 *
 * Overflow policy (the queue holds at most `limit` messages, 1000 by default):
 * - a display update replaces the queued display update of the same view (only the latest layout of a
 *   view is kept, which is what the wearer would see anyway) and moves to the end of the queue;
 * - nothing else is ever dropped: when the queue is full, `push` refuses the new message and returns
 *   false, and the session reports an `SdkError('queue_full')` to the caller (a request's promise rejects).
 *
 * It also remembers the latest display update written to the socket for each view: a socket that dies
 * unnoticed swallows what was written to it, so after a reconnect that layout is shown again (unless a
 * newer one is queued for the view, or its `durationMs` has run out). Layouts are idempotent.
 */

export interface QueuedMessage {
  type: string;
  view?: unknown;
  [k: string]: unknown;
}

export const DISPLAY_EVENT = 'display_event';

/** The latest display update written for one view, and when. */
interface Shown {
  view: unknown;
  msg: QueuedMessage;
  at: number;
}

export class OutboundQueue {
  /** Created with the first message queued (most sessions never queue one). */
  private items: QueuedMessage[] | undefined;
  /**
   * One record per view, in the order the views were first shown; created with the first display update
   * written (a session that never displays has none). An array, not a Map: a session shows one or two views,
   * and a Map's table would be most of what a live session keeps for its replay.
   */
  private lastShown: Shown[] | undefined;
  /** Display updates replaced by a later one for the same view. */
  coalesced = 0;

  constructor(private readonly limit: number) {}

  get size(): number {
    return this.items?.length ?? 0;
  }

  /** Views that have a display update waiting. */
  queuedViews(): Set<unknown> {
    const views = new Set<unknown>();
    for (const m of this.items ?? []) if (m.type === DISPLAY_EVENT) views.add(m.view);
    return views;
  }

  push(msg: QueuedMessage): boolean {
    const items = (this.items ??= []);
    if (msg.type === DISPLAY_EVENT) {
      const i = items.findIndex((m) => m.type === DISPLAY_EVENT && m.view === msg.view);
      if (i >= 0) {
        items.splice(i, 1);
        this.coalesced++;
      }
    }
    if (items.length >= this.limit) return false;
    items.push(msg);
    return true;
  }

  /** Notes a message written to the socket (only display updates are remembered). */
  noteSent(msg: QueuedMessage, now = Date.now()): void {
    if (msg.type !== DISPLAY_EVENT) return;
    const shown = this.lastShown;
    if (!shown) {
      this.lastShown = [{ view: msg.view, msg, at: now }];
      return;
    }
    // The record of a view is updated in place (no object per display update, nor an iterator).
    for (let i = 0; i < shown.length; i++) {
      const last = shown[i];
      if (last.view === msg.view) {
        last.msg = msg;
        last.at = now;
        return;
      }
    }
    shown.push({ view: msg.view, msg, at: now });
  }

  /** The layouts to show again after a reconnect, with what remains of their `durationMs`. */
  replays(now = Date.now()): QueuedMessage[] {
    if (!this.lastShown) return [];
    const queued = this.queuedViews();
    const out: QueuedMessage[] = [];
    for (const { view, msg, at } of this.lastShown) {
      if (queued.has(view)) continue;
      const duration = msg.durationMs;
      if (typeof duration !== 'number' || !(duration > 0)) out.push({ ...msg, timestamp: new Date(now).toISOString() });
      else if (at + duration > now) out.push({ ...msg, durationMs: at + duration - now, timestamp: new Date(now).toISOString() });
    }
    return out;
  }

  /** Forgets everything; returns how many queued messages were never sent. */
  clear(): number {
    const unsent = this.size;
    this.items = undefined;
    this.lastShown = undefined;
    return unsent;
  }

  drain(): QueuedMessage[] {
    const out = this.items ?? [];
    this.items = undefined;
    return out;
  }
}
