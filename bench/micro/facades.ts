/**
 * The facades the micro benchmark drives. Adding one is one entry: its name, how to load its server class
 * and, when it is not an `AppServer` at run time, how to reach the session engine behind an instance.
 */
import { engineOwnedBy, type SessionEngine } from '../../src/core/engine';

/** A server class as the benchmark uses it: constructed with the options, `onSession` overridden. */
export type ServerClass = new (config: Record<string, unknown>) => object;

export interface Facade {
  /** The row label. */
  name: string;
  load(): Promise<ServerClass>;
  /** The engine behind an instance (default: the AppServer's host). */
  engineOf?(server: object): SessionEngine | Promise<SessionEngine>;
}

export const FACADES: Facade[] = [
  { name: 'AppServer', load: async () => (await import('../../src/app/server')).AppServer as unknown as ServerClass },
  { name: 'TpaServer', load: async () => (await import('../../compat/server')).TpaServer as unknown as ServerClass },
  {
    // The 3.0.0-hono facade: a Hono app at run time, its engine found through the owner registry every facade fills.
    name: 'AppServer (hono)',
    load: async () => (await import('../../src/hono/server')).AppServer as unknown as ServerClass,
    engineOf: (server) => {
      const engine = engineOwnedBy(server);
      if (!engine) throw new Error('the Hono AppServer registered no engine');
      return engine;
    },
  },
];

/** The engine of a server built from `facade`. */
export async function engineOf(facade: Facade, server: object): Promise<SessionEngine> {
  if (facade.engineOf) return facade.engineOf(server);
  const { hostOf } = await import('../../src/app/server');
  return hostOf(server as Parameters<typeof hostOf>[0]).engine;
}
