/** A small listener list per event name; every call is isolated and failures go to `report`. */
export type Listener = (...args: any[]) => unknown;

export class Emitter {
  /** Created on the first listener: most sessions never get one, and each session has an emitter. */
  private listeners: Map<string, Set<Listener>> | undefined;

  constructor(private readonly report: (err: unknown, event: string) => void) {}

  on(event: string, fn: Listener): () => void {
    const listeners = (this.listeners ??= new Map());
    let set = listeners.get(event);
    if (!set) listeners.set(event, (set = new Set()));
    set.add(fn);
    return () => void this.listeners?.get(event)?.delete(fn);
  }

  has(event: string): boolean {
    const set = this.listeners?.get(event);
    return !!set && set.size > 0;
  }

  emit(event: string, ...args: unknown[]): boolean {
    const set = this.listeners?.get(event);
    if (!set || set.size === 0) return false;
    for (const fn of [...set]) invokeIsolated(fn, args, (e) => this.report(e, event));
    return true;
  }

  clear(): void {
    this.listeners = undefined;
  }
}

/** Calls `fn(...args)`; a throw or a rejected promise goes to `onError`, never to the caller. */
export function invokeIsolated(fn: Listener, args: unknown[], onError: (e: unknown) => void): void {
  try {
    settle(fn(...args), onError);
  } catch (e) {
    onError(e);
  }
}

/** `invokeIsolated` with one argument (no array per call: the stream dispatch path). */
export function callIsolated(fn: Listener, arg: unknown, onError: (e: unknown) => void): void {
  try {
    settle(fn(arg), onError);
  } catch (e) {
    onError(e);
  }
}

function settle(r: unknown, onError: (e: unknown) => void): void {
  if (r && typeof (r as { then?: unknown }).then === 'function') (r as Promise<unknown>).then(undefined, onError);
}
