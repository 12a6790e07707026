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
