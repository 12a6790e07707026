/**
 * The recent lines of the app's output and of the local cloud's log, as `read_log` and the log resource show
 * them: `[app] ...` and `[cloud] ...`, oldest first, at most `limit` kept. Listeners hear of each new line.
 */
export class LogBuffer {
  private readonly lines: string[] = [];
  private readonly listeners = new Set<() => void>();
  /** How many lines were ever added (lines dropped for room included). */
  total = 0;

  constructor(private readonly limit = 2000) {}

  /** Adds a line (or several, split at newlines) from the app's output or the cloud's log. */
  add(source: 'app' | 'cloud', line: string): void {
    for (const part of line.split(/\r?\n/)) {
      if (!part) continue;
      this.lines.push(`[${source}] ${part}`);
      this.total++;
      if (this.lines.length > this.limit) this.lines.shift();
    }
    for (const fn of [...this.listeners]) fn();
  }

  /** The last `count` lines (all kept lines without it), those containing `filter` when given. */
  tail(count?: number, filter?: string): string[] {
    const kept = filter ? this.lines.filter((l) => l.includes(filter)) : this.lines;
    return count === undefined ? [...kept] : kept.slice(-count);
  }

  /** Calls `fn` after each new line; returns the unsubscribe function. */
  onChange(fn: () => void): () => void {
    this.listeners.add(fn);
    return () => this.listeners.delete(fn);
  }
}
