/** Unit tests: reading WAV files, the test photo, and finding the app's config file. */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { inflateSync } from 'node:zlib';
import { ControlError } from '../../src/protocol/control';
import { makeWav, readWav, testPhoto } from '../../src/dev/media';
import { checkSettingValue, loadAppConfig } from '../../src/dev/app-config';

describe('readWav', () => {
  test('returns the samples of a 16 kHz mono 16-bit PCM file, skipping other chunks', () => {
    const pcm = Buffer.from([1, 0, 2, 0, 3, 0]);
    const wav = makeWav(pcm);
    expect(readWav(wav)).toEqual(pcm);
    // A LIST chunk (odd-sized, padded) between fmt and data.
    const list = Buffer.concat([Buffer.from('LIST'), Buffer.from([3, 0, 0, 0]), Buffer.from('abc'), Buffer.from([0])]);
    const withList = Buffer.concat([wav.subarray(0, 36), list, wav.subarray(36)]);
    expect(readWav(withList)).toEqual(pcm);
  });

  test.each([
    ['an MP3', Buffer.from('ID3\u0003 not a wave file'), /not a RIFF\/WAVE file/],
    [
      '48 kHz',
      (() => {
        const w = makeWav(Buffer.alloc(8));
        w.writeUInt32LE(48_000, 24);
        return w;
      })(),
      /48000 Hz mono 16-bit PCM/,
    ],
    [
      '8-bit',
      (() => {
        const w = makeWav(Buffer.alloc(8));
        w.writeUInt16LE(8, 34);
        return w;
      })(),
      /16000 Hz mono 8-bit PCM/,
    ],
    [
      'float',
      (() => {
        const w = makeWav(Buffer.alloc(8));
        w.writeUInt16LE(3, 20);
        w.writeUInt16LE(32, 34);
        return w;
      })(),
      /32-bit float/,
    ],
    ['empty', makeWav(Buffer.alloc(0)), /holds no audio/],
    ['no data chunk', makeWav(Buffer.alloc(4)).subarray(0, 36), /has no "data" chunk/],
  ])('refuses %s with a message saying what it is and what is needed', (_name, file, message) => {
    let err: unknown;
    try {
      readWav(file);
    } catch (e) {
      err = e;
    }
    expect(err).toBeInstanceOf(ControlError);
    expect((err as ControlError).code).toBe('invalid_input');
    expect((err as Error).message).toMatch(message);
    expect((err as Error).message).toContain('16 kHz mono 16-bit PCM');
  });
});

test('the test photo is a valid 64x48 RGB PNG', () => {
  const png = testPhoto();
  expect(png.subarray(0, 8).toString('hex')).toBe('89504e470d0a1a0a');
  expect(png.readUInt32BE(16)).toBe(64);
  expect(png.readUInt32BE(20)).toBe(48);
  const idatLen = png.readUInt32BE(33);
  expect(png.subarray(37, 41).toString()).toBe('IDAT');
  expect(inflateSync(png.subarray(41, 41 + idatLen)).length).toBe(48 * (1 + 64 * 3));
});

describe('loadAppConfig', () => {
  let dir: string;
  beforeEach(() => {
    dir = mkdtempSync(path.join(os.tmpdir(), 'mentraos-config-'));
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  test('reads a legacy tpa_config.json in a parent folder, up to the package root', () => {
    writeFileSync(path.join(dir, 'package.json'), '{}');
    writeFileSync(
      path.join(dir, 'tpa_config.json'),
      JSON.stringify({ tools: [{ id: 'hello' }], settings: [{ key: 'k', type: 'toggle', defaultValue: true }] }),
    );
    mkdirSync(path.join(dir, 'src'));
    const config = loadAppConfig(path.join(dir, 'src', 'index.ts'));
    expect(config).toMatchObject({ source: '../tpa_config.json', tools: [{ id: 'hello' }], settings: [{ key: 'k' }] });
    expect(() => checkSettingValue(config, 'k', 'yes')).toThrow('must be true or false');
  });

  test('prefers app_config.json, stops at package.json, and reports a broken file without throwing', () => {
    mkdirSync(path.join(dir, 'app'));
    writeFileSync(path.join(dir, 'tpa_config.json'), JSON.stringify({ tools: [{ id: 'outside' }] }));
    writeFileSync(path.join(dir, 'app', 'package.json'), '{}');
    expect(loadAppConfig(path.join(dir, 'app', 'index.ts'))).toEqual({ source: null, tools: [], settings: [] });
    writeFileSync(path.join(dir, 'app', 'tpa_config.json'), '{}');
    writeFileSync(path.join(dir, 'app', 'app_config.json'), '{ not json');
    const lines: string[] = [];
    expect(loadAppConfig(path.join(dir, 'app', 'index.ts'), (l) => lines.push(l))).toEqual({ source: 'app_config.json', tools: [], settings: [] });
    expect(lines[0]).toMatch(/Could not read app_config.json/);
  });
});
