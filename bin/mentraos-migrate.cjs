#!/usr/bin/env node
'use strict';
// `npx mentraos-migrate [dir] [--dry-run]`: see README.md ("Migrating to the modern API").
require('../dist/migrate.cjs')
  .runMigrateCli(process.argv.slice(2))
  .then((code) => {
    process.exitCode = code;
  });
