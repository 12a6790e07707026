/**
 * The tools of `mentraos mcp` for what the app declares and asks for: its settings and tools (from
 * app_config.json), answering its photo requests, and feeding microphone audio from a WAV file.
 */
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { ControlError } from '../../protocol/control';
import { imageMimeOf, testPhoto } from '../media';
import { defineTool, ok, type ToolContext } from './context';

/** Registers the settings, app-tool, photo and audio tools. */
export function appTools(ctx: ToolContext): void {
  const { z } = ctx;
  const wearer = z.string().min(1).max(200).optional().describe('The simulated wearer (user id). Default: the wearer started last');
  const client = () => ctx.target.client;
  const readInput = async (file: string) => {
    try {
      return await readFile(path.resolve(ctx.cwd, file));
    } catch (e) {
      throw new ControlError('invalid_input', `Cannot read ${file}: ${(e as NodeJS.ErrnoException).code ?? (e as Error).message}`);
    }
  };

  defineTool(
    ctx,
    'list_settings',
    "Lists the app's settings (from its app_config.json) with the wearer's current values.",
    { wearer },
    async (args) => {
      const users = (await client().listUsers()).users ?? [];
      const id = args.wearer !== undefined || users.length ? await ctx.wearer(args.wearer) : undefined;
      const res = await client().settingsList(id);
      const keys = (res.settings ?? []).filter((s) => s.type !== 'group').map((s) => `${s.key}=${JSON.stringify(s.value)}`);
      return ok(keys.length ? keys.join(', ') : `No settings declared (${res.source ?? 'no app_config.json'}).`, {
        source: res.source ?? null,
        settings: res.settings ?? [],
      });
    },
    { readOnlyHint: true },
  );

  defineTool(
    ctx,
    'change_setting',
    "The wearer changes one of the app's settings in the phone app: the value is checked against app_config.json and the app gets a settings update.",
    { key: z.string().min(1).max(200).describe('The setting key, as in app_config.json'), value: z.unknown().describe('The new value'), wearer },
    async (args) => {
      const id = await ctx.wearer(args.wearer);
      const res = await client().settingsSet(id, args.key, args.value);
      return ok(`${args.key} is now ${JSON.stringify(args.value)} for ${id}.`, { wearer: id, settings: res.settings ?? [] });
    },
  );

  defineTool(
    ctx,
    'list_app_tools',
    'Lists the tools the app offers the MentraOS assistant (from its app_config.json), with their parameters: call one with call_app_tool.',
    {},
    async () => {
      const res = await client().toolsList();
      const tools = res.tools ?? [];
      return ok(tools.length ? tools.map((t) => t.id).join(', ') : `No tools declared (${res.source ?? 'no app_config.json'}).`, {
        source: res.source ?? null,
        tools,
      });
    },
    { readOnlyHint: true },
  );

  defineTool(
    ctx,
    'call_app_tool',
    "Calls one of the app's own tools as the MentraOS assistant would (POST /tool to the app), for the wearer. Returns the app's reply.",
    {
      tool: z.string().min(1).max(200).describe('The tool id, as list_app_tools gives it'),
      parameters: z.record(z.string(), z.unknown()).optional().describe('The tool parameters'),
      wearer,
    },
    async (args) => {
      const id = await ctx.wearer(args.wearer);
      const res = await client().toolCall(id, args.tool, args.parameters ?? {});
      const reply = res.reply ?? null;
      return ok(`${args.tool} answered HTTP ${res.app_status}: ${typeof reply === 'string' ? reply : JSON.stringify(reply)}`, {
        wearer: id,
        tool: args.tool,
        app_status: res.app_status ?? null,
        reply,
      });
    },
  );

  defineTool(
    ctx,
    'answer_photo',
    "Answers the app's photo request as the glasses' camera: with the built-in test image (the default), an image file, or an error. Waits for a request when none is pending yet.",
    {
      file: z.string().min(1).max(1000).optional().describe('An image file (.png, .jpg, .jpeg, .webp, .gif), relative to the folder the server runs in'),
      error: z
        .object({ code: z.string().min(1).max(100), message: z.string().max(1000).optional() })
        .optional()
        .describe('Fail the request instead, e.g. {"code": "CAMERA_BUSY"}'),
      photo_request_id: z.string().max(200).optional().describe('Which request (default: the oldest pending one)'),
      timeout_ms: z.number().int().min(0).max(120_000).optional().describe('How long to wait for a request (default 10000)'),
      wearer,
    },
    async (args) => {
      if (args.file && args.error) throw new ControlError('invalid_input', 'Give "file" or "error", not both');
      const id = await ctx.wearer(args.wearer);
      const mime = args.file ? imageMimeOf(args.file) : 'image/png';
      if (!mime) throw new ControlError('invalid_input', `${args.file} is not a .jpg, .jpeg, .png, .webp or .gif file`);
      const image = args.error ? undefined : args.file ? await readInput(args.file) : testPhoto();
      const pending = await client().waitFor(
        () =>
          client()
            .users.get(id)
            ?.glasses.photo_requests.find((p) => !args.photo_request_id || p.photo_request_id === args.photo_request_id),
        args.timeout_ms ?? 10_000,
        `a photo request from the app for ${id}`,
      );
      const answer = image ? { image, mimeType: mime } : { error: { code: args.error!.code, message: args.error!.message ?? '' } };
      const res = await client().photoRespond(id, pending.photo_request_id, answer);
      const what = image ? `${args.file ?? 'the test image'} (${image.length} bytes)` : `error ${args.error!.code}`;
      return ok(`Answered photo request ${pending.photo_request_id} with ${what}.`, {
        wearer: id,
        photo_request_id: pending.photo_request_id,
        answered_with: image ? { file: args.file ?? null, mime_type: mime, bytes: image.length } : { error: args.error },
        delivery: res.delivery ?? null,
        app_status: res.app_status ?? null,
      });
    },
  );

  defineTool(
    ctx,
    'feed_audio',
    "Plays a WAV file (16 kHz mono 16-bit) as the wearer's microphone, in real time, with voice activity before and after. Returns once it has played.",
    { file: z.string().min(1).max(1000).describe('The WAV file, relative to the folder the server runs in'), wearer },
    async (args) => {
      const id = await ctx.wearer(args.wearer);
      const res = await client().audioFeed(id, await readInput(args.file));
      const note = res.delivered ? `Played ${res.duration_ms} ms of audio to the app for ${id}.` : 'The app does not subscribe to audio; nothing was sent.';
      return ok(note, { wearer: id, chunks: res.chunks ?? 0, bytes: res.bytes ?? 0, duration_ms: res.duration_ms ?? 0, delivered: !!res.delivered });
    },
  );
}
