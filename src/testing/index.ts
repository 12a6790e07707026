/** `@mentraos/sdk/testing`: a real local cloud to drive an app in tests. */
export { createTestCloud, TestCloud, DEFAULT_SYSTEM_SETTINGS, SIMULATED_CAPABILITIES } from './cloud';
export type { TestCloudOptions, StartSessionOptions, AppTarget } from './cloud';
export { SimulatedUser } from './user';
export type { DisplayRecord, DisplayMatcher, WireRecord, WireDirection, WebhookAnswer } from './user';
export type { HttpRecord } from './app-services';
export { DIALECTS, type DialectName } from '../protocol/dialects';
export { launchApp, freePort, DEV_API_KEY, type LaunchOptions, type LaunchedApp } from '../dev/launch';
