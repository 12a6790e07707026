/**
 * `npm run mutate:check` (a CI step): mutates the source files this change touched against the merge base
 * with `main` and fails when one of them scores below its target (scripts/mutation-targets.mjs). Stryker's
 * own `thresholds.break` is one number for the whole run, hence this script reading the JSON report.
 *
 * Bounded in time: at most `MUTATE_CHECK_MAX_FILES` files (default 3; the most changed first, the rest are
 * named and skipped) and `MUTATE_CHECK_MINUTES` minutes (default 30; past it Stryker is stopped and the check
 * fails, saying so). With no touched file (for example on `main` itself) it still proves that it works, on
 * one small file (`SMOKE` below) and its own tests.
 *
 * `MUTATE_CONCURRENCY` allows more than one jest process; `MUTATE_TESTS` narrows the tests (see
 * jest.stryker.config.cjs); `MUTATE_BASE` compares with another base than `main`.
 * `--report <file>[,<file>...]` only reads existing JSON reports (several: the parts of a run made in pieces)
 * and checks the scores in them; with `--table` it also prints them as a Markdown table, one row per file
 * and a total.
 */
import { execFileSync, spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { baseRef, changedFiles } from './changed-files.mjs';
import { envWithNode, testNode } from './lib/runtimes.mjs';
import { targetFor } from './mutation-targets.mjs';

const REPORT = 'reports/mutation/check.json';
const SMOKE = { file: 'src/core/session/liveness.ts', tests: 'test/core/liveness-sweep.test.ts' };

const maxFiles = Number(process.env.MUTATE_CHECK_MAX_FILES ?? 3);
const minutes = Number(process.env.MUTATE_CHECK_MINUTES ?? 30);

/** Detected (killed or timed out) over valid mutants, in percent; NaN without valid mutants. */
export function fileScore(mutants) {
  let detected = 0;
  let undetected = 0;
  for (const m of mutants) {
    if (m.status === 'Killed' || m.status === 'Timeout') detected++;
    else if (m.status === 'Survived' || m.status === 'NoCoverage') undetected++;
  }
  return detected + undetected === 0 ? Number.NaN : (100 * detected) / (detected + undetected);
}

/** The files of one or more JSON reports (comma-separated paths), merged; a later report's file wins. */
function readReports(paths) {
  const files = {};
  for (const p of paths.split(',').filter(Boolean)) Object.assign(files, JSON.parse(readFileSync(p, 'utf8')).files);
  return files;
}

/** Prints the files' scores as a Markdown table (counts by status, score and target), with a total row. */
function printTable(files) {
  const statuses = ['Killed', 'Timeout', 'Survived', 'NoCoverage', 'Ignored', 'CompileError', 'RuntimeError'];
  const total = Object.fromEntries(statuses.map((k) => [k, 0]));
  const all = [];
  console.log('| file | score | target | mutants | killed | timeout | survived | no cov | ignored | errors |');
  console.log('| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |');
  for (const [file, { mutants }] of Object.entries(files).sort(([a], [b]) => a.localeCompare(b))) {
    const n = Object.fromEntries(statuses.map((k) => [k, 0]));
    for (const m of mutants) {
      n[m.status] = (n[m.status] ?? 0) + 1;
      total[m.status] = (total[m.status] ?? 0) + 1;
      all.push(m);
    }
    const score = fileScore(mutants);
    const target = targetFor(file);
    const shown = Number.isNaN(score) ? '—' : `${score < target ? '**' : ''}${score.toFixed(1)}%${score < target ? '**' : ''}`;
    console.log(
      `| \`${file}\` | ${shown} | ${target}% | ${mutants.length} | ${n.Killed} | ${n.Timeout} | ${n.Survived} | ${n.NoCoverage} | ${n.Ignored} | ${n.CompileError + n.RuntimeError} |`,
    );
  }
  const score = fileScore(all);
  console.log(
    `| all ${Object.keys(files).length} files | ${score.toFixed(1)}% | — | ${all.length} | ${total.Killed} | ${total.Timeout} | ${total.Survived} | ${total.NoCoverage} | ${total.Ignored} | ${total.CompileError + total.RuntimeError} |`,
  );
}

/** Checks every file of the reports against its target; returns the failures. */
function check(reportPaths, only) {
  const failures = [];
  for (const [file, { mutants }] of Object.entries(readReports(reportPaths))) {
    if (only && !only.includes(file)) continue;
    const score = fileScore(mutants);
    const target = targetFor(file);
    const survivors = mutants.filter((m) => m.status === 'Survived' || m.status === 'NoCoverage');
    const ok = Number.isNaN(score) || score >= target;
    console.log(
      `${ok ? 'ok  ' : 'FAIL'} ${file}: ${Number.isNaN(score) ? 'no mutants' : `${score.toFixed(1)}%`} (target ${target}%, ${mutants.length} mutants)`,
    );
    if (!ok) {
      failures.push(file);
      for (const m of survivors)
        console.log(
          `       ${m.status} ${m.mutatorName} at ${m.location.start.line}:${m.location.start.column}${m.replacement ? ` -> ${m.replacement.split('\n')[0].slice(0, 80)}` : ''}`,
        );
    }
  }
  return failures;
}

function changedLines(file) {
  try {
    const base = execFileSync('git', ['merge-base', 'HEAD', baseRef()], { encoding: 'utf8' }).trim();
    const stat = execFileSync('git', ['diff', '--numstat', base, '--', file], { encoding: 'utf8' }).trim();
    const [added = '0', removed = '0'] = stat.split(/\s+/);
    return Number(added) + Number(removed);
  } catch {
    return 0;
  }
}

async function runStryker(files, env) {
  console.log(`mutate:check: mutating ${files.join(', ')} (at most ${minutes} min)`);
  const node = testNode();
  const child = spawn(node, ['node_modules/@stryker-mutator/core/bin/stryker.js', 'run', '--mutate', files.join(','), '--reporters', 'json,clear-text'], {
    stdio: 'inherit',
    env: { ...envWithNode(node), ...env, MUTATE_REPORT: REPORT },
    detached: true,
  });
  let timedOut = false;
  const timer = setTimeout(() => {
    timedOut = true;
    process.kill(-child.pid, 'SIGTERM');
  }, minutes * 60_000);
  const code = await new Promise((resolve) => child.on('exit', (c) => resolve(c)));
  clearTimeout(timer);
  if (timedOut) {
    console.error(`mutate:check: FAILED, Stryker did not finish within ${minutes} min (raise MUTATE_CHECK_MINUTES or split the change)`);
    process.exit(1);
  }
  if (code !== 0) {
    console.error(`mutate:check: FAILED, Stryker exited with ${code}`);
    process.exit(1);
  }
}

async function main() {
  const args = process.argv.slice(2);
  const reportArg = args.indexOf('--report');
  if (reportArg >= 0) {
    if (args.includes('--table')) printTable(readReports(args[reportArg + 1]));
    const failures = check(args[reportArg + 1]);
    process.exit(failures.length > 0 ? 1 : 0);
  }
  let files = changedFiles();
  let env = {};
  if (!files) {
    console.error('mutate:check: FAILED, no "main" or "origin/main" branch to compare with (fetch it: git fetch origin main)');
    process.exit(1);
  }
  if (files.length === 0) {
    console.log(
      `mutate:check: no source file under src/core, src/app or compat changed against main; checking ${SMOKE.file} on its own tests to prove the check works.`,
    );
    files = [SMOKE.file];
    env = { MUTATE_TESTS: SMOKE.tests };
  } else if (files.length > maxFiles) {
    const ranked = files.map((f) => ({ f, n: changedLines(f) })).sort((a, b) => b.n - a.n);
    const skipped = ranked.slice(maxFiles).map((r) => r.f);
    files = ranked.slice(0, maxFiles).map((r) => r.f);
    console.log(
      `mutate:check: ${ranked.length} files changed; checking the ${maxFiles} most changed. Not checked here (run \`npm run mutate -- --changed\`): ${skipped.join(', ')}`,
    );
  }
  await runStryker(files, env);
  const failures = check(REPORT, files);
  if (failures.length > 0) {
    console.error(`mutate:check: FAILED, below target: ${failures.join(', ')} (docs/mutation-testing.md says how to read the report)`);
    process.exit(1);
  }
  console.log('mutate:check: every checked file meets its target');
}

await main();
