/**
 * Closing an HTTP server for good (`closeServer`), over real sockets on 127.0.0.1: idle keep-alive
 * connections and upgraded WebSockets are ended, the port is released, and the promise settles whether or
 * not the server's connections were tracked.
 */
import http from 'node:http';
import type { AddressInfo, Socket } from 'node:net';
import { WebSocket, WebSocketServer } from 'ws';
import { closeServer, trackConnections } from '../../src/core/http/server-close';

function listen(server: http.Server): Promise<number> {
  return new Promise((resolve) => server.listen(0, '127.0.0.1', () => resolve((server.address() as AddressInfo).port)));
}

/** A kept-alive GET: resolves once answered, with the client socket still open. */
function keptAliveGet(port: number, agent: http.Agent): Promise<void> {
  return new Promise((resolve, reject) => {
    http
      .get({ host: '127.0.0.1', port, path: '/', agent }, (res) => {
        res.resume();
        res.on('end', () => resolve());
      })
      .on('error', reject);
  });
}

const delay = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms).unref());
const closed = (ws: WebSocket) => new Promise<number>((resolve) => ws.once('close', (code) => resolve(code)));

describe('closeServer', () => {
  test('ends idle kept-alive connections and upgraded WebSockets of a tracked server, then releases the port', async () => {
    const server = trackConnections(http.createServer((_req, res) => res.end('ok')));
    const wss = new WebSocketServer({ server });
    const port = await listen(server);
    const agent = new http.Agent({ keepAlive: true });
    await keptAliveGet(port, agent);
    const ws = new WebSocket(`ws://127.0.0.1:${port}`);
    await new Promise((resolve, reject) => ws.once('open', resolve).once('error', reject));
    const wsClosed = closed(ws);
    const [socket] = Object.values(agent.freeSockets).flat();
    expect(socket).toBeDefined();
    const keptAliveClosed = new Promise<void>((resolve) => socket!.once('close', () => resolve()));

    await closeServer(server);
    await keptAliveClosed;
    expect(await wsClosed).toBeGreaterThan(0);
    expect(server.listening).toBe(false);
    // the port is free again
    const again = http.createServer();
    await new Promise<void>((resolve, reject) => again.once('error', reject).listen(port, '127.0.0.1', () => resolve()));
    await new Promise((resolve) => again.close(resolve));
    wss.close();
    agent.destroy();
  });

  test('tracking the same server twice keeps one record of its connections', async () => {
    const server = http.createServer((_req, res) => res.end('ok'));
    const before = server.listenerCount('connection');
    expect(trackConnections(server)).toBe(server);
    expect(trackConnections(server)).toBe(server);
    expect(server.listenerCount('connection')).toBe(before + 1);
    const port = await listen(server);
    const agent = new http.Agent({ keepAlive: true });
    await keptAliveGet(port, agent);
    await closeServer(server);
    expect(server.listening).toBe(false);
    agent.destroy();
  });

  test('an untracked server is closed too, its kept-alive connections ended', async () => {
    const server = http.createServer((_req, res) => res.end('ok'));
    const port = await listen(server);
    const agent = new http.Agent({ keepAlive: true });
    await keptAliveGet(port, agent);
    const [socket] = Object.values(agent.freeSockets).flat();
    const keptAliveClosed = new Promise<void>((resolve) => socket!.once('close', () => resolve()));
    await closeServer(server);
    await keptAliveClosed;
    expect(server.listening).toBe(false);
    agent.destroy();
  });

  test('when server.close never calls back (as on Bun 1.3), it settles once every tracked connection has closed', async () => {
    const server = trackConnections(http.createServer((_req, res) => res.end('ok')));
    const wss = new WebSocketServer({ server });
    const close = server.close.bind(server);
    server.close = (() => close()) as typeof server.close;
    const accepted: Socket[] = [];
    server.on('connection', (socket: Socket) => accepted.push(socket));
    const port = await listen(server);
    // one connection that has closed already, one kept alive, one WebSocket
    const once = new http.Agent({ keepAlive: false });
    await keptAliveGet(port, once);
    await new Promise<void>((resolve) => (accepted[0]!.destroyed ? resolve() : accepted[0]!.once('close', () => resolve())));
    const agent = new http.Agent({ keepAlive: true });
    await keptAliveGet(port, agent);
    const ws = new WebSocket(`ws://127.0.0.1:${port}`);
    await new Promise((resolve, reject) => ws.once('open', resolve).once('error', reject));
    const wsClosed = closed(ws);

    const settled = await Promise.race([closeServer(server).then(() => 'settled'), delay(10_000).then(() => 'still waiting')]);
    expect(settled).toBe('settled');
    expect(accepted).toHaveLength(3);
    expect(accepted.every((socket) => socket.destroyed)).toBe(true);
    expect(await wsClosed).toBeGreaterThan(0);
    wss.close();
    agent.destroy();
  });

  test('a server with no connection closes at once', async () => {
    const server = trackConnections(http.createServer());
    await listen(server);
    await closeServer(server);
    expect(server.listening).toBe(false);
  });
});
