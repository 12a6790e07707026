/** The new command-line options of `mentraos dev`. */
import { parseArgs, USAGE } from '../../src/dev/args';

test('--watch and --auto-photo are parsed and documented in the usage', () => {
  expect(parseArgs(['dev', 'app.ts', '--watch', '--auto-photo'])).toEqual({
    command: 'dev',
    args: expect.objectContaining({ entry: 'app.ts', watch: true, autoPhoto: true }),
  });
  const plain = parseArgs(['dev', 'app.ts']);
  expect(plain.command === 'dev' && (plain.args.watch ?? false) === false && (plain.args.autoPhoto ?? false) === false).toBe(true);
  expect(USAGE).toMatch(/--watch\s+restart the app/);
  expect(USAGE).toMatch(/--auto-photo\s+answer every photo request/);
});
