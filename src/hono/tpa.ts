/**
 * The AugmentOS names the 3.0.0-hono root still exports, deprecated: `TpaServer` (the Hono `AppServer`,
 * warning once when constructed) and `TpaSession` (an `AppSession`).
 */
import { deprecate } from '../core/deprecations';
import { AppSession, type AppSessionConfig } from '../app/session';
import { AppServer, type AppServerConfig } from './server';

/**
 * The Hono `AppServer` under its AugmentOS name (warns once).
 * @deprecated Use `AppServer`.
 */
export class TpaServer extends AppServer {
  /** Same as `new AppServer(config)`. */
  constructor(config: TpaServerConfig) {
    deprecate('hono.TpaServer');
    super(config);
  }
}

/**
 * The config of `TpaServer`.
 * @deprecated Use `AppServerConfig`.
 */
export type TpaServerConfig = AppServerConfig;

/**
 * `AppSession` under its AugmentOS name (the same class, constructors included).
 * @deprecated Use `AppSession`.
 */
export class TpaSession extends AppSession {}

/**
 * The config of `TpaSession`.
 * @deprecated Use `AppSessionConfig`.
 */
export type TpaSessionConfig = AppSessionConfig;
