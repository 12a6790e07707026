/** The `mentraos-migrate` codemod: legacy AugmentOS / earlier MentraOS names to the modern API. */
export { migrate, type MigrateOptions, type MigrateResult, type MigrateEntry, type MigrateFile } from './migrate';
export { runMigrateCli, type CliIO } from './cli';
