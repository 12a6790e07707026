/**
 * The options of the local cloud of `mentraos dev`, apart from the cloud itself so the CLI and tests
 * can build them without reading the class.
 */

export interface DevCloudOptions {
  /** The entry file shown to controllers. */
  entry: string;
  /** Package name used in session ids until the app tells its own (default `com.example.app`). */
  packageName?: string;
  /** Origins the cloud's own port accepts (apps send none). Default: refuse every `Origin`. */
  allowedOrigins?: string[];
  /** How long `user_start` waits for the app to connect after answering the webhook (default 10 000 ms). */
  startTimeoutMs?: number;
  /** How long `user_start` waits for a starting app to listen (default 25 000 ms). */
  listenTimeoutMs?: number;
  /** The entry file's path, to find the app's config (default: `entry`, relative to the working directory). */
  entryPath?: string;
  /** Answer every photo request with the test image (default false). */
  autoPhoto?: boolean;
  /** Called with a human-readable line for the terminal log. */
  onLog?: (line: string) => void;
}
