/** Splitting text into pieces of a UTF-8 byte budget, the way the published `splitIntoChunks` does. */
import { utf8ByteLength } from './measurer';

/**
 * Pieces of at most `size` UTF-8 bytes. A piece is cut at the last space or line break in its second
 * half, if any, else at the byte budget; never inside a character. Text within the budget is one piece.
 */
export function splitUtf8Chunks(text: string, size: number): string[] {
  if (utf8ByteLength(text) <= size) return [text];
  const chars = Array.from(text);
  const pieces: string[] = [];
  let start = 0;
  while (start < chars.length) {
    let end = start;
    let bytes = 0;
    const breaks: Array<{ at: number; bytes: number }> = [];
    while (end < chars.length) {
      const b = utf8ByteLength(chars[end]);
      if (bytes + b > size) break;
      bytes += b;
      end++;
      if (chars[end - 1] === ' ' || chars[end - 1] === '\n') breaks.push({ at: end, bytes });
    }
    if (end === start)
      end = start + 1; // a character larger than the budget goes alone
    else if (end < chars.length) {
      const soft = [...breaks].reverse().find((b) => b.bytes - 1 > size / 2);
      if (soft) end = soft.at;
    }
    pieces.push(chars.slice(start, end).join(''));
    start = end;
  }
  return pieces;
}
