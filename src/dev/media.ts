/**
 * Media for the simulated glasses: the built-in test photo (a PNG made at start), reading the WAV files a
 * controller feeds as microphone audio (16 kHz mono s16le only, as the cloud streams it), and base64.
 */
import { deflateSync } from 'node:zlib';
import { ControlError, MAX_MEDIA_BYTES } from '../protocol/control';

/** The cloud's microphone format: 16 kHz, mono, 16-bit little-endian PCM, sent in 100 ms chunks. */
export const AUDIO_SAMPLE_RATE = 16_000;
export const AUDIO_CHUNK_BYTES = 3200;
export const AUDIO_CHUNK_MS = 100;

let testPng: Buffer | undefined;

/** A 64×48 PNG checkerboard: the photo `auto_photo` answers with. */
export function testPhoto(): Buffer {
  if (testPng) return testPng;
  const w = 64,
    h = 48;
  const rows = Buffer.alloc(h * (1 + w * 3));
  for (let y = 0, o = 0; y < h; y++) {
    rows[o++] = 0;
    for (let x = 0; x < w; x++) {
      const on = ((x >> 3) + (y >> 3)) % 2 === 1;
      rows[o++] = on ? 40 : 20 + x * 3;
      rows[o++] = on ? 200 : 40;
      rows[o++] = on ? 90 : 120 + y * 2;
    }
  }
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(w, 0);
  ihdr.writeUInt32BE(h, 4);
  ihdr.set([8, 2, 0, 0, 0], 8);
  testPng = Buffer.concat([
    Buffer.from('89504e470d0a1a0a', 'hex'),
    pngChunk('IHDR', ihdr),
    pngChunk('IDAT', deflateSync(rows)),
    pngChunk('IEND', Buffer.alloc(0)),
  ]);
  return testPng;
}

function pngChunk(type: string, data: Buffer): Buffer {
  const head = Buffer.alloc(8);
  head.writeUInt32BE(data.length, 0);
  head.write(type, 4, 'latin1');
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(Buffer.concat([head.subarray(4), data])), 0);
  return Buffer.concat([head, data, crc]);
}

let crcTable: Uint32Array | undefined;

function crc32(buf: Buffer): number {
  if (!crcTable) {
    crcTable = new Uint32Array(256);
    for (let n = 0; n < 256; n++) {
      let c = n;
      for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
      crcTable[n] = c >>> 0;
    }
  }
  let c = 0xffffffff;
  for (const b of buf) c = crcTable[(c ^ b) & 0xff]! ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
}

/** Decodes base64 that the frame parser checked; empty or oversized results are `invalid_input`. */
export function decodeBase64(text: string, field: string): Buffer {
  const data = Buffer.from(text, 'base64');
  if (data.length === 0) throw new ControlError('invalid_input', `"${field}" decodes to nothing`);
  if (data.length > MAX_MEDIA_BYTES) throw new ControlError('invalid_input', `"${field}" holds more than ${MAX_MEDIA_BYTES / 1024 / 1024} MiB`);
  return data;
}

/** The PCM samples of a WAV file in the cloud's format; anything else is refused saying what it is. */
export function readWav(file: Buffer, field = 'wav_base64'): Buffer {
  const refuse = (why: string): never => {
    throw new ControlError(
      'invalid_input',
      `"${field}" ${why}; the audio must be a WAV file of 16 kHz mono 16-bit PCM (e.g. ffmpeg -i in.mp3 -ar 16000 -ac 1 -c:a pcm_s16le out.wav)`,
    );
  };
  if (file.length < 12 || file.toString('latin1', 0, 4) !== 'RIFF' || file.toString('latin1', 8, 12) !== 'WAVE') refuse('is not a RIFF/WAVE file');
  let fmt: { format: number; channels: number; rate: number; bits: number } | undefined;
  for (let at = 12; at + 8 <= file.length; ) {
    const id = file.toString('latin1', at, at + 4);
    const size = file.readUInt32LE(at + 4);
    const body = at + 8;
    if (id === 'fmt ') {
      if (size < 16 || body + 16 > file.length) refuse('has a damaged "fmt " chunk');
      fmt = { format: file.readUInt16LE(body), channels: file.readUInt16LE(body + 2), rate: file.readUInt32LE(body + 4), bits: file.readUInt16LE(body + 14) };
      // WAVE_FORMAT_EXTENSIBLE carries the real format in its sub-format GUID.
      if (fmt.format === 0xfffe && size >= 26 && body + 26 <= file.length) fmt.format = file.readUInt16LE(body + 24);
    } else if (id === 'data') {
      if (!fmt) refuse('has its "data" before its "fmt " chunk');
      const f = fmt!;
      if (f.format !== 1 || f.bits !== 16 || f.channels !== 1 || f.rate !== AUDIO_SAMPLE_RATE) {
        const kind = f.format === 1 ? `${f.bits}-bit PCM` : f.format === 3 ? `${f.bits}-bit float` : `format ${f.format}`;
        refuse(`is ${f.rate} Hz ${f.channels === 1 ? 'mono' : f.channels === 2 ? 'stereo' : `${f.channels} channels`} ${kind}`);
      }
      const end = Math.min(file.length, body + size);
      const pcm = file.subarray(body, end - ((end - body) % 2));
      if (pcm.length === 0) refuse('holds no audio');
      return pcm;
    }
    at = body + size + (size % 2);
  }
  return refuse('has no "data" chunk');
}

/** The WAV file of these samples (16 kHz mono s16le): for tests and examples. */
export function makeWav(pcm: Buffer): Buffer {
  const head = Buffer.alloc(44);
  head.write('RIFF', 0, 'latin1');
  head.writeUInt32LE(36 + pcm.length, 4);
  head.write('WAVEfmt ', 8, 'latin1');
  head.writeUInt32LE(16, 16);
  head.writeUInt16LE(1, 20);
  head.writeUInt16LE(1, 22);
  head.writeUInt32LE(AUDIO_SAMPLE_RATE, 24);
  head.writeUInt32LE(AUDIO_SAMPLE_RATE * 2, 28);
  head.writeUInt16LE(2, 32);
  head.writeUInt16LE(16, 34);
  head.write('data', 36, 'latin1');
  head.writeUInt32LE(pcm.length, 40);
  return Buffer.concat([head, pcm]);
}

const MIME: Record<string, string> = { jpg: 'image/jpeg', jpeg: 'image/jpeg', png: 'image/png', webp: 'image/webp', gif: 'image/gif' };

/** The image type of a file name, or undefined. */
export function imageMimeOf(file: string): string | undefined {
  return MIME[file.toLowerCase().split('.').pop() ?? ''];
}
