/** Capturing what the SDK's own loggers write to process.stdout. */

/** The lines written to process.stdout while `fn` runs (not passed through, so the test output stays clean). */
export function stdoutOf(fn: () => void): string[] {
  const original = process.stdout.write;
  const chunks: string[] = [];
  process.stdout.write = ((chunk: unknown) => {
    chunks.push(String(chunk));
    return true;
  }) as typeof process.stdout.write;
  try {
    fn();
  } finally {
    process.stdout.write = original;
  }
  return chunks.join('').split('\n').filter(Boolean);
}

/** Saves the logging environment variables (`MENTRA_LOG_LEVEL`, `MENTRA_VERBOSE`) now and puts them back after each test of the calling block. */
export function keepLogEnvironment(): void {
  const saved = { MENTRA_LOG_LEVEL: process.env.MENTRA_LOG_LEVEL, MENTRA_VERBOSE: process.env.MENTRA_VERBOSE };
  afterEach(() => {
    for (const [key, value] of Object.entries(saved)) {
      if (value === undefined) delete process.env[key];
      else process.env[key] = value;
    }
  });
}
