/**
 * `session.settings` of a TpaSession. The AugmentOS names (`getAugmentOS`, `onAugmentOSChange`, ...) are on
 * the modern SettingsManager itself, where 2.0.0 also had them; this class keeps the legacy type name.
 */
import { SettingsManager } from '../src/app/settings';

/**
 * The settings manager of a `TpaSession`, with the AugmentOS-era method names.
 *
 * @deprecated Use `SettingsManager`.
 */
export class TpaSettingsManager extends SettingsManager {}
