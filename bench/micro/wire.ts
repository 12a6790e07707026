/** The frames of the micro benchmark, the same as the socket benchmark's fake cloud sends (bench/cloud.mjs). */
export const PACKAGE = 'com.mentraos.bench.micro';
export const API_KEY = 'bench-api-key-0123456789abcdef';
export const CLOUD_URL = 'ws://127.0.0.1:9/app-ws';
export const STREAM = 'transcription:en-US';

export const ACK_FRAME = JSON.stringify({
  type: 'tpa_connection_ack',
  sessionId: 'bench-0',
  settings: [],
  augmentosSettings: { useOnboardMic: false, contextualDashboard: true, headUpAngle: 20, brightness: 50, autoBrightness: false, sensingEnabled: true },
  capabilities: { modelName: 'Even Realities G1', hasCamera: false, hasDisplay: true, hasMicrophone: true, hasSpeaker: false, hasIMU: true },
  timestamp: '2026-12-04T20:00:00.000Z',
});

export const EVENT_FRAME =
  '{"type":"data_stream","sessionId":"bench-0","streamType":"transcription:en-US","data":{"type":"transcription",' +
  '"text":"#1 the quick brown fox jumps over the lazy dog","isFinal":true,"transcribeLanguage":"en-US","startTime":0,"endTime":1800,' +
  '"speakerId":"0","duration":1800},"timestamp":"2026-12-04T20:00:00.000Z"}';

/** A `session_request` webhook body, parsed (as the HTTP layer hands it on). */
export function sessionRequest(n: number): Record<string, unknown> {
  return {
    type: 'session_request',
    sessionId: `bench-${n}`,
    userId: `user-${n}@example.com`,
    timestamp: '2026-12-04T20:00:00.000Z',
    augmentOSWebsocketUrl: CLOUD_URL,
  };
}

const INIT = '{"type":"tpa_connection_init"';
const SUBSCRIPTIONS = '{"type":"subscription_update"';

/** What the cloud end of the in-memory sockets counts: frames written, and the last one. */
export class Sink {
  frames = 0;
  bytes = 0;
  last = '';
  /** Called once a subscription update arrives (a session start is complete). */
  onSubscribed: (() => void) | undefined;

  /** Counts one frame; answers an init with the ack (a cloud's part, outside the app's work). */
  take(text: string, ack: () => void): void {
    this.frames++;
    this.bytes += text.length;
    this.last = text;
    if (text.startsWith(INIT)) ack();
    else if (text.startsWith(SUBSCRIPTIONS)) this.onSubscribed?.();
  }
}
