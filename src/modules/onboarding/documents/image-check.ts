import { crc32 } from 'node:zlib';
import { Violations } from '../../../platform/errors';
import { OnboardingError } from '../onboarding.errors';

/**
 * The check every uploaded image passes before anything is stored: its type
 * read from its magic bytes (never the file name or the declared mimetype),
 * its dimensions from its header, and a walk over its structure to the end, so
 * a truncated or corrupt file is refused at once rather than by the analysis.
 */
export type ImageContentType = 'image/png' | 'image/jpeg';

export interface CheckedImage {
  contentType: ImageContentType;
  width: number;
  height: number;
}

/** What the header says decoding would produce. */
interface Header extends CheckedImage {
  channels: number;
  bytesPerChannel: number;
}

/** Sane bounds of an ID photo or selfie: larger is not a phone picture, and would cost too much to decode. */
export const MAX_IMAGE_SIDE = 12_000;
export const MAX_IMAGE_PIXELS = 50_000_000;

const FIELD = 'image';
const PNG_SIGNATURE = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);

class Corrupt extends Error {}

/**
 * Throws InputError INVALID_IMAGE or INVALID_IMAGE_DIMENSIONS (field `image`), else the image's real type and size.
 * INVALID_IMAGE_DIMENSIONS also when the decoded size the header declares (width × height × channels × bytes a
 * channel) passes `maxDecodedBytes`: a small file can inflate to gigabytes, and is refused before anything decodes it.
 */
export function checkImage(bytes: Buffer, maxDecodedBytes: number): CheckedImage {
  let image: Header | null;
  try {
    image = bytes.subarray(0, 8).equals(PNG_SIGNATURE)
      ? checkPng(bytes)
      : bytes.length >= 3 && bytes[0] === 0xff && bytes[1] === 0xd8 && bytes[2] === 0xff
        ? checkJpeg(bytes)
        : null;
  } catch (error) {
    if (!(error instanceof Corrupt)) throw error;
    image = null;
  }
  const violations = new Violations();
  if (!image) {
    violations.add(FIELD, OnboardingError.INVALID_IMAGE, 'must be a complete JPEG or PNG image (the content decides, not the file name or type)');
  } else if (!dimensionsAcceptable(image.width, image.height)) {
    violations.add(
      FIELD,
      OnboardingError.INVALID_IMAGE_DIMENSIONS,
      `is ${image.width}×${image.height} px; each side must be 1 to ${MAX_IMAGE_SIDE} px and the image at most ${MAX_IMAGE_PIXELS / 1_000_000} megapixels`,
    );
  } else if (decodedBytes(image) > maxDecodedBytes) {
    violations.add(
      FIELD,
      OnboardingError.INVALID_IMAGE_DIMENSIONS,
      `decodes to ${decodedBytes(image)} bytes (${image.width}×${image.height} px, ${image.channels} channels of ${image.bytesPerChannel * 8} bits); at most ${maxDecodedBytes} bytes`,
    );
  }
  violations.throwIfAny();
  const { contentType, width, height } = image!;
  return { contentType, width, height };
}

const decodedBytes = ({ width, height, channels, bytesPerChannel }: Header) => width * height * channels * bytesPerChannel;

/** PNG colour types → channels once decoded (a palette counts as RGBA: it expands to it with transparency). */
const PNG_CHANNELS: Record<number, number> = { 0: 1, 2: 3, 3: 4, 4: 2, 6: 4 };

export function dimensionsAcceptable(width: number, height: number): boolean {
  return width >= 1 && height >= 1 && width <= MAX_IMAGE_SIDE && height <= MAX_IMAGE_SIDE && width * height <= MAX_IMAGE_PIXELS;
}

function need(bytes: Buffer, end: number): void {
  if (end > bytes.length) throw new Corrupt('truncated');
}

/** PNG: IHDR first, every chunk whole with a matching CRC, IEND last and nothing after it. */
function checkPng(bytes: Buffer): Header {
  let offset = 8;
  let size: { width: number; height: number; channels: number; bytesPerChannel: number } | null = null;
  for (let index = 0; ; index++) {
    need(bytes, offset + 12);
    const length = bytes.readUInt32BE(offset);
    const type = bytes.toString('latin1', offset + 4, offset + 8);
    need(bytes, offset + 12 + length);
    const crc = bytes.readUInt32BE(offset + 8 + length);
    if (crc32(bytes.subarray(offset + 4, offset + 8 + length)) !== crc) throw new Corrupt(`bad CRC in ${type}`);
    if (index === 0) {
      if (type !== 'IHDR' || length !== 13) throw new Corrupt('IHDR must come first');
      const channels = PNG_CHANNELS[bytes[offset + 17]];
      if (!channels) throw new Corrupt('unknown colour type');
      size = { width: bytes.readUInt32BE(offset + 8), height: bytes.readUInt32BE(offset + 12), channels, bytesPerChannel: bytes[offset + 16] === 16 ? 2 : 1 };
    }
    offset += 12 + length;
    if (type === 'IEND') break;
  }
  if (offset !== bytes.length) throw new Corrupt('data after IEND');
  return { contentType: 'image/png', ...size! };
}

const isSof = (marker: number) => marker >= 0xc0 && marker <= 0xcf && marker !== 0xc4 && marker !== 0xc8 && marker !== 0xcc;
const standalone = (marker: number) => marker === 0x01 || (marker >= 0xd0 && marker <= 0xd7);

/** JPEG: SOI, segments whose lengths hold, a frame header (SOFn) before the first scan, entropy data, then EOI at the very end. */
function checkJpeg(bytes: Buffer): Header {
  let offset = 2;
  let size: { width: number; height: number; channels: number; bytesPerChannel: number } | null = null;
  for (;;) {
    need(bytes, offset + 2);
    if (bytes[offset] !== 0xff) throw new Corrupt('marker expected');
    while (bytes[offset + 1] === 0xff) {
      offset += 1; // fill bytes
      need(bytes, offset + 2);
    }
    const marker = bytes[offset + 1];
    offset += 2;
    if (marker === 0xd9) break; // EOI
    if (marker === 0xd8 || marker === 0x00) throw new Corrupt('unexpected marker');
    if (standalone(marker)) continue;
    need(bytes, offset + 2);
    const length = bytes.readUInt16BE(offset);
    if (length < 2) throw new Corrupt('bad segment length');
    need(bytes, offset + length);
    if (isSof(marker)) {
      if (length < 8) throw new Corrupt('short frame header');
      // Precision, height, width, then the number of components (1 grey, 3 YCbCr, 4 CMYK).
      size = {
        height: bytes.readUInt16BE(offset + 3),
        width: bytes.readUInt16BE(offset + 5),
        channels: Math.max(1, bytes[offset + 7]),
        bytesPerChannel: bytes[offset + 2] > 8 ? 2 : 1,
      };
    }
    offset += length;
    if (marker === 0xda) {
      if (!size) throw new Corrupt('scan before frame header');
      // Entropy-coded data runs to the next marker that is neither a stuffed 0xFF00 nor a restart marker.
      for (;;) {
        need(bytes, offset + 2);
        if (bytes[offset] === 0xff && bytes[offset + 1] !== 0x00 && !(bytes[offset + 1] >= 0xd0 && bytes[offset + 1] <= 0xd7) && bytes[offset + 1] !== 0xff)
          break;
        offset += 1;
      }
    }
  }
  if (!size) throw new Corrupt('no frame header');
  if (offset !== bytes.length) throw new Corrupt('data after EOI');
  return { contentType: 'image/jpeg', ...size };
}
