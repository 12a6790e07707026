/** No source file under src/ or compat/ grows past ~400 lines (type tables excepted). */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { ROOT, sourceFiles } from './import-graph';

const LIMIT = 400;
/** Files allowed past the limit, and why. */
const EXCEPTIONS: Record<string, string> = {
  'src/protocol/messages.ts': 'pure type table (wire message declarations)',
  'src/protocol/module-messages.ts': 'pure type table (wire message declarations)',
  'src/protocol/enums.ts': 'pure type table (wire enums, one documented member per line pair)',
  'src/protocol/control.ts': 'type table (the control protocol frames, every field documented)',
};

test(`no file in src/ or compat/ is longer than ${LIMIT} lines`, () => {
  const long = sourceFiles(['src', 'compat'])
    .filter((f) => !(f in EXCEPTIONS))
    .map((f) => ({ f, lines: readFileSync(path.join(ROOT, f), 'utf8').split('\n').length - 1 }))
    .filter(({ lines }) => lines > LIMIT);
  expect(long).toEqual([]);
});
