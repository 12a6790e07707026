/** The provider detail a transcription may carry (`TranscriptionData.metadata`), as published. */

/** One token of a Soniox transcription. */
export interface SonioxToken {
  text: string;
  startMs?: number;
  endMs?: number;
  confidence: number;
  isFinal: boolean;
  speaker?: string;
}

/** Provider detail attached to a transcription (`TranscriptionData.metadata`). */
export interface TranscriptionMetadata {
  provider: 'soniox' | 'azure' | string;
  soniox?: { tokens: SonioxToken[] };
  azure?: { tokens?: any[] };
  alibaba?: { tokens?: any[] };
}
