/**
 * The same echo app on @mentra/sdk 2.1.29 (installed as the devDependency `mentra-sdk-ref`), written the
 * way its documentation shows. `BENCH_REF_LOG_LEVEL` (optional) sets the level of the server's pino logger,
 * which the per-session loggers inherit: the package itself honours no log-level variable.
 */
import { AppServer } from 'mentra-sdk-ref';
import { serveBench } from './ipc.mjs';

class EchoApp extends AppServer {
  async onSession(session) {
    session.events.onTranscription((data) => {
      if (data.isFinal) session.layouts.showTextWall(data.text);
    });
  }
}

const port = Number(process.env.BENCH_APP_PORT);
const server = new EchoApp({
  packageName: process.env.BENCH_PACKAGE,
  apiKey: process.env.BENCH_API_KEY,
  port,
});
if (process.env.BENCH_REF_LOG_LEVEL) server.logger.level = process.env.BENCH_REF_LOG_LEVEL;
await server.start(); // listens (bound to 127.0.0.1 by the guard) and phones home (caught by the sink)
serveBench('reference', port);
