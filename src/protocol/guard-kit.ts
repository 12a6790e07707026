/** Builders for the `is*` type guards (internal: not exported from the package root). */
export type Msg =
  | {
      /** The message type, if any. */
      type?: unknown;
    }
  | null
  | undefined;

const typeOf = (m: Msg): unknown => (m && typeof m === 'object' ? (m as { type?: unknown }).type : undefined);

/** A guard true when `message.type` is one of `types`. */
export function typeGuard<T>(...types: string[]): (m: Msg) => m is T & Msg {
  if (types.length === 1) {
    const [only] = types;
    return (m: Msg): m is T & Msg => typeOf(m) === only;
  }
  return (m: Msg): m is T & Msg => types.includes(typeOf(m) as string);
}
