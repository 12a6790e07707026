// Types of raster.js (plain JavaScript so that the simulator page runs it without a build step).
export const WIDTH: number;
export const HEIGHT: number;
export const LIT: readonly [number, number, number];
export interface Frame {
  width: number;
  height: number;
  /** One byte per pixel, row by row: 1 lit, 0 dark. */
  lit: Uint8Array;
  info: { size?: string; error?: string; frame?: number };
}
export function rasterize(layout: unknown, options?: { width?: number; height?: number; frame?: number }): Frame;
export function toRgba(frame: { width: number; height: number; lit: Uint8Array }): Uint8ClampedArray;
export function wrapText(text: string, columns: number): string[];
export function hasGlyph(ch: string): boolean;
export function decodeBmp(base64: string): { width: number; height: number; lit: Uint8Array };
export function animationFrame(layout: unknown, elapsedMs: number): number;
export function animationInterval(layout: unknown): number;
