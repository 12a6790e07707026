/**
 * Opening one channel (control or stream) of a `mentraos dev` control server: the WebSocket, the
 * refusal turned into a ControlError, and the welcome frame every channel starts with. The control
 * client opens both and takes the sockets over.
 */
import { WebSocket } from 'ws';
import { ControlError, type WelcomeFrame } from '../protocol/control';

export interface Opened {
  ws: WebSocket;
  welcome: WelcomeFrame;
  /** Frames that arrived after the welcome, before the client took the socket over. */
  early: string[];
  detach: () => void;
}

/** Opens one channel of the control server and waits for its welcome frame. */
export function openChannel(url: string, channel: 'control' | 'stream', token: string | undefined): Promise<Opened> {
  const u = new URL(url);
  u.searchParams.set('channel', channel);
  const headers: Record<string, string> = token ? { authorization: `Bearer ${token}` } : {};
  const ws = new WebSocket(u, { headers, perMessageDeflate: false, maxPayload: 64 * 1024 * 1024 });
  return new Promise((resolve, reject) => {
    ws.once('unexpected-response', (_req, res) => {
      let body = '';
      res.on('data', (c: Buffer) => (body += c.toString()));
      res.on('end', () => {
        let message = body;
        try {
          message = JSON.parse(body).message ?? body;
        } catch {
          /* plain text */
        }
        reject(new ControlError('connection_refused', `The control server refused the connection (${res.statusCode}): ${message}`, res.statusCode));
      });
      res.on('error', () => reject(new ControlError('connection_refused', `The control server refused the connection (${res.statusCode})`, res.statusCode)));
    });
    ws.once('error', (e) => reject(new ControlError('connection_refused', `Could not connect to ${u.origin}: ${e.message}`)));
    const early: string[] = [];
    let greeted = false;
    const onMessage = (data: WebSocket.RawData) => {
      if (greeted) return void early.push(data.toString());
      greeted = true;
      try {
        const welcome = JSON.parse(data.toString());
        if (welcome?.type === 'welcome') return resolve({ ws, welcome, early, detach: () => ws.off('message', onMessage) });
      } catch {
        /* fall through */
      }
      ws.terminate();
      reject(new ControlError('bad_frame', 'The server did not greet with a welcome frame'));
    };
    ws.on('message', onMessage);
  });
}
