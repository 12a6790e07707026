/**
 * Type test (compiled by test/types/earlier-releases.test.ts with `strict` on and off, and by
 * `npm run typecheck`): code written against earlier releases of the published SDKs, in the styles
 * public apps use, compiles against ours. Each block names the release that accepted it.
 */
import {
  AppServer,
  BitmapUtils,
  createAuthMiddleware,
  exchangeToken,
  GlassesToCloudMessageType,
  LayoutType,
  type StreamType,
  TpaServer,
  type EventData,
  type AppSession,
  type BitmapValidation,
  type ButtonPress,
  type ConnectionState,
  type LiveKitInfo,
  type PendingPhotoRequest,
  type SonioxToken,
  type ToolCall,
  type TranscriptionData,
  type TranscriptionMetadata,
} from '@mentraos/sdk';
import { createG1Toolkit, DisplayHelpers, ScrollView, TextMeasurer, TextWrapper, G1_PROFILE, type TruncateResult } from '@mentraos/sdk/display-utils';

/** 2.0-era apps override `stop()` as returning void and call `super.stop()` without awaiting it. */
export class StopsSynchronously extends AppServer {
  private timer: ReturnType<typeof setInterval> | undefined;

  public stop(): void {
    if (this.timer) clearInterval(this.timer);
    super.stop();
  }
}

/** 2.1-era apps override it as async and await the base. */
export class StopsAsynchronously extends AppServer {
  public async stop(): Promise<void> {
    await super.stop();
  }
}

/** 2.1-era callers await it or chain on the published `Promise<void>`. */
export async function callers(server: AppServer): Promise<void> {
  await server.stop();
  server.stop().then(
    () => undefined,
    () => undefined,
  );
}

/** An app's own test builds a ToolCall with a numeric timestamp (and a Date, and the cloud's string). */
export const numericToolCall = { toolId: 'weather', timestamp: Date.now(), userId: 'u@example.com', toolParameters: {} } as ToolCall;
export const typedToolCall: ToolCall = { toolId: 'weather', timestamp: Date.now(), userId: 'u@example.com', toolParameters: { city: 'Paris' } };
export const dateToolCall: ToolCall = { toolId: 'weather', timestamp: new Date(), userId: 'u@example.com', toolParameters: {} };
export const stringToolCall: ToolCall = { toolId: 'weather', timestamp: new Date().toISOString(), userId: 'u@example.com', toolParameters: {} };

/** The 2.0 and 2.1.x BitmapUtils names. */
export async function bitmaps(session: AppSession, file: string, raw: Buffer): Promise<void> {
  const fromData: string = await BitmapUtils.loadBmpFromDataAsBase64(raw);
  const check: BitmapValidation = BitmapUtils.validateBmpBase64(fromData);
  const ok: boolean = check.isValid;
  const errors: string[] = check.errors;
  const blacks: number = check.blackPixels;
  const hex: string = await BitmapUtils.loadBmpAsHex(file);
  const hexCheck: BitmapValidation = BitmapUtils.validateBmpHex(hex);
  const fromFile: string = await BitmapUtils.loadBmpFromFileAsBase64(file);
  if (ok && hexCheck.isValid) session.layouts.showBitmapView(fromFile, { durationMs: 1000 });
  void [errors, blacks];
}

/** display-utils as captions apps use it. */
export function captions(session: AppSession, text: string): void {
  const { measurer, wrapper, helpers } = createG1Toolkit();
  const cut: TruncateResult = helpers.truncateWithEllipsis(text, 300);
  const short: string = cut.text;
  const lines: string[] = helpers.truncateToLines(wrapper.wrapToLines(text), 3, true);
  const screen: string[] = helpers.fitToScreen(text, { breakMode: 'word' });
  const estimate: number = helpers.estimateLineCount(text);
  const chunks = helpers.splitIntoChunks(text).map((c) => `${c.index + 1}/${c.totalChunks}:${c.bytes}`);
  const tooBig: boolean = helpers.exceedsByteLimit(text) || helpers.calculateByteSize(text) > 390;
  const padded: string[] = helpers.padToLineCount(lines, 5);
  const page = helpers.paginate(text, { maxLines: 3 })[0];
  const m: TextMeasurer = helpers.getMeasurer();
  const detail = m.measureTextDetailed(text).chars?.map((c) => c.script);
  const scroll = new ScrollView(measurer, wrapper, 4);
  scroll.setContent(text, { breakMode: 'character' });
  scroll.appendContent(' more', { breakMode: 'character' }, true);
  scroll.scrollToLine(2, 'center');
  const view = scroll.getViewport();
  const truncated: boolean = view.contentTruncated;
  const own = new DisplayHelpers(new TextMeasurer(G1_PROFILE), new TextWrapper(new TextMeasurer(G1_PROFILE), { maxLines: 2 }));
  const wraps: boolean = own.getWrapper().needsWrap(text);
  session.layouts.showTextWall(helpers.joinLines(padded) || short || screen.join('\n') || page.lines.join('\n'));
  void [estimate, chunks, tooBig, detail, truncated, wraps, m.getMaxLines(), m.getByteSize(text), wrapper.getOptions().breakMode];
}

/** Members and types the published 2.1.28 / 2.1.29 declarations have. */
export async function publishedMembers(session: AppSession, pending: PendingPhotoRequest, link: LiveKitInfo, state: ConnectionState): Promise<void> {
  const instructions: string | null = await session.getInstructions();
  const count: number = session.camera.getPhotoPendingRequestCount();
  const ids: string[] = session.camera.getPhotoPendingRequestIds();
  session.events.onTranscription((data: TranscriptionData) => {
    const meta: TranscriptionMetadata | undefined = data.metadata;
    const tokens: SonioxToken[] = meta?.soniox?.tokens ?? [];
    const sid: string | undefined = data.sessionId;
    void [tokens, sid];
  });
  session.events.onButtonPress((b: ButtonPress) => void b.sessionId);
  const middleware = createAuthMiddleware({
    apiKey: 'k',
    packageName: 'p',
    cookieSecret: 's',
    getAppSessionForUser: (userId: string) => (userId ? session : null),
  });
  void [instructions, count, ids, middleware, pending.userId, link.roomName, state.wifi.hasInternet];
}

// ---------------------------------------------------------------- found in the published history before 2.1.28

/** 2.0.x: `session.streaming`, `session.requestPhoto()` (a URL) and the AugmentOS settings names on AppSession. */
export async function twoZeroSession(session: AppSession): Promise<string> {
  await session.streaming.requestStream({ rtmpUrl: 'rtmp://example.com/live' });
  session.streaming.onStatus((s) => void s.status);
  session.settings.onAugmentOSChange('metricSystemEnabled', (v: boolean) => void v);
  const units: boolean = session.settings.getAugmentOS('metricSystemEnabled', false);
  void units;
  // 2.0.x: the location stream without a handler; updates come through events.onLocation.
  session.location.subscribeToStream({ accuracy: 'high' });
  session.events.onLocation((l) => void l.lat);
  return session.requestPhoto({ saveToGallery: true });
}

/** Every release: exchangeToken resolves `{ userId }`; 2.1.x: showBitmapView returns a Promise. */
export async function webviewAndBitmap(session: AppSession, url: string, temp: string): Promise<string> {
  session.layouts.showBitmapView('Qk0=').catch((e: Error) => void e.message);
  const { userId } = await exchangeToken(url, temp, 'key', 'com.example.app');
  return userId;
}

/** 1.x: the temporary token's query parameter; the dashboard's layout and always-on writes. */
export const ownServerAuth = createAuthMiddleware({ apiKey: 'k', packageName: 'p', cookieSecret: 's', tokenQueryParam: 'token' });
export function legacyDashboard(session: AppSession): void {
  session.dashboard.content.writeToExpanded({ layoutType: LayoutType.TEXT_WALL, text: 'Hi' });
  session.dashboard.content.writeToAlwaysOn('3 new messages');
}

/** 1.x docs: a TpaServer's onToolCall typed with the root's ToolCall. */
export class LegacyTools extends TpaServer {
  protected async onToolCall(toolCall: ToolCall): Promise<string | undefined> {
    return toolCall.toolId;
  }
}

/** 2.0.x: the event data table, and the 1.x glasses message names. */
export const pressData = (d: EventData<StreamType.BUTTON_PRESS>): string => d.buttonId;
export const dismissed: GlassesToCloudMessageType = GlassesToCloudMessageType.NOTIFICATION_DISMISSED;
