/**
 * A value that tells its listeners when it changes. It has no listener until a value has arrived:
 * `onChange` calls back at once only when a value is known.
 *
 * An `Observable` is an object, so `if (state.wifiConnected)` is always true: compare `.value`
 * (`if (state.wifiConnected.value)`). `valueOf()` and `Symbol.toPrimitive` make `==`, arithmetic and
 * template strings see the value.
 */
export class Observable<T> {
  private _value: T;
  private listeners: Set<(value: T) => void> | undefined;
  private initialized = false;

  constructor(
    initialValue: T,
    private readonly onListenerError?: (e: unknown) => void,
  ) {
    this._value = initialValue;
  }

  /** The current value. */
  get value(): T {
    return this._value;
  }

  /** True once a value has been set (the initial value is a placeholder). */
  get isKnown(): boolean {
    return this.initialized;
  }

  /** The current value, for `==` and arithmetic. */
  valueOf(): T {
    return this._value;
  }

  /** The current value as a string. */
  toString(): string {
    return String(this._value);
  }

  /** The current value (as a string when a string is asked for), for `==`, arithmetic and template strings. */
  [Symbol.toPrimitive](hint: string): T | string {
    return hint === 'string' ? String(this._value) : this._value;
  }

  /** Calls `callback` on every change (and at once if a value is known). Returns an unsubscribe function. */
  onChange(callback: (value: T) => void): () => void {
    const listeners = (this.listeners ??= new Set());
    listeners.add(callback);
    if (this.initialized) this.call(callback);
    return () => void listeners.delete(callback);
  }

  /** Sets the value; listeners run on the first set and on every real change. */
  setValue(value: T): void {
    const first = !this.initialized;
    this.initialized = true;
    if (!first && Object.is(this._value, value)) return;
    this._value = value;
    if (this.listeners) for (const fn of [...this.listeners]) this.call(fn);
  }

  /** How many listeners are registered. */
  get listenerCount(): number {
    return this.listeners?.size ?? 0;
  }

  private call(fn: (value: T) => void): void {
    try {
      fn(this._value);
    } catch (e) {
      if (this.onListenerError) this.onListenerError(e);
      else console.error('An Observable listener threw:', e);
    }
  }
}
