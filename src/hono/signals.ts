/**
 * SIGINT/SIGTERM for the Hono facade: the server's sessions are ended (`stop()`), and when the app installed
 * no handler of its own for that signal the signal is raised again with no handler left, so the process ends
 * as Node ends it by default. An app that exits in its own handler keeps doing so; the published
 * 3.0.0-hono SDK, which only stopped, left an app without such a handler running forever.
 */
const SIGNALS = ['SIGINT', 'SIGTERM'] as const;

/** Installs the handlers; returns the function that removes them. */
export function handleShutdownSignals(stop: () => Promise<void>, onFailure: (error: unknown) => void): () => void {
  const installed = new Map<NodeJS.Signals, () => void>();
  const remove = () => {
    for (const [signal, handler] of installed) process.off(signal, handler);
    installed.clear();
  };
  for (const signal of SIGNALS) {
    const handler = () => {
      // Counted now: a handler the app adds while stopping does not change what it asked for.
      const appHandlers = process.listeners(signal).filter((l) => l !== handler).length;
      stop()
        .catch(onFailure)
        .finally(() => {
          remove();
          if (appHandlers === 0) process.kill(process.pid, signal);
        });
    };
    installed.set(signal, handler);
    process.on(signal, handler);
  }
  return remove;
}
