/** The accessors `DisplayHelpers` and `ScrollView` share: both work with one measurer and one wrapper. */
import type { TextMeasurer } from './measurer';
import type { DisplayProfile } from './profiles';
import type { TextWrapper } from './wrapper';

/** A tool built on a measurer and a wrapper (the base of `DisplayHelpers` and `ScrollView`). */
export abstract class MeasuredText {
  /** Keeps the measurer and the wrapper the tool works with. */
  constructor(
    readonly measurer: TextMeasurer,
    readonly wrapper: TextWrapper,
  ) {}

  /** The measurer. */
  getMeasurer(): TextMeasurer {
    return this.measurer;
  }

  /** The wrapper. */
  getWrapper(): TextWrapper {
    return this.wrapper;
  }

  /** The display profile (the measurer's). */
  getProfile(): DisplayProfile {
    return this.measurer.getProfile();
  }
}
