/**
 * The echo app on the Hono facade of @mentraos/sdk (dist/hono.js): the server does not listen; the app serves
 * `app.fetch` itself (Bun.serve on Bun, @hono/node-server on Node), as apps of the 3.0.0-hono line do.
 */
import { AppServer } from '../../dist/hono.js';
import { serveBench } from './ipc.mjs';
import { serveFetch } from './serve-fetch.mjs';

class EchoApp extends AppServer {
  async onSession(session) {
    session.events.onTranscription((data) => {
      if (data.isFinal) session.layouts.showTextWall(data.text);
    });
  }
}

const app = new EchoApp({
  packageName: process.env.BENCH_PACKAGE,
  apiKey: process.env.BENCH_API_KEY,
  trustedCloudHosts: ['127.0.0.1'],
  handleSignals: false,
});
await app.start();
serveBench('hono', await serveFetch(app.fetch));
