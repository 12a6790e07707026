/**
 * PCM → MP3 for `pcm16` output streams: the encoder gives exactly what the library gives for the same samples
 * (stereo split into its channels), refuses other channel counts, and PCM bytes become samples without a copy
 * unless they are unaligned.
 */
import vm from 'node:vm';
import { Mp3Encoder } from '@breezystack/lamejs';
import { loadMp3Encoder, toInt16, toUint8 } from '../../../src/app/modules/mp3-encoder';
import { isSdkError } from '../../../src';

const tone = (n: number, step: number) => Int16Array.from({ length: n }, (_, i) => Math.round(8000 * Math.sin(i / step)));
const bytes = (a: Int8Array | Uint8Array) => Buffer.from(a.buffer, a.byteOffset, a.byteLength);

describe('loadMp3Encoder', () => {
  test('mono: the same bytes as the library, then the same last bytes', async () => {
    const samples = tone(4608, 8);
    const ours = await loadMp3Encoder(1, 24000, 64);
    const lib = new Mp3Encoder(1, 24000, 64);
    expect(Buffer.from(ours.encode(samples))).toEqual(bytes(lib.encodeBuffer(samples)));
    expect(Buffer.from(ours.flush())).toEqual(bytes(lib.flush()));
  });

  test('stereo: interleaved samples are split into left and right before encoding', async () => {
    const left = tone(2304, 8);
    const right = tone(2304, 3);
    const interleaved = new Int16Array(4608);
    for (let i = 0; i < 2304; i++) {
      interleaved[2 * i] = left[i]!;
      interleaved[2 * i + 1] = right[i]!;
    }
    const ours = await loadMp3Encoder(2, 44100, 128);
    const lib = new Mp3Encoder(2, 44100, 128);
    const encoded = Buffer.from(ours.encode(interleaved));
    expect(encoded.length).toBeGreaterThan(0);
    expect(encoded).toEqual(bytes(lib.encodeBuffer(left, right)));
    expect(Buffer.from(ours.flush())).toEqual(bytes(lib.flush()));
  });

  test.each([0, 3])('%i channels are refused, saying so', async (channels) => {
    const e = await loadMp3Encoder(channels, 24000, 64).catch((err: unknown) => err);
    expect(isSdkError(e, 'invalid_argument') && e.message).toBe(`pcm16 audio needs 1 or 2 channels (got ${channels})`);
  });
});

test('without the library: not_supported naming the package, with the cause; a later call tries again', async () => {
  await jest.isolateModulesAsync(async () => {
    let fail = true;
    jest.doMock('@breezystack/lamejs', () => {
      if (fail) throw new Error('Cannot find module');
      return jest.requireActual('@breezystack/lamejs');
    });
    const { loadMp3Encoder: load } = await import('../../../src/app/modules/mp3-encoder');
    // (the module registry is fresh here, so the error is of its own SdkError class: compared by its fields)
    const e = (await load(1, 24000, 64).catch((err: unknown) => err)) as { name: string; code: string; message: string; cause: Error };
    expect([e.name, e.code, e.message, e.cause.message]).toEqual([
      'SdkError',
      'not_supported',
      'Encoding pcm16 audio needs the "@breezystack/lamejs" package, which could not be loaded',
      'Cannot find module',
    ]);
    fail = false;
    expect(typeof (await load(1, 24000, 64)).encode).toBe('function');
  });
  jest.dontMock('@breezystack/lamejs');
});

describe('toInt16 and toUint8', () => {
  test('samples are returned as they are; aligned bytes are viewed, not copied', () => {
    const samples = new Int16Array([1, -2]);
    expect(toInt16(samples)).toBe(samples);
    const buf = Buffer.from([0x01, 0x00, 0xff, 0xff, 0x07]);
    const view = toInt16(buf);
    expect([...view]).toEqual([1, -1]);
    buf[0] = 0x02;
    expect(view[0]).toBe(2);
    const ab = new Uint8Array([0x03, 0x00]).buffer;
    expect([...toInt16(ab)]).toEqual([3]);
    expect(toUint8(ab)).toEqual(new Uint8Array([3, 0]));
  });

  test('any typed array gives its bytes (a Uint8Array itself); an ArrayBuffer of another realm is read too', () => {
    const own = new Uint8Array([9]);
    expect(toUint8(own)).toBe(own);
    expect([...toUint8(new Int16Array([1, -1]))]).toEqual([1, 0, 255, 255]);
    const foreign = vm.runInNewContext('new Uint8Array([5, 0, 6, 0]).buffer') as ArrayBuffer;
    expect(foreign instanceof ArrayBuffer).toBe(false);
    expect([...toUint8(foreign)]).toEqual([5, 0, 6, 0]);
    expect([...toInt16(foreign)]).toEqual([5, 6]);
  });

  test('unaligned bytes are copied into whole samples (an odd last byte dropped)', () => {
    const backing = Buffer.from([0xaa, 0x05, 0x00, 0x00, 0x80, 0x09]);
    const unaligned = backing.subarray(1);
    expect(unaligned.byteOffset % 2).toBe(1);
    const samples = toInt16(unaligned);
    expect([...samples]).toEqual([5, -32768]);
    backing[1] = 0x06;
    expect(samples[0]).toBe(5);
  });
});
