/**
 * `BitmapUtils`: helpers for the glasses' 1-bit 576×135 BMP frames (load, pad, convert, validate),
 * the published names with a built-in BMP codec instead of an image library.
 */
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { SdkError, toError } from '../../core/errors';
import { compose, countBlack, decodeBmp, encodeBmp1 } from './bmp';

export const GLASSES_BITMAP_WIDTH = 576;
export const GLASSES_BITMAP_HEIGHT = 135;
/** Size of a 576×135 1-bit BMP with a two-colour palette. */
export const GLASSES_BITMAP_BYTES = 9782;

/** The result of validating a bitmap. */
export interface BitmapValidation {
  /** Whether the bitmap is valid. */
  isValid: boolean;
  /** The bitmap's size in bytes. */
  byteCount: number;
  /** How many pixels are black. */
  blackPixels: number;
  /** What is wrong with it. */
  errors: string[];
  /** The bitmap's dimensions and format, when known. */
  metadata?: {
    /** Width and height in pixels. */
    dimensions?: {
      /** Width in pixels. */
      width: number;
      /** Height in pixels. */
      height: number;
    };
    /** The file format. */
    format?: string;
  };
}

/** How `loadBmpFrames` finds and checks frame files. */
export interface LoadFramesOptions {
  /**
   * File name pattern with `{i}` for the frame number (default `animation_10_frame_{i}.bmp`).
   *
   * @defaultValue `animation_10_frame_{i}.bmp`
   */
  filePattern?: string;
  /**
   * The first frame number.
   *
   * @defaultValue `1`
   */
  startFrame?: number;
  /**
   * Check each frame is a valid BMP.
   *
   * @defaultValue `true`
   */
  validateFrames?: boolean;
  /**
   * Skip missing frames instead of failing.
   *
   * @defaultValue `false`
   */
  skipMissingFrames?: boolean;
}

type Format = 'hex' | 'base64' | 'buffer';

/** Helpers for the 1-bit BMPs the glasses show (576×135). */
export class BitmapUtils {
  /** Converts a 24-bit BMP to 1 bit (white where any channel is above 128). */
  static async convert24BitTo1BitBMP(input24BitBmp: Buffer): Promise<Buffer> {
    if (input24BitBmp.length < 30 || input24BitBmp.readUInt16LE(28) !== 24) throw new SdkError('invalid_argument', 'Input must be a 24-bit BMP');
    return encodeBmp1(decodeBmp(input24BitBmp));
  }

  /** Reads a file as base64; rejects with `SdkError('invalid_argument')` when it cannot be read. */
  static async fileToBase64(filePath: string): Promise<string> {
    try {
      return (await readFile(filePath)).toString('base64');
    } catch (e) {
      throw new SdkError('invalid_argument', `Failed to load BMP file ${filePath}: ${toError(e).message}`, { cause: e });
    }
  }

  /** Encodes bytes as base64. */
  static async bufferToBase64(bmpData: Buffer): Promise<string> {
    return bmpData.toString('base64');
  }

  /** Pads a base64 BMP to 576×135 (see `padBmpForGlasses`). */
  static async padBase64Bitmap(bmpBase64: string, padding?: { left: number; top: number }): Promise<string> {
    return (await BitmapUtils.padBmpForGlasses(Buffer.from(bmpBase64, 'base64'), padding?.left, padding?.top)).toString('base64');
  }

  /** Returns a 576×135 BMP as is; draws any other BMP at (`leftPadding`, `topPadding`) on a black 576×135 1-bit canvas. */
  static async padBmpForGlasses(bmpData: Buffer, leftPadding = 50, topPadding = 35): Promise<Buffer> {
    const image = decodeBmp(bmpData);
    if (image.width === GLASSES_BITMAP_WIDTH && image.height === GLASSES_BITMAP_HEIGHT) return bmpData;
    return encodeBmp1(compose(image, GLASSES_BITMAP_WIDTH, GLASSES_BITMAP_HEIGHT, leftPadding, topPadding));
  }

  /** Loads `frameCount` frames named by `filePattern` from `basePath`, as base64 strings. */
  static async loadBmpFrames(basePath: string, frameCount: number, options: LoadFramesOptions = {}): Promise<string[]> {
    const { filePattern = 'animation_10_frame_{i}.bmp', startFrame = 1, validateFrames = true, skipMissingFrames = false } = options;
    const frames: string[] = [];
    const errors: string[] = [];
    for (let i = 0; i < frameCount; i++) {
      const n = startFrame + i;
      const name = filePattern.replace('{i}', String(n));
      try {
        const frame = await BitmapUtils.fileToBase64(path.join(basePath, name));
        if (validateFrames) {
          const v = BitmapUtils.validateBase64Bitmap(frame);
          if (!v.isValid) throw new Error(`validation failed: ${v.errors.join(', ')}`);
        }
        frames.push(frame);
      } catch (e) {
        if (!skipMissingFrames) errors.push(`frame ${n} (${name}): ${toError(e).message}`);
      }
    }
    if (errors.length > 0) throw new SdkError('invalid_argument', `Failed to load frames:\n${errors.join('\n')}`);
    if (frames.length === 0) throw new SdkError('invalid_argument', `No valid frames loaded from ${basePath}`);
    return frames;
  }

  /** Checks a base64 frame: BMP signature, 576×135, about 9782 bytes, and at least one black pixel. */
  static validateBase64Bitmap(bmpFrame: string): BitmapValidation {
    const buffer = Buffer.from(typeof bmpFrame === 'string' ? bmpFrame : '', 'base64');
    const errors: string[] = [];
    const info = BitmapUtils.inspect(buffer);
    if (buffer.length === 0) errors.push('The frame is empty or not base64');
    else if (!info.isValidBmp) errors.push('Invalid BMP signature (should start with "BM")');
    if (buffer.length > 0 && buffer.length < GLASSES_BITMAP_BYTES - 100)
      errors.push(`BMP too small (${buffer.length} bytes, expected ~${GLASSES_BITMAP_BYTES})`);
    if (buffer.length > GLASSES_BITMAP_BYTES + 1000) errors.push(`BMP too large (${buffer.length} bytes, expected ~${GLASSES_BITMAP_BYTES})`);
    if (info.width !== undefined && (info.width !== GLASSES_BITMAP_WIDTH || info.height !== GLASSES_BITMAP_HEIGHT)) {
      errors.push(`Invalid dimensions (${info.width}x${info.height}, expected ${GLASSES_BITMAP_WIDTH}x${GLASSES_BITMAP_HEIGHT})`);
    }
    if (info.isValidBmp && info.blackPixels === 0) errors.push('No black pixels found (the image is all white)');
    const metadata = info.width !== undefined ? { dimensions: { width: info.width, height: info.height ?? 0 }, format: 'BMP' } : undefined;
    return { isValid: errors.length === 0, byteCount: buffer.length, blackPixels: info.blackPixels, errors, metadata };
  }

  /** 2.1.x name of `validateBase64Bitmap`: checks a base64 BMP frame. */
  static validateBmpBase64(base64: string): BitmapValidation {
    return BitmapUtils.validateBase64Bitmap(base64);
  }

  /** 2.0-era check of a hex BMP frame (same rules as `validateBase64Bitmap`). */
  static validateBmpHex(hexString: string): BitmapValidation {
    const hex = typeof hexString === 'string' ? hexString : '';
    if (hex.length === 0 || hex.length % 2 !== 0 || !/^[0-9a-f]*$/i.test(hex)) {
      return {
        isValid: false,
        byteCount: 0,
        blackPixels: 0,
        errors: [hex.length === 0 ? 'Hex string is empty or invalid' : 'Not a hex string of even length'],
      };
    }
    return BitmapUtils.validateBase64Bitmap(Buffer.from(hex, 'hex').toString('base64'));
  }

  /** 2.0-era loader: a BMP file as a hex string; rejects when the file is missing or not a BMP. */
  static async loadBmpAsHex(filePath: string): Promise<string> {
    return (await BitmapUtils.readBmpFile(filePath)).toString('hex');
  }

  /** 2.1.x loader: a BMP file as base64; rejects when the file is missing or not a BMP. */
  static async loadBmpFromFileAsBase64(filePath: string): Promise<string> {
    return (await BitmapUtils.readBmpFile(filePath)).toString('base64');
  }

  /**
   * 2.1.x loader: BMP bytes made ready for the glasses, as base64. A 576×135 BMP is kept as is; any
   * other size is drawn on a 576×135 1-bit canvas (as `padBmpForGlasses`). Rejects when it is not a BMP.
   */
  static async loadBmpFromDataAsBase64(bmpData: Buffer): Promise<string> {
    if (!Buffer.isBuffer(bmpData) || bmpData.length < 14 || bmpData[0] !== 0x42 || bmpData[1] !== 0x4d) {
      throw new SdkError('invalid_argument', 'BMP data is not a valid BMP file (missing the "BM" signature)');
    }
    return (await BitmapUtils.padBmpForGlasses(bmpData)).toString('base64');
  }

  /** Converts between hex, base64 and a Buffer. */
  static convertFormat(data: string | Buffer, fromFormat: Format, toFormat: Format): string | Buffer {
    const buffer = fromFormat === 'buffer' ? (data as Buffer) : Buffer.from(data as string, fromFormat);
    return toFormat === 'buffer' ? buffer : buffer.toString(toFormat);
  }

  /** Size, black pixels and dimensions of a BMP given in hex. */
  static getBitmapInfo(hexString: string): {
    /** Size in bytes. */
    byteCount: number;
    /** How many pixels are black. */
    blackPixels: number;
    /** Width in pixels, when the header has one. */
    width?: number;
    /** Height in pixels, when the header has one. */
    height?: number;
    /** Whether the data starts with the BMP signature. */
    isValidBmp: boolean;
  } {
    // Stryker disable next-line StringLiteral: any text that is not hex decodes to no bytes
    return BitmapUtils.inspect(Buffer.from(typeof hexString === 'string' ? hexString : '', 'hex'));
  }

  private static async readBmpFile(filePath: string): Promise<Buffer> {
    let data: Buffer;
    try {
      data = await readFile(filePath);
    } catch (e) {
      throw new SdkError('invalid_argument', `Failed to load BMP file ${filePath}: ${toError(e).message}`, { cause: e });
    }
    if (data.length < 14 || data[0] !== 0x42 || data[1] !== 0x4d) {
      throw new SdkError('invalid_argument', `Failed to load BMP file ${filePath}: not a BMP (missing the "BM" signature)`);
    }
    return data;
  }

  private static inspect(buffer: Buffer): { byteCount: number; blackPixels: number; width?: number; height?: number; isValidBmp: boolean } {
    const isValidBmp = buffer.length >= 14 && buffer[0] === 0x42 && buffer[1] === 0x4d;
    if (!isValidBmp || buffer.length < 54) return { byteCount: buffer.length, blackPixels: 0, isValidBmp };
    const width = buffer.readInt32LE(18);
    const height = Math.abs(buffer.readInt32LE(22));
    let blackPixels = 0;
    try {
      blackPixels = countBlack(decodeBmp(buffer));
    } catch {
      // Not decodable (compressed or truncated): fall back to counting non-white bytes after the header.
      for (const b of buffer.subarray(62)) if (b !== 0xff) blackPixels++;
    }
    return { byteCount: buffer.length, blackPixels, width, height, isValidBmp };
  }
}
