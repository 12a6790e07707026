/** Scripted mode as a controller: parsing, every step kind, expect semantics, and the printed lines. */
import { parseScript, runScript, UsageError } from '../../src/dev/script';
import { describeDisplay, describeLayout } from '../../src/dev/format';
import { startRig, type Rig } from './rig';

let rig: Rig;
afterEach(() => rig?.close());

async function play(steps: unknown[]) {
  rig = await startRig();
  const client = await rig.connect();
  const out: string[] = [];
  const err: string[] = [];
  const result = await runScript(client, parseScript(JSON.stringify(steps), 's.json'), { out: (l) => out.push(l), err: (l) => err.push(l) }, 's.json');
  return { result, out, err, client };
}

test('parseScript accepts every documented step and defaults', () => {
  const steps = parseScript(
    JSON.stringify([
      { start: 'u' },
      { say: 'hi' },
      { say: 'hallo', final: false, language: 'de-DE' },
      { press: 'main', long: true },
      { head: 'up' },
      { touch: 'double_tap' },
      { notify: { app: 'A', title: 'T', content: 'C' } },
      { battery: 5, charging: true },
      { location: { lat: 1, lng: 2 } },
      { wait: 10 },
      { expect: 'x' },
      { expect: 'y', timeoutMs: 10, view: 'dashboard', user: 'v' },
      { stop: true },
      { stop: 'v' },
    ]),
  );
  expect(steps[1]).toEqual({
    action: 'input',
    user: undefined,
    input: { kind: 'transcription', text: 'hi', final: true, language: 'en-US' },
    label: 'transcription:en-US',
  });
  expect(steps[3]).toMatchObject({ input: { kind: 'button', button_id: 'main', press: 'long' } });
  expect(steps[10]).toEqual({ action: 'expect', text: 'x', timeoutMs: 5000, view: undefined, user: undefined });
  expect(steps[13]).toEqual({ action: 'stop', user: 'v' });
});

test.each([
  ['{}', /must be a JSON array/],
  ['[1]', /step 1: each step must be an object/],
  ['[{"start":"u","say":"x"}]', /step 1: a step has exactly one of .* \(found start, say\)/],
  ['[{"start":"u"},{"head":"sideways"}]', /step 2: "head" must be "up" or "down"/],
  ['[{"start":"u"},{"wait":-1}]', /step 2: "wait" must be a number/],
  ['[{"start":"u"},{"expect":""}]', /step 2: "expect" \(the text to see\) must be a non-empty string/],
  ['[{"start":"u"},{"say":"x","language":"english please"}]', /step 2: "language" must be a language tag/],
  ['[{"start":"u"},{"notify":{"app":"a"}}]', /step 2: "notify.title" must be a string/],
  ['[{"start":"u"},{"battery":101}]', /step 2: "battery" must be a level/],
  ['[{"start":"u"},{"stop":false}]', /step 2: "stop" \(true or a user id\)/],
])('parseScript(%s) is a usage error naming the step', (text, message) => {
  expect(() => parseScript(text, 's.json')).toThrow(UsageError);
  expect(() => parseScript(text, 's.json')).toThrow(message);
});

test('a script drives one wearer through every input and holds every expect', async () => {
  const { result, out, err } = await play([
    { start: 'u@example.com' },
    { expect: 'ready' },
    { say: 'partial', final: false },
    { say: 'hello', language: 'en-US' },
    { expect: 'hearing: partial' }, // shown since the previous expect, even if replaced since
    { expect: 'echo: hello' },
    { press: 'side', long: false },
    { head: 'down' },
    { touch: 'up_swipe' },
    { notify: { app: 'Mail', title: 'Boss', content: 'call me' } },
    { battery: 9 },
    { location: { lat: 48.85, lng: 2.35 } },
    { expect: 'location: 48.85,2.35', timeoutMs: 3000 },
    { expect: 'show app', view: 'dashboard' },
    { say: 'bonjour', language: 'fr-FR' },
    { stop: true },
  ]);
  expect(result).toEqual({ ok: true, expectations: 5 });
  expect(out).toEqual([
    '[main] text_wall: ready',
    '[dashboard] dashboard_card: show app | dashboard',
    '[main] text_wall: hearing: partial',
    '[main] text_wall: echo: hello (en-US)',
    '[main] reference_card: button | side short',
    '[main] text_wall: head: down',
    '[main] text_wall: touch: up_swipe',
    '[main] double_text_wall: Mail: Boss | call me',
    '[main] text_wall: battery: 9%',
    '[main] text_wall: location: 48.85,2.35',
  ]);
  expect(err).toEqual(['s.json step 15: the app is not subscribed to transcription:fr-FR; nothing was sent']);
});

test('expects are in order: a display before the previous match does not count again', async () => {
  const { result } = await play([
    { start: 'u' },
    { say: 'one' },
    { expect: 'echo: one' },
    { say: 'two' },
    { expect: 'echo: two' },
    { expect: 'echo: one', timeoutMs: 200 },
  ]);
  expect(result.ok).toBe(false);
  expect(result.failure).toMatch(
    /^s\.json step 6: expected "echo: one" within 200 ms, but it was not shown to u \(now: \[main\] text_wall: echo: two \(en-US\)/,
  );
});

test('several wearers: lines name the wearer, and the script stops every wearer it started', async () => {
  const { result, out, client } = await play([
    { start: 'a' },
    { start: 'b' },
    { say: 'to b' },
    { say: 'to a', user: 'a' },
    { expect: 'echo: to a', user: 'a' },
    { expect: 'echo: to b' },
  ]);
  expect(result.ok).toBe(true);
  expect(out).toEqual(
    expect.arrayContaining(['[a main] text_wall: ready', '[b main] text_wall: echo: to b (en-US)', '[a main] text_wall: echo: to a (en-US)']),
  );
  await client.waitFor(
    () => (client.users.get('a')?.state === 'stopped' && client.users.get('b')?.state === 'stopped' ? true : undefined),
    5000,
    'both stopped',
  );
});

test('a failing command fails the step with its code', async () => {
  const { result } = await play([{ start: 'a' }, { start: 'a' }]);
  expect(result).toMatchObject({ ok: false, failure: expect.stringMatching(/^s\.json step 2 \(start\): The app is already ready for a/) });
});

test('display lines describe every layout on one line', () => {
  const bmp = Buffer.alloc(62);
  bmp.write('BM');
  bmp.writeInt32LE(576, 18);
  bmp.writeInt32LE(-135, 22);
  expect(describeLayout({ layoutType: 'text_wall', text: 'a\nb' })).toBe('text_wall: a\\nb');
  expect(describeLayout({ layoutType: 'bitmap_view', data: bmp.toString('base64') })).toBe('bitmap_view: 576x135 bitmap');
  expect(describeLayout({ layoutType: 'bitmap_view', data: 'nope' })).toBe('bitmap_view: bitmap (not a BMP)');
  expect(describeLayout({ layoutType: 'bitmap_animation', frames: ['a', 'b'], interval: 500, repeat: true })).toBe(
    'bitmap_animation: 2 frames, 500 ms apart, repeating',
  );
  expect(describeLayout({ layoutType: 'clear_view' })).toBe('clear_view');
  expect(
    describeDisplay({
      type: 'display_update',
      seq: 1,
      user_id: 'u',
      view: 'main',
      layout: { layoutType: 'reference_card', title: 'T', text: 'x' },
      shown_at: 0,
      duration_ms: 5,
    }),
  ).toBe('[main] reference_card: T | x (for 5 ms)');
});
