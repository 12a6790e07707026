/**
 * The input tools of `mentraos mcp`: what the wearer says and does and what the phone reports (speech, the
 * button, touch, the head, notifications, battery, location, calendar), each sent to the app as the cloud does.
 */
import type { InputPayload } from '../../protocol/control';
import { defineTool, ok, type Shape, type ToolContext } from './context';

/** Registers one tool per input the wearer or the phone can make. */
export function inputTools(ctx: ToolContext): void {
  const { z } = ctx;
  const wearer = z.string().min(1).max(200).optional().describe('The simulated wearer (user id). Default: the wearer started last');

  /** One input tool: its arguments become the control protocol's input, sent to the chosen wearer. */
  const input = <S extends Shape>(name: string, description: string, shape: S, toInput: (args: Record<string, any>) => InputPayload) =>
    defineTool(
      ctx,
      name,
      `${description} Returns how many messages reached the app (0: the app does not subscribe to it).`,
      { ...shape, wearer },
      async (args) => {
        const id = await ctx.wearer(args.wearer as string | undefined);
        const payload = toInput(args);
        const delivered = await ctx.target.client.input(id, payload);
        const note = delivered
          ? `Sent ${payload.kind} to the app for ${id}.`
          : `The app does not subscribe to this ${payload.kind} (kind or language) for ${id}; nothing was sent.`;
        return ok(note, { wearer: id, kind: payload.kind, delivered });
      },
    );

  input(
    'speak',
    'The wearer says something: a transcription reaches the app (final by default; interim results have final: false). Any language tag.',
    {
      text: z.string().max(10_000).describe('What the wearer says'),
      final: z.boolean().optional().describe('A final transcription (default true) or an interim one'),
      language: z.string().max(40).optional().describe('Language tag, e.g. en-US (default), fr-FR, ja-JP'),
    },
    (a) => ({ kind: 'transcription', text: a.text, final: a.final ?? true, language: a.language ?? 'en-US' }),
  );
  input(
    'press_button',
    'The wearer presses a button on the glasses (short by default).',
    {
      button: z.string().max(100).optional().describe('Button id (default "main")'),
      long: z.boolean().optional().describe('A long press (default false)'),
    },
    (a) => ({ kind: 'button', button_id: a.button ?? 'main', press: a.long ? 'long' : 'short' }),
  );
  input(
    'touch_gesture',
    'The wearer touches the glasses: a gesture such as single_tap, double_tap, forward_swipe, backward_swipe.',
    { gesture: z.string().min(1).max(100).describe('The gesture, e.g. single_tap') },
    (a) => ({ kind: 'touch', gesture: a.gesture }),
  );
  input(
    'move_head',
    'The wearer looks up or down (the glasses report the head position; looking up usually shows the dashboard).',
    { position: z.enum(['up', 'down']).describe('up or down') },
    (a) => ({ kind: 'head', position: a.position }),
  );
  input(
    'send_notification',
    "A notification arrives on the wearer's phone.",
    {
      app: z.string().min(1).max(200).describe('The app it comes from, e.g. Messages'),
      title: z.string().max(1000).describe('Its title'),
      content: z.string().max(10_000).describe('Its text'),
    },
    (a) => ({ kind: 'notification', app: a.app, title: a.title, content: a.content }),
  );
  input(
    'set_battery',
    "The glasses' battery level changes.",
    {
      level: z.number().min(0).max(100).describe('Percent, 0 to 100'),
      charging: z.boolean().optional().describe('Charging (default false)'),
    },
    (a) => ({ kind: 'battery', level: a.level, charging: a.charging ?? false }),
  );
  input(
    'set_location',
    "The phone reports the wearer's location.",
    {
      lat: z.number().min(-90).max(90).describe('Latitude'),
      lng: z.number().min(-180).max(180).describe('Longitude'),
      accuracy: z.number().min(0).optional().describe('Accuracy in metres'),
    },
    (a) => ({ kind: 'location', lat: a.lat, lng: a.lng, ...(a.accuracy === undefined ? {} : { accuracy: a.accuracy }) }),
  );
  input(
    'add_calendar_event',
    "An event appears in the wearer's calendar.",
    {
      title: z.string().min(1).max(1000).describe('The event'),
      start: z.string().max(100).optional().describe('Start, ISO 8601 (default now)'),
      end: z.string().max(100).optional().describe('End, ISO 8601'),
      location: z.string().max(1000).optional().describe('Where'),
    },
    (a) => ({
      kind: 'calendar',
      title: a.title,
      ...(a.start === undefined ? {} : { start: a.start }),
      ...(a.end === undefined ? {} : { end: a.end }),
      ...(a.location === undefined ? {} : { location: a.location }),
    }),
  );
}
