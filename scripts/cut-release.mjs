#!/usr/bin/env node
/**
 * Cuts a release section in CHANGELOG.md: what stands under `## [Unreleased]` moves under
 * `## [<version>] - <date>`, and an empty `## [Unreleased]` stays above it. Run by `npm run release:version`
 * after `changeset version` has bumped the packages; the version defaults to package.json's, the date to
 * today (UTC). Usage: node scripts/cut-release.mjs [version] [YYYY-MM-DD]
 */
import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const file = path.join(root, 'CHANGELOG.md');
const version = process.argv[2] ?? JSON.parse(readFileSync(path.join(root, 'package.json'), 'utf8')).version;
const date = process.argv[3] ?? new Date().toISOString().slice(0, 10);

const text = readFileSync(file, 'utf8');
const heading = '## [Unreleased]\n';
const at = text.indexOf(heading);
if (at < 0) throw new Error('CHANGELOG.md has no "## [Unreleased]" section');
if (text.includes(`## [${version}]`)) throw new Error(`CHANGELOG.md already has a section for ${version}`);
const after = text.slice(at + heading.length);
const next = after.search(/^## \[/m);
const body = (next < 0 ? after : after.slice(0, next)).trim();
if (!body) throw new Error('Nothing under "## [Unreleased]" to release');
const rest = next < 0 ? '' : after.slice(next);
writeFileSync(file, `${text.slice(0, at)}${heading}\n## [${version}] - ${date}\n\n${body}\n${rest ? `\n${rest}` : ''}`);
console.log(`CHANGELOG.md: released ${version} (${date})`);
