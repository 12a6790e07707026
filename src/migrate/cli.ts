/**
 * The command line: `mentraos-migrate [dir] [--dry-run]` (and `mentraos migrate ...` where a `mentraos`
 * command dispatches here). Prints what changed (file:line), what could not be migrated with the manual
 * step, and with --dry-run the unified diff instead of writing. Returns the exit code.
 */
import { toError } from '../core/errors';
import { migrate, type MigrateEntry } from './migrate';

export interface CliIO {
  out: (text: string) => void;
  err: (text: string) => void;
}

const USAGE = `Usage: mentraos-migrate [dir] [--dry-run] [--from-standalone]

Moves an app from @augmentos/sdk or @mentra/sdk names to @mentraos/sdk: imports and requires, Tpa-named exports,
deprecated session, settings and config names, tpa_config.json and the package.json dependency.
  dir        the app's folder (default: the current folder)
  --dry-run  print a unified diff of the changes and write nothing
  --from-standalone
             only rewrite an app that runs its own webhook and builds its sessions (new TpaSession(config) and
             connect) into a TpaServer/AppServer subclass; the diff is printed first
`;

const defaultIO: CliIO = { out: (t) => process.stdout.write(t), err: (t) => process.stderr.write(t) };

export async function runMigrateCli(argv: readonly string[], io: CliIO = defaultIO): Promise<number> {
  let dir: string | undefined;
  let dryRun = false;
  let fromStandalone = false;
  for (const arg of argv) {
    if (arg === '--dry-run' || arg === '-n') dryRun = true;
    else if (arg === '--from-standalone') fromStandalone = true;
    else if (arg === '--help' || arg === '-h') {
      io.out(USAGE);
      return 0;
    } else if (arg.startsWith('-') || dir !== undefined) {
      io.err(`mentraos-migrate: unexpected argument "${arg}"\n\n${USAGE}`);
      return 2;
    } else dir = arg;
  }
  try {
    const result = await migrate(dir ?? '.', { dryRun, fromStandalone });
    if ((dryRun || fromStandalone) && result.diff) io.out(`${result.diff}\n`);
    const line = (e: MigrateEntry) => `  ${e.file}:${e.line}  ${e.message}\n`;
    if (result.changes.length > 0) io.out(`${dryRun ? 'Would change' : 'Changed'}:\n${result.changes.map(line).join('')}`);
    if (result.manual.length > 0) io.out(`Could not migrate (manual steps):\n${result.manual.map(line).join('')}`);
    const files = new Set(result.changes.map((c) => c.file)).size;
    io.out(
      result.changes.length === 0 && result.manual.length === 0
        ? 'Nothing to migrate: no deprecated name found.\n'
        : `${result.changes.length} change(s) in ${files} file(s), ${result.manual.length} manual step(s). ${dryRun ? 'Nothing written (dry run).' : result.written ? 'Files written.' : 'Nothing written.'}\n`,
    );
    return 0;
  } catch (e) {
    io.err(`${toError(e).message}\n`);
    return 1;
  }
}
