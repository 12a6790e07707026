/**
 * `migrate(dir, { dryRun })`: moves a legacy app to the modern API. Reads every TypeScript and JavaScript
 * source under `dir` (not node_modules, build output or hidden folders), `package.json` and
 * `tpa_config.json`; computes every change; writes them unless `dryRun`. A second run changes nothing.
 */
import { promises as fs } from 'node:fs';
import path from 'node:path';
import type * as TS from 'typescript';
import { SdkError } from '../core/errors';
import { FileAnalysis } from './analysis';
import { unifiedDiff } from './diff';
import { loadTypeScript } from './load-typescript';
import { checkAppConfig, migratePackageJson } from './package-json';
import { LEGACY_CONFIG_FILE, MODERN_CONFIG_FILE } from './rules';
import { rewriteStandalone } from './standalone';
import { transformFile, type Note } from './transform';

export interface MigrateOptions {
  /** Compute and report the changes (with a unified diff) but write nothing. */
  dryRun?: boolean;
  /**
   * Only rewrite apps that build their own sessions (`new TpaSession(config)` + `connect` in their own
   * webhook route) into a `TpaServer`/`AppServer` subclass; the other renames are left for a plain run.
   */
  fromStandalone?: boolean;
  /** A TypeScript compiler module to use instead of the project's own. */
  typescript?: typeof TS;
}

export interface MigrateEntry {
  /** Path relative to the migrated folder, with forward slashes. */
  file: string;
  line: number;
  message: string;
}

export interface MigrateFile {
  file: string;
  before: string;
  after: string;
  /** Set when the file is renamed (tpa_config.json -> app_config.json). */
  renamedTo?: string;
}

export interface MigrateResult {
  /** Every change, made or (with dryRun) to be made. */
  changes: MigrateEntry[];
  /** What could not be migrated safely, each with the manual step to take. */
  manual: MigrateEntry[];
  files: MigrateFile[];
  /** A unified diff of every change. */
  diff: string;
  written: boolean;
}

const SOURCE = /\.(ts|tsx|mts|cts|js|jsx|mjs|cjs)$/;
const SKIP_DIRS = new Set(['node_modules', 'dist', 'build', 'out', 'coverage', 'bower_components']);

export async function migrate(dir: string, options: MigrateOptions = {}): Promise<MigrateResult> {
  const root = path.resolve(dir);
  const stat = await fs.stat(root).catch(() => undefined);
  if (!stat?.isDirectory()) throw new SdkError('invalid_argument', `mentraos-migrate: "${dir}" is not a folder`);
  const found = await walk(root);
  const rel = (abs: string) => path.relative(root, abs).split(path.sep).join('/');
  const result: MigrateResult = { changes: [], manual: [], files: [], diff: '', written: false };
  const record = (file: string, notes: Note[], into: MigrateEntry[]) => {
    for (const n of notes) into.push({ file, line: n.line, message: n.message });
  };

  const configFiles = found.filter((f) => path.basename(f) === LEGACY_CONFIG_FILE);
  const sources = found.filter((f) => SOURCE.test(f) && !f.endsWith('.d.ts'));
  if (sources.length > 0) {
    const ts = options.typescript ?? loadTypeScript(root);
    const program = ts.createProgram(sources, {
      allowJs: true,
      noResolve: true,
      noLib: true,
      types: [],
      noEmit: true,
      skipLibCheck: true,
      jsx: ts.JsxEmit.Preserve,
    });
    const checker = program.getTypeChecker();
    for (const file of sources) {
      const sf = program.getSourceFile(file);
      if (!sf) continue;
      const analysis = new FileAnalysis(ts, sf, checker);
      const out = options.fromStandalone ? rewriteStandalone(analysis) : transformFile(analysis, { renameConfigFile: configFiles.length > 0 });
      record(rel(file), out.changes, result.changes);
      record(rel(file), out.manual, result.manual);
      if (out.text !== sf.text) result.files.push({ file: rel(file), before: sf.text, after: out.text });
    }
  }

  for (const file of options.fromStandalone ? [] : found.filter((f) => path.basename(f) === 'package.json')) {
    const before = await fs.readFile(file, 'utf8');
    const out = migratePackageJson(before);
    record(rel(file), out.changes, result.changes);
    record(rel(file), out.manual, result.manual);
    if (out.text !== before) result.files.push({ file: rel(file), before, after: out.text });
  }

  for (const file of options.fromStandalone ? [] : configFiles) {
    const target = path.join(path.dirname(file), MODERN_CONFIG_FILE);
    if (await fs.stat(target).catch(() => undefined)) {
      result.manual.push({
        file: rel(file),
        line: 1,
        message: `${MODERN_CONFIG_FILE} already exists next to it: merge the two by hand and delete ${LEGACY_CONFIG_FILE}`,
      });
      continue;
    }
    const text = await fs.readFile(file, 'utf8');
    result.changes.push({ file: rel(file), line: 1, message: `${LEGACY_CONFIG_FILE} renamed to ${MODERN_CONFIG_FILE}` });
    record(rel(file), checkAppConfig(text), result.manual);
    result.files.push({ file: rel(file), before: text, after: text, renamedTo: rel(target) });
  }

  result.files.sort((x, y) => x.file.localeCompare(y.file));
  result.diff = result.files
    .map((f) => unifiedDiff(`a/${f.file}`, `b/${f.renamedTo ?? f.file}`, f.before, f.after) || `rename a/${f.file} => b/${f.renamedTo}\n`)
    .join('');
  if (!options.dryRun) {
    for (const f of result.files) {
      await fs.writeFile(path.join(root, f.renamedTo ?? f.file), f.after);
      if (f.renamedTo) await fs.unlink(path.join(root, f.file));
    }
    result.written = result.files.length > 0;
  }
  return result;
}

async function walk(dir: string, out: string[] = []): Promise<string[]> {
  for (const entry of await fs.readdir(dir, { withFileTypes: true })) {
    if (entry.name.startsWith('.')) continue;
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) {
      if (!SKIP_DIRS.has(entry.name)) await walk(full, out);
    } else if (entry.isFile() && (SOURCE.test(entry.name) || entry.name === 'package.json' || entry.name === LEGACY_CONFIG_FILE)) {
      out.push(full);
    }
  }
  return out.sort();
}
