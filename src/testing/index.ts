/** `@mentraos/sdk/testing`: a real local cloud to drive an app in tests. */
export { createTestCloud, TestCloud, DEFAULT_SYSTEM_SETTINGS, SIMULATED_CAPABILITIES } from './cloud';
export type { TestCloudOptions, StartSessionOptions, AppTarget } from './cloud';
export { SimulatedUser, layoutTexts } from './user';
export type { DisplayRecord, DisplayMatcher, WireRecord, WireDirection, WebhookAnswer, PhotoAnswer, PhotoUpload } from './user';
export { AudioRelay, type AudioStreamRecord, type AudioStreamEvent } from './audio-relay';
export { TelemetryIntake, type TelemetryUpload } from './telemetry-intake';
export { CloudRest, type HttpRecord, type HttpFailure } from './cloud-rest';
export { DIALECTS, type DialectName } from '../protocol/dialects';
export { launchApp, freePort, DEV_API_KEY, type LaunchOptions, type LaunchedApp } from './launch';
export { connectControl, ControlClient, ControlError, type ControlClientOptions } from './control-client';
export type * from '../protocol/control';
