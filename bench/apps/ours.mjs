/**
 * The echo app on @mentraos/sdk (the built package in dist/): each final transcription becomes a text wall.
 * `BENCH_DIST` points it at another build instead (the harness's `--baseline-dist`, to compare two builds).
 */
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { serveBench } from './ipc.mjs';

const entry = process.env.BENCH_DIST ? pathToFileURL(path.resolve(process.env.BENCH_DIST, 'index.js')).href : '../../dist/index.js';
const { AppServer } = await import(entry);

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
serveBench(process.env.BENCH_DIST ? 'baseline' : 'ours', server.getPort());
