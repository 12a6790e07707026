/**
 * `npm start`: runs the documentation's weather app against the embedded local cloud with a scripted
 * wearer, and prints what the glasses show. No account, no glasses, no internet.
 */
import { createTestCloud, launchApp } from '@mentraos/sdk/testing';

function describeLayout(layout: Record<string, unknown>): string {
  const texts = ['title', 'text', 'topText', 'bottomText', 'leftText', 'rightText'].map((k) => layout[k]).filter((v) => typeof v === 'string');
  return `${String(layout.layoutType)}${texts.length ? `: ${texts.join(' | ')}` : ''}`;
}

const cloud = await createTestCloud({
  onWire: (_user, dir, msg: any) => {
    if (dir === 'app->cloud' && msg?.type === 'display_event') console.log(`  glasses [${msg.view}] ${describeLayout(msg.layout)}`);
  },
});
console.log(`Local cloud on ${cloud.url}`);
const app = await launchApp('examples/modern/weather.ts', { packageName: 'com.example.weather', onOutput: (l) => console.log(`  app: ${l}`) });
console.log(`Weather app (examples/modern/weather.ts) listening on port ${app.port}`);
let failed = false;
try {
  const user = await cloud.startSession({ app: { port: app.port }, userId: 'wearer@example.com', packageName: 'com.example.weather' });
  console.log('wearer@example.com started the app');
  await user.waitForDisplay('Weather App Ready');
  for (const line of ['hello there', "what's the weather like"]) {
    console.log(`wearer says: "${line}"`);
    await user.transcribe(line, { isFinal: true });
  }
  await user.waitForDisplay('Sunny, 72°F');
  await user.stop();
  console.log('wearer stopped the app');
} catch (e) {
  failed = true;
  console.error(`Demo failed: ${(e as Error).message}`);
} finally {
  await app.stop();
  await cloud.close();
}
console.log(failed ? 'FAILED' : 'Done: every expected display appeared.');
process.exitCode = failed ? 1 : 0;
