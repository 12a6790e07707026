import crypto from 'node:crypto';
import { AppServer, GIVE_APP_CONTROL_OF_TOOL_RESPONSE, type AppSession, type ErrorContext, type ToolCall } from '../../src';
import { createTestCloud, type TestCloud } from '../../src/testing';
import { API_KEY, appConfig, captureLogger, started } from '../helpers/apps';

const KEY_HASH = crypto.createHash('sha256').update(API_KEY).digest('hex');

/** The @mentra/sdk form: one ToolCall argument. */
class ToolCallApp extends AppServer {
  readonly calls: ToolCall[] = [];
  reply: unknown = 'done';
  protected override async onToolCall(toolCall: ToolCall): Promise<any> {
    this.calls.push(toolCall);
    if (toolCall.toolId === 'explode') throw new Error('the tool blew up');
    if (toolCall.toolId === 'silent') throw new Error('');
    if (toolCall.toolId === 'show') toolCall.activeSession?.layouts.showTextWall(`tool says ${String(toolCall.toolParameters.text)}`);
    return this.reply;
  }
}

/** The form in the MentraOS docs: (toolName, args, userId). */
class DocsFormApp extends AppServer {
  readonly calls: unknown[][] = [];
  protected override async onToolCall(toolName: string, args: any, userId: string): Promise<any> {
    this.calls.push([toolName, args, userId]);
    return `${toolName} for ${userId}: ${args.city}`;
  }
}

async function post(port: number, body: unknown, headers: Record<string, string> = { 'X-App-API-Key': KEY_HASH }) {
  const res = await fetch(`http://127.0.0.1:${port}/tool`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...headers },
    body: JSON.stringify(body),
  });
  return { status: res.status, contentType: res.headers.get('content-type') ?? '', body: (await res.json()) as any };
}

const call = (extra: Record<string, unknown> = {}) => ({
  toolId: 'weather',
  toolParameters: { city: 'Paris' },
  timestamp: new Date().toISOString(),
  userId: 'wearer@example.com',
  ...extra,
});

describe('POST /tool and GET /tool', () => {
  let cloud: TestCloud;
  let errors: Array<{ error: Error; context: ErrorContext }>;
  let app: ToolCallApp;
  beforeEach(async () => {
    cloud = await createTestCloud();
    errors = [];
    app = await started(new ToolCallApp(appConfig({ onError: (error, context) => void errors.push({ error, context }) })));
  });
  afterEach(async () => {
    await app.stop();
    await cloud.close();
  });

  test('a signed call without a live session gets the reply, with activeSession null', async () => {
    const res = await post(app.getPort(), call());
    expect(res).toEqual({ status: 200, contentType: expect.stringContaining('application/json'), body: { status: 'success', reply: 'done' } });
    expect(app.calls).toHaveLength(1);
    expect(app.calls[0]).toMatchObject({ toolId: 'weather', toolParameters: { city: 'Paris' }, userId: 'wearer@example.com', activeSession: null });
  });

  test('a call for a user with a live session gets that AppSession, which can show a layout', async () => {
    const user = await cloud.startSession({ app });
    const res = await user.callTool('show', { text: 'hi' });
    expect(res).toEqual({ status: 200, body: { status: 'success', reply: 'done' } });
    const session = app.calls[0].activeSession as AppSession;
    expect(session.getSessionId()).toBe(user.sessionId);
    await user.waitForDisplay('tool says hi');
    expect(user.wire.find((r) => r.msg?.path === '/tool')?.msg).toMatchObject({ toolId: 'show', userId: user.userId });
  });

  test("another user's call does not get this user's session", async () => {
    await cloud.startSession({ app, userId: 'someone@example.com' });
    await post(app.getPort(), call({ userId: 'someone' }));
    expect(app.calls[0].activeSession).toBeNull();
  });

  test('an undefined reply is sent as null; GIVE_APP_CONTROL_OF_TOOL_RESPONSE passes through', async () => {
    app.reply = undefined;
    expect((await post(app.getPort(), call())).body).toEqual({ status: 'success', reply: null });
    app.reply = GIVE_APP_CONTROL_OF_TOOL_RESPONSE;
    expect((await post(app.getPort(), call())).body).toEqual({ status: 'success', reply: 'GIVE_APP_CONTROL_OF_TOOL_RESPONSE' });
    expect(GIVE_APP_CONTROL_OF_TOOL_RESPONSE).toBe('GIVE_APP_CONTROL_OF_TOOL_RESPONSE');
  });

  test('a throwing onToolCall answers 500 JSON with its message and reaches onError', async () => {
    const res = await post(app.getPort(), call({ toolId: 'explode' }));
    expect(res.status).toBe(500);
    expect(res.contentType).toContain('application/json');
    expect(res.body).toEqual({ status: 'error', message: 'the tool blew up' });
    expect(errors).toHaveLength(1);
    expect(errors[0].error.message).toBe('the tool blew up');
    expect(errors[0].context).toMatchObject({ phase: 'onToolCall', userId: 'wearer@example.com' });
    expect((await post(app.getPort(), call())).status).toBe(200);
  });

  test('an error message carrying the API key is redacted before it leaves', async () => {
    class Leaky extends AppServer {
      protected override async onToolCall(): Promise<any> {
        throw new Error(`cannot use key ${API_KEY}`);
      }
    }
    const leaky = await started(new Leaky(appConfig({ onError: () => {} })));
    try {
      const res = await post(leaky.getPort(), call());
      expect(res.body).toEqual({ status: 'error', message: 'cannot use key [redacted]' });
    } finally {
      await leaky.stop();
    }
  });

  test.each([
    ['no toolId', { toolParameters: {}, userId: 'u' }, /"toolId"/],
    ['a numeric toolId', { toolId: 5, userId: 'u' }, /"toolId"/],
    ['no userId', { toolId: 't' }, /"userId"/],
    ['toolParameters as an array', { toolId: 't', userId: 'u', toolParameters: [1] }, /toolParameters/],
    ['a JSON array', [1, 2], /JSON object/],
    ['an empty toolId', { toolId: '', userId: 'u' }, /"toolId" as a non-empty string of at most 512 characters/],
    ['a toolId of 513 characters', { toolId: 't'.repeat(513), userId: 'u' }, /"toolId"/],
    ['an empty userId', { toolId: 't', userId: '' }, /"userId" as a non-empty string of at most 512 characters/],
    ['a userId of 513 characters', { toolId: 't', userId: 'u'.repeat(513) }, /"userId"/],
    ['toolParameters as a string', { toolId: 't', userId: 'u', toolParameters: 'city=Paris' }, /^The tool call "toolParameters" must be an object$/],
  ])('a body with %s is answered 400 JSON and the app is not called', async (_name, body, reason) => {
    const res = await post(app.getPort(), body);
    expect(res.status).toBe(400);
    expect(res.body.status).toBe('error');
    expect(res.body.message).toMatch(reason);
    expect(app.calls).toHaveLength(0);
  });

  test('ids of 512 characters are taken; missing or null parameters reach the app as {}', async () => {
    const long = call({ toolId: 't'.repeat(512), userId: 'u'.repeat(512) });
    expect((await post(app.getPort(), long)).status).toBe(200);
    const { toolParameters: _none, ...bare } = call();
    expect((await post(app.getPort(), bare)).status).toBe(200);
    expect((await post(app.getPort(), call({ toolParameters: null }))).status).toBe(200);
    expect(app.calls.map((c) => [c.toolId.length, c.userId.length, c.toolParameters])).toEqual([
      [512, 512, { city: 'Paris' }],
      [7, 18, {}],
      [7, 18, {}],
    ]);
  });

  test("the call's timestamp reaches the app as sent (a string or a number), else the time it arrived", async () => {
    const before = Date.now();
    for (const timestamp of ['2026-12-05T10:00:00.000Z', 1_733_392_800_000, { at: 'noon' }, undefined]) {
      expect((await post(app.getPort(), call({ timestamp }))).status).toBe(200);
    }
    const [asString, asNumber, ...replaced] = app.calls.map((c) => c.timestamp);
    expect([asString, asNumber]).toEqual(['2026-12-05T10:00:00.000Z', 1_733_392_800_000]);
    for (const t of replaced) {
      expect(t).toEqual(expect.stringMatching(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/));
      expect(Date.parse(t as string)).toBeGreaterThanOrEqual(before - 1000);
    }
  });

  test('a tool failing with an empty message, or a reply that is not JSON, is answered 500 with a reason', async () => {
    const res = await post(app.getPort(), call({ toolId: 'silent' }));
    expect(res).toMatchObject({ status: 500, body: { status: 'error', message: 'Unknown error occurred calling tool' } });
    const logger = captureLogger();
    const logged = await started(new ToolCallApp(appConfig({ logger, onError: () => {} })));
    try {
      logged.reply = { count: 1n };
      const bad = await post(logged.getPort(), call());
      expect(bad).toMatchObject({ status: 500, body: { status: 'error', message: 'The tool reply could not be serialised as JSON' } });
      expect(logger.lines.filter((l) => l.level === 'error').map((l) => l.text)).toEqual([expect.stringMatching(/^The reply of tool weather is not JSON: \S/)]);
      logged.reply = 'fine again';
      expect((await post(logged.getPort(), call())).body).toEqual({ status: 'success', reply: 'fine again' });
    } finally {
      await logged.stop();
    }
  });

  test("GET /tool answers the earlier SDKs' liveness reply without calling the app", async () => {
    const res = await fetch(`http://127.0.0.1:${app.getPort()}/tool`);
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ status: 'success', reply: 'Hello, world!' });
    expect(app.calls).toHaveLength(0);
  });
});

describe('pitfall 7.1.3: unauthenticated /tool is refused', () => {
  let app: ToolCallApp;
  beforeEach(async () => {
    app = await started(new ToolCallApp(appConfig()));
  });
  afterEach(() => app.stop());

  test.each([
    ['no header', {}, /^Missing X-TPA-API-Key or X-App-API-Key header: tool calls must come from the cloud$/],
    ['the plain API key instead of its hash', { 'X-App-API-Key': API_KEY }, /Invalid/],
    ['the hash of another key', { 'X-App-API-Key': crypto.createHash('sha256').update('other-key').digest('hex') }, /Invalid/],
    ['an empty header', { 'X-App-API-Key': '' }, /Invalid/],
  ])('%s → 401 JSON and onToolCall never runs', async (_name, headers, reason) => {
    const res = await post(app.getPort(), call(), headers);
    expect(res.status).toBe(401);
    expect(res.body.status).toBe('error');
    expect(res.body.message).toMatch(reason);
    expect(res.body.message).not.toContain(API_KEY);
    expect(app.calls).toHaveLength(0);
  });

  test('the AugmentOS header X-TPA-API-Key is accepted, in any letter case of the hex', async () => {
    expect((await post(app.getPort(), call(), { 'X-TPA-API-Key': KEY_HASH.toUpperCase() })).status).toBe(200);
    expect(app.calls).toHaveLength(1);
  });

  test('the header is compared with crypto.timingSafeEqual on equal-length buffers', async () => {
    const spy = jest.spyOn(crypto, 'timingSafeEqual');
    try {
      await post(app.getPort(), call(), { 'X-App-API-Key': 'short' });
      await post(app.getPort(), call(), { 'X-App-API-Key': 'f'.repeat(64) });
      expect(spy.mock.calls.length).toBeGreaterThanOrEqual(2);
      for (const [a, b] of spy.mock.calls) expect((a as Buffer).length).toBe((b as Buffer).length);
    } finally {
      spy.mockRestore();
    }
  });

  test('an augmentos test cloud signs with its dialect header and is accepted', async () => {
    const cloud = await createTestCloud({ dialect: 'augmentos' });
    try {
      const user = await cloud.startSession({ app });
      expect(await user.callTool('weather', { city: 'Rome' })).toEqual({ status: 200, body: { status: 'success', reply: 'done' } });
      expect(await user.callTool('weather', {}, { apiKeyHash: null })).toMatchObject({ status: 401 });
    } finally {
      await cloud.close();
    }
  });
});

describe('the three-argument onToolCall(toolName, args, userId) of the MentraOS docs', () => {
  test('receives the tool id, the parameters and the user id; its return value is the reply', async () => {
    const app = await started(new DocsFormApp(appConfig()));
    try {
      const res = await post(app.getPort(), call());
      expect(res.body).toEqual({ status: 'success', reply: 'weather for wearer@example.com: Paris' });
      expect(app.calls).toEqual([['weather', { city: 'Paris' }, 'wearer@example.com']]);
    } finally {
      await app.stop();
    }
  });

  test('a server that does not override onToolCall answers reply null', async () => {
    const app = await started(new AppServer(appConfig()));
    try {
      expect((await post(app.getPort(), call())).body).toEqual({ status: 'success', reply: null });
    } finally {
      await app.stop();
    }
  });
});
