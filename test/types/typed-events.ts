/**
 * Type test (compiled by `npm run typecheck` and by test/types/types.test.ts): `on` on `session.events`
 * and on the session types the handler from the stream-data map for a known stream, keeps the loose form
 * for any other string, and rejects a handler of the wrong type; `onSettingsUpdate` is a declared hook;
 * `onToolCall` is typed in its two published forms for callers and overriders alike.
 */
import {
  AppServer,
  type AppSession,
  type AppSetting,
  type ButtonPress,
  type DisconnectInfo,
  type HeadPosition,
  StreamType,
  type ToolCall,
  type TranscriptionData,
} from '@mentraos/sdk';

/** A payload type an app names itself, for a stream the SDK does not know. */
interface MyPayload {
  score: number;
}

export function knownStreams(session: AppSession): void {
  session.events.on(StreamType.BUTTON_PRESS, (press) => press.buttonId.toUpperCase());
  session.events.on('button_press', (press: ButtonPress) => press.pressType);
  session.events.on('head_position', (head) => head.position);
  session.events.on('transcription:fr-FR', (data) => data.text.length);
  session.events.on('translation:es-ES-to-en-US', (data) => data.translateLanguage);
  session.events.on('disconnected', (info: DisconnectInfo) => info.code);
  session.events.on('reconnected', (attempt) => attempt.toFixed());
  session.events.on('settings_update', (settings: Array<{ key: string }>) => settings.map((s) => s.key));
  session.events.on('error', (error) => error.message);
  // System events stay loosely typed, as the AugmentOS SDK had them: handlers annotated the way its apps did compile.
  session.events.on('error', (error: Error) => error.message);
  session.on(StreamType.TRANSCRIPTION, (data) => (data.isFinal ? data.text : ''));
  session.on('head_position', (head) => head.position);
  // The published explicit form: the type argument is the stream.
  session.events.on<StreamType.BUTTON_PRESS>(StreamType.BUTTON_PRESS, (press) => press.buttonId);
  session.on<'transcription:en-US'>('transcription:en-US', (data: TranscriptionData) => data.text);
}

export function wrongHandlers(session: AppSession): void {
  // @ts-expect-error a button press is not a head position
  session.events.on(StreamType.BUTTON_PRESS, (head: HeadPosition) => head.position);
  // @ts-expect-error a transcription has no buttonId
  session.events.on('transcription:en-US', (data) => data.buttonId);
  // @ts-expect-error the same on the session
  session.on('button_press', (data: TranscriptionData) => data.text);
  // @ts-expect-error a published explicit stream type checks the handler too
  session.events.on<StreamType.HEAD_POSITION>(StreamType.HEAD_POSITION, (press: ButtonPress) => press.buttonId);
}

export function looseStrings(session: AppSession, stream: string): void {
  // Any other string: the handler's data is `any`, or the type given explicitly.
  session.events.on('my_custom_stream', (data) => data.anything.at.all);
  session.events.on<MyPayload>('my_custom_stream', (data) => data.score.toFixed());
  session.on(stream, (data) => data.whatever);
  session.on<MyPayload>(stream, (data: MyPayload) => data.score);
  // An explicit data type asserts it, even for a known stream (today's loose form).
  session.events.on<{ buttonId: string }>(StreamType.BUTTON_PRESS, (data) => data.buttonId);
}

/** The optional hook is declared: overriding it with the wrong parameter types fails. */
export class WithSettingsHook extends AppServer {
  protected override async onSettingsUpdate(userId: string, settings: AppSetting[]): Promise<void> {
    this.logger.info(`${userId}: ${settings.length} settings`);
  }
}
export class WithWrongSettingsHook extends AppServer {
  // @ts-expect-error the first argument is the user id
  protected override onSettingsUpdate(userId: number, settings: AppSetting[]): void {
    void userId;
    void settings;
  }
}

/** onToolCall: each form may be called, with its own arguments only. */
export class CallsToolForms extends AppServer {
  async both(call: ToolCall): Promise<void> {
    await this.onToolCall(call);
    await this.onToolCall('get_weather', { city: 'Paris' }, 'user@example.com');
    // @ts-expect-error the three-argument form needs the args and the user id
    await this.onToolCall('get_weather');
    // @ts-expect-error the ToolCall form takes nothing more
    await this.onToolCall(call, {}, 'user@example.com');
  }
}
export class WrongToolOverride extends AppServer {
  // @ts-expect-error the user id is a string
  protected override async onToolCall(toolName: string, args: any, userId: number): Promise<any> {
    return { toolName, args, userId };
  }
}
