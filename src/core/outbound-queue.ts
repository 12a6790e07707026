/**
 * Messages sent while the socket is down wait here and are flushed after the next ack.
 * Overflow policy: display updates are coalesced per view (only the latest layout of a view is kept,
 * which is what the wearer would see anyway); when the queue is still full the oldest display update is
 * dropped; a request (anything that is not a display update) is never dropped silently: `push` returns
 * false and the caller reports it.
 */

export interface QueuedMessage {
  type: string;
  view?: unknown;
  [k: string]: unknown;
}

export class OutboundQueue {
  private items: QueuedMessage[] = [];
  dropped = 0;

  constructor(private readonly limit: number) {}

  get size(): number {
    return this.items.length;
  }

  push(msg: QueuedMessage): boolean {
    if (msg.type === 'display_event') {
      const i = this.items.findIndex((m) => m.type === 'display_event' && m.view === msg.view);
      if (i >= 0) {
        this.items.splice(i, 1);
        this.dropped++;
      }
    }
    if (this.items.length >= this.limit) {
      const oldestDisplay = this.items.findIndex((m) => m.type === 'display_event');
      if (oldestDisplay < 0) return false;
      this.items.splice(oldestDisplay, 1);
      this.dropped++;
    }
    this.items.push(msg);
    return true;
  }

  drain(): QueuedMessage[] {
    const out = this.items;
    this.items = [];
    return out;
  }
}
