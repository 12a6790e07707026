/** The echo app on @mentraos/sdk (the built package in dist/): each final transcription becomes a text wall. */
import { AppServer } from '../../dist/index.js';
import { serveBench } from './ipc.mjs';

class EchoApp extends AppServer {
  async onSession(session) {
    session.events.onTranscription((data) => {
      if (data.isFinal) session.layouts.showTextWall(data.text);
    });
  }
}

const server = new EchoApp({
  packageName: process.env.BENCH_PACKAGE,
  apiKey: process.env.BENCH_API_KEY,
  port: 0,
  host: '127.0.0.1',
  trustedCloudHosts: ['127.0.0.1'],
});
await server.start();
serveBench('ours', server.getPort());
