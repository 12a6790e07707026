// Types of wav.js (plain JavaScript so that the simulator page runs it without a build step).
export const SAMPLE_RATE: number;
export function encodeWav(samples: ArrayLike<number>, sampleRate?: number): Uint8Array;
export function toBase64(bytes: Uint8Array): string;
export function fileBase64(file: { name: string; arrayBuffer(): Promise<ArrayBuffer> }): Promise<string>;
export function recordMicrophone(): Promise<{ readonly seconds: number; stop(): Promise<Uint8Array> }>;
