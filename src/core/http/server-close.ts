/**
 * Closing an HTTP server for good, the same way on Node and on Bun. `server.close(cb)` stops listening and
 * calls back once every connection has ended; `closeAllConnections()` ends them. Bun 1.3 never calls that
 * callback (nor emits `close`) once a WebSocket the server upgraded was terminated from the server side,
 * although the port and the socket are released. So the server's connections are tracked from the start,
 * and the close is complete when the callback comes or when every tracked connection has closed.
 */
import type { Server } from 'node:http';
import type { Socket } from 'node:net';

const openConnections = new WeakMap<Server, Set<Socket>>();

/** Tracks the server's connections for {@link closeServer}; call it before the server accepts any. Returns the server. */
export function trackConnections<S extends Server>(server: S): S {
  if (openConnections.has(server)) return server;
  const open = new Set<Socket>();
  openConnections.set(server, open);
  server.on('connection', (socket: Socket) => {
    open.add(socket);
    socket.once('close', () => open.delete(socket));
  });
  return server;
}

/** Stops listening, ends every connection (upgraded WebSockets included) and resolves once all are closed. */
export function closeServer(server: Server): Promise<void> {
  const open = [...(openConnections.get(server) ?? [])];
  const closedCallback = new Promise<void>((resolve) => server.close(() => resolve()));
  // Stryker disable next-line OptionalChaining: equivalent, every supported runtime has closeAllConnections (EQUIVALENT_MUTANTS.md)
  server.closeAllConnections?.();
  const socketsClosed = Promise.all(
    open.map(
      (socket) =>
        new Promise<void>((resolve) => {
          socket.once('close', () => resolve());
          socket.destroy();
        }),
    ),
  ).then(nextTurn);
  return Promise.race([closedCallback, openConnections.has(server) ? socketsClosed : closedCallback]);
}

/** Settles on the next turn of the event loop, once the 'close' listeners of the sockets just closed have run. */
// Stryker disable next-line BlockStatement: equivalent, settling one turn earlier is not observable (EQUIVALENT_MUTANTS.md)
function nextTurn(): Promise<void> {
  return new Promise((resolve) => setImmediate(resolve));
}
