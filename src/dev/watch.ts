/** Watches an app's source folder for `mentraos dev --watch` (node_modules, .git and dot-files aside). */
import { watch, type FSWatcher } from 'node:fs';
import path from 'node:path';

const IGNORED = /(^|[\\/])(node_modules|\.[^\\/]*)([\\/]|$)/;

/** Calls `onChange` once per burst of changes (within `debounceMs`); returns the function that stops watching. */
export function watchSources(dir: string, onChange: (files: string[]) => void, debounceMs = 200): () => void {
  let timer: NodeJS.Timeout | undefined;
  let changed = new Set<string>();
  let watcher: FSWatcher;
  try {
    watcher = watch(dir, { recursive: true }, (_event, file) => {
      const name = file ? String(file) : '';
      if (!name || IGNORED.test(name) || /~$|\.sw.$/.test(name)) return;
      changed.add(path.join(dir, name));
      clearTimeout(timer);
      timer = setTimeout(() => {
        const files = [...changed];
        changed = new Set();
        onChange(files);
      }, debounceMs);
    });
  } catch (e) {
    throw new Error(`Cannot watch ${dir}: ${(e as Error).message}`);
  }
  watcher.on('error', () => {});
  return () => {
    clearTimeout(timer);
    watcher.close();
  };
}
