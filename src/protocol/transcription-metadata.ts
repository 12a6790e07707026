/** The provider detail a transcription may carry (`TranscriptionData.metadata`), as published. */

/** One token of a Soniox transcription. */
export interface SonioxToken {
  /** The token's text. */
  text: string;
  /** Start, in milliseconds. */
  startMs?: number;
  /** End, in milliseconds. */
  endMs?: number;
  /** The provider's confidence. */
  confidence: number;
  /** Whether the result is final (not interim). */
  isFinal: boolean;
  /** The speaker, when told apart. */
  speaker?: string;
}

/** Provider detail attached to a transcription (`TranscriptionData.metadata`). */
export interface TranscriptionMetadata {
  /** The speech provider. */
  provider: 'soniox' | 'azure' | string;
  /** Soniox's tokens. */
  soniox?: {
    /** The tokens. */
    tokens: SonioxToken[];
  };
  /** Azure's tokens. */
  azure?: {
    /** The tokens. */
    tokens?: any[];
  };
  /** Alibaba's tokens. */
  alibaba?: {
    /** The tokens. */
    tokens?: any[];
  };
}
