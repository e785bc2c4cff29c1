import * as jpeg from 'jpeg-js';
import { PNG } from 'pngjs';

/**
 * Test images made on the fly: noise (passes our analysis), one flat colour
 * (FLAT_IMAGE), small ones (IMAGE_TOO_SMALL). Deterministic per seed.
 */
function pixels(width: number, height: number, seed: number, flat: boolean): Buffer {
  const data = Buffer.alloc(width * height * 4);
  let state = seed >>> 0 || 1;
  for (let i = 0; i < data.length; i += 4) {
    if (flat) {
      data[i] = 120; data[i + 1] = 130; data[i + 2] = 140;
    } else {
      state ^= state << 13; state ^= state >>> 17; state ^= state << 5; // xorshift32
      data[i] = state & 0xff; data[i + 1] = (state >>> 8) & 0xff; data[i + 2] = (state >>> 16) & 0xff;
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
