/**
 * The soak's loopback TCP proxy between the app and its fake cloud, with faults on command:
 *   drop(n)            n random links reset at once (both sides destroyed, nothing flushed);
 *   spike(n, ms)       n random links frozen for `ms` (nothing read or forwarded), then released;
 *   halfOpen(n, ms)    n random links frozen for good: no FIN, no RST, until the app gives up on them
 *                      (they are destroyed silently after `ms`);
 *   refuse(ms)         new connections are accepted and reset at once for `ms`.
 * When the cloud behind it is down, a new link is reset as soon as the connection to the cloud fails.
 */
import { connect, createServer } from 'node:net';

export class FaultyProxy {
  constructor(targetPort) {
    this.targetPort = targetPort;
    this.links = new Set();
    this.refuseUntil = 0;
    this.counters = { accepted: 0, refused: 0, dropped: 0, spiked: 0, halfOpened: 0, upstreamFailed: 0 };
  }

  async listen() {
    this.server = createServer((a) => this.onConnection(a));
    await new Promise((resolve) => this.server.listen(0, '127.0.0.1', resolve));
    this.port = this.server.address().port;
  }

  onConnection(a) {
    a.on('error', () => {});
    if (performance.now() < this.refuseUntil) {
      this.counters.refused++;
      return reset(a);
    }
    this.counters.accepted++;
    const b = connect(this.targetPort, '127.0.0.1');
    b.on('error', () => {});
    const link = { a, b, frozen: false, connected: false };
    this.links.add(link);
    const forward = (from, to) => {
      from.on('data', (d) => {
        if (!to.write(d)) from.pause();
      });
      to.on('drain', () => {
        if (!link.frozen) from.resume();
      });
      from.on('end', () => to.end());
    };
    b.on('connect', () => {
      link.connected = true;
    });
    forward(a, b);
    forward(b, a);
    const gone = () => {
      this.links.delete(link);
      if (!link.connected) this.counters.upstreamFailed++;
      // Whatever is still buffered for the other side is written before it closes.
      setTimeout(() => {
        a.destroy();
        b.destroy();
      }, 1000).unref();
    };
    a.on('close', gone);
    b.on('close', () => {
      if (!link.connected) reset(a);
      gone();
    });
  }

  pickLinks(n) {
    const open = [...this.links].filter((l) => l.connected && !l.frozen);
    const out = [];
    for (let i = 0; i < n && open.length > 0; i++) out.push(open.splice(Math.floor(Math.random() * open.length), 1)[0]);
    return out;
  }

  drop(n) {
    for (const l of this.pickLinks(n)) {
      this.counters.dropped++;
      this.links.delete(l);
      reset(l.a);
      reset(l.b);
    }
  }

  freeze(l) {
    l.frozen = true;
    l.a.pause();
    l.b.pause();
  }

  spike(n, ms) {
    for (const l of this.pickLinks(n)) {
      this.counters.spiked++;
      this.freeze(l);
      setTimeout(() => {
        l.frozen = false;
        l.a.resume();
        l.b.resume();
      }, ms).unref();
    }
  }

  halfOpen(n, ms) {
    for (const l of this.pickLinks(n)) {
      this.counters.halfOpened++;
      this.freeze(l);
      setTimeout(() => {
        this.links.delete(l);
        l.a.destroy();
        l.b.destroy();
      }, ms).unref();
    }
  }

  refuse(ms) {
    this.refuseUntil = performance.now() + ms;
  }

  async close() {
    for (const l of this.links) {
      l.a.destroy();
      l.b.destroy();
    }
    await new Promise((resolve) => this.server.close(() => resolve()));
  }
}

function reset(socket) {
  if (typeof socket.resetAndDestroy === 'function' && socket.readyState !== 'opening') socket.resetAndDestroy();
  else socket.destroy();
}
