/**
 * PCM → MP3 for `pcm16` audio output streams, with `@breezystack/lamejs` (the maintained fork of `lamejs`:
 * ES module, typed, without the original's missing-globals bug). It is imported only when a `pcm16` stream
 * opens, so apps that never encode pay nothing for it.
 */
import { SdkError } from '../../core/errors';

/** An MP3 encoder for one stream. */
export interface Mp3EncoderLike {
  /** Encodes interleaved samples; may return no bytes while the encoder fills a frame. */
  encode(samples: Int16Array): Uint8Array;
  /** The last bytes of the stream. */
  flush(): Uint8Array;
}

interface LameEncoder {
  encodeBuffer(left: Int16Array, right?: Int16Array): Int8Array | Uint8Array;
  flush(): Int8Array | Uint8Array;
}

type LameModule = { Mp3Encoder: new (channels: number, sampleRate: number, kbps: number) => LameEncoder };

const LIBRARY = '@breezystack/lamejs';
let loading: Promise<LameModule> | undefined;

/** Creates an encoder, loading the library on first use; rejects with `SdkError('not_supported')` when it cannot be loaded. */
export async function loadMp3Encoder(channels: number, sampleRate: number, bitrate: number): Promise<Mp3EncoderLike> {
  if (channels !== 1 && channels !== 2) throw new SdkError('invalid_argument', `pcm16 audio needs 1 or 2 channels (got ${channels})`);
  const lame = await (loading ??= import(LIBRARY).then(
    // Stryker disable next-line ConditionalExpression,EqualityOperator,StringLiteral: the package gives the class both named and as the default's member
    (m: LameModule & { default?: LameModule }) => (typeof m.Mp3Encoder === 'function' ? m : (m.default as LameModule)),
    (e: unknown) => {
      loading = undefined;
      throw new SdkError('not_supported', `Encoding pcm16 audio needs the "${LIBRARY}" package, which could not be loaded`, { cause: e });
    },
  ));
  const encoder = new lame.Mp3Encoder(channels, sampleRate, bitrate);
  return {
    encode: (samples) => bytes(channels === 2 ? encoder.encodeBuffer(...deinterleave(samples)) : encoder.encodeBuffer(samples)),
    flush: () => bytes(encoder.flush()),
  };
}

function bytes(a: Int8Array | Uint8Array): Uint8Array {
  return a instanceof Uint8Array ? a : new Uint8Array(a.buffer, a.byteOffset, a.byteLength);
}

function deinterleave(samples: Int16Array): [Int16Array, Int16Array] {
  const n = samples.length >> 1;
  const left = new Int16Array(n);
  const right = new Int16Array(n);
  // Stryker disable next-line EqualityOperator: one sample more is written past the arrays' end, which typed arrays ignore
  for (let i = 0; i < n; i++) {
    left[i] = samples[2 * i];
    right[i] = samples[2 * i + 1];
  }
  return [left, right];
}

/**
 * The bytes of a Buffer, a typed array or an ArrayBuffer (no copy; a Buffer or Uint8Array of this realm is returned
 * as it is, so a write of one allocates nothing). Otherwise told apart by `ArrayBuffer.isView`, which holds across
 * realms: under jest or in a `vm` context, `instanceof` misses buffers from outside.
 */
export function toUint8(data: Buffer | ArrayBufferView | ArrayBuffer): Uint8Array {
  if (data instanceof Uint8Array) return data;
  return ArrayBuffer.isView(data) ? new Uint8Array(data.buffer, data.byteOffset, data.byteLength) : new Uint8Array(data);
}

/** 16-bit little-endian samples from bytes (an odd last byte is dropped; copied when unaligned). */
export function toInt16(data: Buffer | Uint8Array | ArrayBuffer | Int16Array): Int16Array {
  if (data instanceof Int16Array) return data;
  const b = toUint8(data);
  const n = b.byteLength >> 1;
  if (b.byteOffset % 2 === 0) return new Int16Array(b.buffer, b.byteOffset, n);
  const copy = new Uint8Array(n * 2);
  copy.set(b.subarray(0, n * 2));
  return new Int16Array(copy.buffer);
}
