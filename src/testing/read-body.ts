/** The test cloud's HTTP endpoints read their JSON bodies here: one bounded read, parsed once. */
import type { IncomingMessage } from 'node:http';

/**
 * The request's body parsed as JSON, or undefined when it is not JSON, the request failed, or the body grew
 * past `maxBytes` (the request is then destroyed).
 */
export function readJsonRequest(req: IncomingMessage, maxBytes: number): Promise<any> {
  return new Promise((resolve) => {
    const chunks: Buffer[] = [];
    let size = 0;
    req.on('data', (c: Buffer) => {
      size += c.length;
      if (size > maxBytes) req.destroy();
      else chunks.push(c);
    });
    req.on('end', () => {
      try {
        resolve(JSON.parse(Buffer.concat(chunks).toString('utf8')));
      } catch {
        resolve(undefined);
      }
    });
    req.on('error', () => resolve(undefined));
    req.on('close', () => resolve(undefined));
  });
}
