/**
 * Every layout the glasses show, one per spoken word, to try the simulator page
 * (`npx mentraos dev examples/modern/layouts.ts`): say "text", "double", "card", "dashboard", "bitmap",
 * "animation", "timed" or "clear". A short press of the main button shows the next layout.
 */
import { AppServer, AppSession } from '@mentraos/sdk';

const WIDTH = 576;
const HEIGHT = 135;

/** A 1-bit BMP of the glasses' display size; `lit(x, y)` says which pixels light up. Base64. */
function bitmap(lit: (x: number, y: number) => boolean): string {
  const stride = Math.ceil(WIDTH / 32) * 4;
  const pixels = stride * HEIGHT;
  const buf = Buffer.alloc(62 + pixels);
  buf.write('BM', 0, 'ascii');
  buf.writeUInt32LE(buf.length, 2);
  buf.writeUInt32LE(62, 10); // pixel data offset: 14 + 40 + 2 palette entries
  buf.writeUInt32LE(40, 14);
  buf.writeInt32LE(WIDTH, 18);
  buf.writeInt32LE(HEIGHT, 22); // bottom-up rows
  buf.writeUInt16LE(1, 26);
  buf.writeUInt16LE(1, 28); // 1 bit per pixel
  buf.writeUInt32LE(pixels, 34);
  buf.writeUInt32LE(2, 46);
  buf.writeUInt32LE(0x00ffffff, 58); // palette: 0 black, 1 white (lit)
  for (let y = 0; y < HEIGHT; y++) {
    const row = 62 + (HEIGHT - 1 - y) * stride;
    for (let x = 0; x < WIDTH; x++) if (lit(x, y)) buf[row + (x >> 3)]! |= 0x80 >> (x & 7);
  }
  return buf.toString('base64');
}

const frame = (x: number, y: number) => x < 3 || y < 3 || x >= WIDTH - 3 || y >= HEIGHT - 3;
const glasses = bitmap(
  (x, y) =>
    frame(x, y) ||
    [
      [188, 67],
      [388, 67],
    ].some(([cx, cy]) => Math.abs(Math.hypot(x - cx!, y - cy!) - 40) < 3) ||
    (y > 64 && y < 70 && x > 228 && x < 348),
);
const frames = [0, 1, 2, 3].map((i) => bitmap((x, y) => frame(x, y) || (x >= 40 + i * 130 && x < 100 + i * 130 && y > 40 && y < 95)));

type Show = (session: AppSession) => void;

const LAYOUTS: Array<[string, Show]> = [
  ['text', (s) => s.layouts.showTextWall('A text wall: what the app wants you to read, right in front of you.')],
  ['double', (s) => s.layouts.showDoubleTextWall('Top: the double text wall', 'Bottom: two texts, one above the other')],
  ['card', (s) => s.layouts.showReferenceCard('Reference card', 'A title and a text, like a flash card.')],
  ['dashboard', (s) => s.layouts.showDashboardCard('Next: standup', 'in 10 min')],
  ['bitmap', (s) => s.layouts.showBitmapView(glasses)],
  ['animation', (s) => s.layouts.showBitmapAnimation(frames, 500, true)],
  ['timed', (s) => s.layouts.showTextWall('This disappears after 3 seconds', { durationMs: 3000 })],
  ['clear', (s) => s.layouts.clearView()],
];

class LayoutsApp extends AppServer {
  protected async onSession(session: AppSession): Promise<void> {
    let next = 0;
    session.layouts.showTextWall(`Say one of: ${LAYOUTS.map(([word]) => word).join(', ')}`);
    session.layouts.showDashboardCard('Layouts', 'say a word');
    session.events.onTranscription((data) => {
      if (!data.isFinal) return;
      const said = data.text.toLowerCase();
      const hit = LAYOUTS.find(([word]) => said.includes(word));
      if (hit) hit[1](session);
      else session.layouts.showTextWall(`"${data.text}" is not a layout. Say one of: ${LAYOUTS.map(([w]) => w).join(', ')}`);
    });
    session.events.onButtonPress(() => {
      LAYOUTS[next % LAYOUTS.length]![1](session);
      next++;
    });
  }
}

const server = new LayoutsApp({
  packageName: process.env.PACKAGE_NAME ?? 'com.example.layouts',
  apiKey: process.env.MENTRAOS_API_KEY ?? 'local-development-key',
  port: Number(process.env.PORT ?? 3000),
});

server.start().then(() => console.log(`Layouts app listening on port ${server.getPort()}`));
