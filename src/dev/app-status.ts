/**
 * The app's status as the local cloud of `mentraos dev` reports it to controllers: its starting value
 * and the message a command gets when the app is not running.
 */
import type { AppStatus } from '../protocol/control';

export function initialAppStatus(entry: string, cloudUrl: string): AppStatus {
  return {
    entry,
    port: null,
    running: false,
    listening: false,
    exit_code: null,
    error: null,
    restarts: 0,
    package_name: null,
    cloud_url: cloudUrl,
  };
}

/** Why the app cannot take a command now: not started, starting, or exited (with its error line). */
export function notRunningMessage(status: AppStatus): string {
  const { exit_code: code, error } = status;
  if (code === null && !error) return status.running ? 'The app is starting and does not listen yet' : 'The app has not started yet';
  const last = error ? `: ${errorLine(error).slice(0, 300)}` : '';
  return `The app is not running (exit code ${code})${last}`;
}

/** The line of an app's dying output that says what went wrong: the last error line, else the last line. */
export function errorLine(output: string): string {
  const lines = output.split('\n').filter((l) => l.trim());
  return [...lines].reverse().find((l) => /\b\w*(Error|Exception)\b|\berror\b/i.test(l)) ?? lines[lines.length - 1] ?? '';
}
