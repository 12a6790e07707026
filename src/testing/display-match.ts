/**
 * Reading what a layout shows: the texts of a layout and whether a display matches what a test waits
 * for (a text, a RegExp or a predicate). Shared by the simulated user and the dev tools.
 */
import type { DisplayMatcher, DisplayRecord } from './user-types';

const TEXT_FIELDS = ['text', 'topText', 'bottomText', 'title', 'leftText', 'rightText'] as const;

/** The texts a layout shows (none for bitmaps and clear views). */
export function layoutTexts(layout: unknown): string[] {
  if (!layout || typeof layout !== 'object') return [];
  const l = layout as Record<string, unknown>;
  return TEXT_FIELDS.map((f) => l[f]).filter((v): v is string => typeof v === 'string');
}

export function displayMatches(d: DisplayRecord, m: DisplayMatcher): boolean {
  if (typeof m === 'function') return m(d);
  const texts = layoutTexts(d.layout);
  return typeof m === 'string' ? texts.includes(m) : texts.some((t) => m.test(t));
}

export function describeMatcher(m: DisplayMatcher): string {
  return typeof m === 'function' ? 'a predicate' : JSON.stringify(String(m));
}
