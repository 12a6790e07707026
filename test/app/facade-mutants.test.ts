/** The modern facade's helpers, pinned by what an app sees: the photo-request registry, webview URLs and tool-call forms. */
import { AppServer, type PendingPhotoRequest, extractTempToken, extractTokenFromUrl, generateWebviewUrl, isSdkError } from '../../src';
import { appConfig, cloudPerTest, eventually } from '../helpers/apps';

type Registered = Omit<PendingPhotoRequest, 'timeoutId'>;

/** A request for `sessionId` whose settlement is recorded. */
function photoRequest(sessionId: string, userId = 'u@example.com'): { request: Registered; settled: { error?: Error; photo?: unknown } } {
  const settled: { error?: Error; photo?: unknown } = {};
  const request: Registered = {
    userId,
    sessionId,
    session: null as never,
    resolve: (photo) => void (settled.photo = photo),
    reject: (e) => void (settled.error = e),
    timestamp: 1,
  };
  return { request, settled };
}

describe('src/app/photo-registry.ts', () => {
  const servers: AppServer[] = [];
  const server = () => {
    const s = new AppServer(appConfig());
    servers.push(s);
    return s;
  };
  afterEach(() => {
    for (const s of servers.splice(0)) for (const id of ['p1', 'p2', 'anon']) s.completePhotoRequest(id);
  });

  test("getPhotoRequest(id).reject settles the app's registered request with that error, and the request is gone", async () => {
    const app = server();
    const { request, settled } = photoRequest('s-1');
    app.registerPhotoRequest('p1', request);
    const refused = new Error('the app gave up');
    app.getPhotoRequest('p1')?.reject(refused);
    await eventually(() => settled.error !== undefined, 20_000, 'the rejection');
    expect(settled.error).toBe(refused);
    expect(settled.photo).toBeUndefined();
    expect(app.getPhotoRequest('p1')).toBeUndefined();
  });

  test("cleanupPhotoRequestsForSession ends only that session's requests, saying why; another session's stays pending", async () => {
    const app = server();
    const mine = photoRequest('s-mine');
    const theirs = photoRequest('s-theirs', 'other@example.com');
    app.registerPhotoRequest('p1', mine.request);
    app.registerPhotoRequest('p2', theirs.request);
    app.cleanupPhotoRequestsForSession('s-mine');
    await eventually(() => mine.settled.error !== undefined, 20_000, 'the rejection');
    expect(isSdkError(mine.settled.error, 'session_closed')).toBe(true);
    expect(mine.settled.error?.message).toContain('its photo requests were cleaned up');
    expect(app.getPhotoRequest('p1')).toBeUndefined();
    expect(app.getPhotoRequest('p2')).toMatchObject({ sessionId: 's-theirs', userId: 'other@example.com' });
    expect(theirs.settled).toEqual({});
  });

  test('registering an id already pending refuses the new request and leaves the pending one as it was', async () => {
    const app = server();
    const first = photoRequest('s-first', 'first@example.com');
    const second = photoRequest('s-second', 'second@example.com');
    app.registerPhotoRequest('p1', first.request);
    app.registerPhotoRequest('p1', { ...second.request, timestamp: 2 });
    await eventually(() => second.settled.error !== undefined, 20_000, 'the refusal');
    expect(isSdkError(second.settled.error, 'invalid_argument')).toBe(true);
    expect(app.getPhotoRequest('p1')).toMatchObject({ userId: 'first@example.com', sessionId: 's-first', timestamp: 1 });
    expect(first.settled).toEqual({});
  });

  test('a request registered without userId or sessionId (a JavaScript app) reads back with empty ids instead of throwing', () => {
    const app = server();
    const { request } = photoRequest('unused');
    app.registerPhotoRequest('anon', { ...request, userId: undefined, sessionId: undefined } as never);
    const view = app.getPhotoRequest('anon');
    expect(view).toMatchObject({ userId: '', sessionId: '', timestamp: 1 });
    expect(app.completePhotoRequest('anon')).toMatchObject({ userId: '', sessionId: '' });
  });
});

describe('src/app/token.ts', () => {
  test.each([
    ['/webview?', '/webview?token=a.b.c'],
    ['/webview?x=1&', '/webview?x=1&token=a.b.c'],
    ['https://app.example.com/webview?#top', 'https://app.example.com/webview?token=a.b.c#top'],
    ['https://app.example.com/webview?x=1&#top', 'https://app.example.com/webview?x=1&token=a.b.c#top'],
  ])('generateWebviewUrl(%s) adds no second separator after a trailing ? or &', (base, expected) => {
    expect(generateWebviewUrl(base, 'a.b.c')).toBe(expected);
    expect(extractTokenFromUrl(generateWebviewUrl(base, 'a.b.c'))).toBe('a.b.c');
  });

  test('a URL that cannot be parsed gives null from extractTokenFromUrl and extractTempToken', () => {
    expect(extractTokenFromUrl('http://[broken/p?token=abc')).toBeNull();
    expect(extractTempToken('http://[broken/p?aos_temp_token=t1')).toBeNull();
  });
});

/** An app whose onToolCall declares exactly two parameters, as a JavaScript app may write it (TypeScript allows one or three). */
class TwoParameterTools extends AppServer {
  readonly calls: unknown[][] = [];
}
Object.assign(TwoParameterTools.prototype, {
  async onToolCall(this: TwoParameterTools, toolName: string, args: unknown): Promise<string> {
    this.calls.push([toolName, args]);
    return `ran ${toolName}`;
  },
});

describe('src/app/tools.ts', () => {
  const t = cloudPerTest();

  test('an onToolCall override declaring two parameters gets (toolName, args), not a ToolCall object', async () => {
    const app = await t.start(new TwoParameterTools(appConfig()));
    const user = await t.cloud.startSession({ app });
    const answer = await user.callTool('set_timer', { minutes: 5 });
    expect(answer.status).toBe(200);
    expect(app.calls).toEqual([['set_timer', { minutes: 5 }]]);
    expect(JSON.stringify(answer.body)).toContain('ran set_timer');
    await user.stop();
  });
});
