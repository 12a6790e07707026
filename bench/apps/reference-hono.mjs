/**
 * The same echo app on @mentra/sdk 3.0.0-hono.8 (the devDependency `mentra-sdk-ref-hono`), written as its
 * template shows: `await app.start()` (which does not listen; its registry version check is caught by the
 * sink), then `Bun.serve` with `app.fetch`. Bun only: the package cannot be imported on Node.
 */
import { AppServer } from 'mentra-sdk-ref-hono';
import { serveBench } from './ipc.mjs';
import { serveFetch } from './serve-fetch.mjs';

class EchoApp extends AppServer {
  async onSession(session) {
    session.events.onTranscription((data) => {
      if (data.isFinal) session.layouts.showTextWall(data.text);
    });
  }
}

const app = new EchoApp({ packageName: process.env.BENCH_PACKAGE, apiKey: process.env.BENCH_API_KEY });
await app.start();
serveBench('reference-hono', await serveFetch(app.fetch));
