/**
 * The answer to a request Node's HTTP parser gave up on (the server's `clientError`), on real TCP sockets:
 * the server end of each connection is handed to `answerClientError` with the error Node would report, and the
 * client reads what arrives. The cases a test over the whole server cannot reach in reasonable time: Node's
 * request timeout (checked every 30 s), a client that reset its connection, and a socket that can no longer
 * be written.
 */
import { once } from 'node:events';
import { connect, createServer, type Server, type Socket } from 'node:net';
import { answerClientError } from '../../src/core/http/inbound';

let server: Server;
let port: number;
/** What to do with the server's end of the next connection. */
let onConnection: (socket: Socket) => void = () => {};

beforeAll(async () => {
  server = createServer((socket) => onConnection(socket));
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  port = (server.address() as { port: number }).port;
});
afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

/** Opens a connection, lets `serve` act on the server's end, and returns everything the client read before the close. */
function exchange(serve: (socket: Socket) => void): Promise<string> {
  onConnection = serve;
  return new Promise<string>((resolve) => {
    const client = connect(port, '127.0.0.1');
    let answer = '';
    client.setEncoding('utf8');
    client.on('data', (c) => (answer += c));
    client.on('error', () => {});
    client.on('close', () => resolve(answer));
  });
}

const codeError = (code: string) => Object.assign(new Error(code), { code });

/** The head lines and the JSON body of a raw answer. */
function parse(raw: string): { head: string[]; body: unknown } {
  const [head, body] = raw.split('\r\n\r\n');
  return { head: head.split('\r\n'), body: JSON.parse(body) };
}

test("Node's request timeout is answered 408 in JSON, with an exact length, and the connection closed", async () => {
  const { head, body } = parse(await exchange((socket) => answerClientError(codeError('ERR_HTTP_REQUEST_TIMEOUT'), socket)));
  const text = JSON.stringify(body);
  expect(head).toEqual([
    'HTTP/1.1 408 Request Timeout',
    'Content-Type: application/json; charset=utf-8',
    `Content-Length: ${Buffer.byteLength(text)}`,
    'Connection: close',
  ]);
  expect(body).toEqual({ status: 'error', message: 'The request did not arrive in time' });
});

test('any other parse failure is a 400 that names it as not HTTP', async () => {
  const { head, body } = parse(await exchange((socket) => answerClientError(codeError('HPE_INVALID_METHOD'), socket)));
  expect(head[0]).toBe('HTTP/1.1 400 Bad Request');
  expect(body).toEqual({ status: 'error', message: 'The request is not valid HTTP' });
});

test('a client that reset its connection is not answered: the socket is dropped', async () => {
  let destroyed = false;
  const answer = await exchange((socket) => {
    answerClientError(codeError('ECONNRESET'), socket);
    destroyed = socket.destroyed;
  });
  expect(answer).toBe('');
  expect(destroyed).toBe(true);
});

test('a socket that can no longer be written is dropped without a write (which would fail)', async () => {
  const errors: Error[] = [];
  let destroyed = false;
  const answer = await exchange((socket) => {
    socket.on('error', (e) => errors.push(e));
    socket.end();
    answerClientError(codeError('HPE_INVALID_METHOD'), socket);
    destroyed = socket.destroyed;
  });
  // let a failed write report itself, were there one
  await new Promise((resolve) => setImmediate(resolve));
  expect({ answer, destroyed, errors }).toEqual({ answer: '', destroyed: true, errors: [] });
});
