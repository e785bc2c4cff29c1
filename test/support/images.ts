import { once } from 'node:events';
import { crc32, createDeflate, deflateSync } from 'node:zlib';
import * as jpeg from 'jpeg-js';
import { PNG } from 'pngjs';
import sharp from 'sharp';

/**
 * Test images made on the fly: noise (passes our analysis), one flat colour
 * (FLAT_IMAGE), small ones (IMAGE_TOO_SMALL). Deterministic per seed.
 */
function pixels(width: number, height: number, seed: number, flat: boolean): Buffer {
  const data = Buffer.alloc(width * height * 4);
  let state = seed >>> 0 || 1;
  for (let i = 0; i < data.length; i += 4) {
    if (flat) {
      data[i] = 120;
      data[i + 1] = 130;
      data[i + 2] = 140;
    } else {
      state ^= state << 13;
      state ^= state >>> 17;
      state ^= state << 5; // xorshift32
      data[i] = state & 0xff;
      data[i + 1] = (state >>> 8) & 0xff;
      data[i + 2] = (state >>> 16) & 0xff;
    }
    data[i + 3] = 0xff;
  }
  return data;
}

export function noisePng(width = 400, height = 400, seed = 1): Buffer {
  const png = new PNG({ width, height });
  pixels(width, height, seed, false).copy(png.data);
  return PNG.sync.write(png, { filterType: 0 }); // no adaptive filter choice: seconds faster under jest
}

export function flatPng(width = 400, height = 400): Buffer {
  const png = new PNG({ width, height });
  pixels(width, height, 1, true).copy(png.data);
  return PNG.sync.write(png, { filterType: 0 }); // no adaptive filter choice: seconds faster under jest
}

export function noiseJpeg(width = 400, height = 400, seed = 1): Buffer {
  return jpeg.encode({ width, height, data: pixels(width, height, seed, false) }, 80).data;
}

/** A PNG chunk: length, type, data, CRC. */
function pngChunk(type: string, data: Buffer): Buffer {
  const body = Buffer.concat([Buffer.from(type, 'latin1'), data]);
  const length = Buffer.alloc(4);
  length.writeUInt32BE(data.length);
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(body));
  return Buffer.concat([length, body, crc]);
}

/** A PNG from its IHDR fields and its compressed pixel data (`idat`, a zlib stream of filtered rows). */
export function pngOf(width: number, height: number, bitDepth: number, colorType: number, idat: Buffer): Buffer {
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(width, 0);
  ihdr.writeUInt32BE(height, 4);
  ihdr[8] = bitDepth;
  ihdr[9] = colorType; // interlace, filter and compression methods 0
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    pngChunk('IHDR', ihdr),
    pngChunk('IDAT', idat),
    pngChunk('IEND', Buffer.alloc(0)),
  ]);
}

/**
 * A decompression bomb: 7000×7000 px of 16-bit RGBA (392 MB decoded, 49 MP: under the pixel and side limits) whose
 * IDAT is a few hundred KB of deflated zeros. Built streaming: the 392 MB never exist here either.
 */
export async function pngBomb(width = 7000, height = 7000): Promise<Buffer> {
  const deflate = createDeflate({ level: 9 });
  const parts: Buffer[] = [];
  deflate.on('data', (chunk: Buffer) => parts.push(chunk));
  const row = Buffer.alloc(1 + width * 8); // filter byte 0, then zeros
  for (let y = 0; y < height; y++) {
    if (!deflate.write(row)) await once(deflate, 'drain');
  }
  deflate.end();
  await once(deflate, 'end');
  return pngOf(width, height, 16, 6, Buffer.concat(parts));
}

/** A JPEG whose frame header (SOF0) declares `width` × `height` over the entropy data of a 16×16 image: its header alone makes it huge. */
export function jpegBomb(width = 7000, height = 7000): Buffer {
  const jpeg = Buffer.from(noiseJpeg(16, 16, 3));
  for (let offset = 2; offset + 9 < jpeg.length;) {
    const marker = jpeg[offset + 1];
    if (marker === 0xc0) {
      jpeg.writeUInt16BE(height, offset + 5);
      jpeg.writeUInt16BE(width, offset + 7);
      return jpeg;
    }
    offset += 2 + jpeg.readUInt16BE(offset + 2);
  }
  throw new Error('no SOF0 in the test JPEG');
}

/** Pixels with structure (diagonal bands), so the image is not flat yet compresses well: a big image still fits DOCUMENT_MAX_BYTES. */
function bands(width: number, height: number, channels: number): Buffer {
  const data = Buffer.alloc(width * height * channels);
  for (let y = 0, p = 0; y < height; y++) {
    for (let x = 0; x < width; x++) {
      const value = ((x + y) >> 3) & 0xff;
      for (let c = 0; c < channels; c++) data[p++] = c === 3 ? 0xff : (value + c * 40) & 0xff;
    }
  }
  return data;
}

/** The largest 8-bit RGBA PNG a decoded-size budget accepts (4000×3000 for 48 MB), with diagonal bands. */
export function largestPng(maxDecodedBytes: number): { file: Buffer; width: number; height: number } {
  const width = 4000;
  const height = Math.floor(maxDecodedBytes / (width * 4));
  const pixels = bands(width, height, 4);
  const rows = Buffer.alloc(height * (1 + width * 4));
  for (let y = 0; y < height; y++) pixels.copy(rows, y * (1 + width * 4) + 1, y * width * 4, (y + 1) * width * 4);
  return { file: pngOf(width, height, 8, 6, deflateSync(rows, { level: 6 })), width, height };
}

/** The largest baseline RGB JPEG a decoded-size budget accepts (4000×4000 for 48 MB), with diagonal bands. */
export async function largestJpeg(maxDecodedBytes: number): Promise<{ file: Buffer; width: number; height: number }> {
  const width = 4000;
  const height = Math.floor(maxDecodedBytes / (width * 3));
  const file = await sharp(bands(width, height, 3), { raw: { width, height, channels: 3 } })
    .jpeg({ quality: 85, chromaSubsampling: '4:4:4' })
    .toBuffer();
  return { file, width, height };
}
