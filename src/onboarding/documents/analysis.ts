import { inflateSync } from 'node:zlib';
import * as jpeg from 'jpeg-js';
import { PNG } from 'pngjs';
import { SANDBOX_DATA_RECUSED_CPFS } from '../registration.rules';
import { DOCUMENT_REASONS, DocumentAnalysisStatus } from './document.enums';
import { MAX_IMAGE_PIXELS } from './image-check';

/**
 * Our own analysis rules, deterministic (the provider's are not published):
 * - a CPF of SANDBOX_DATA_RECUSED_CPFS → DATA_RECUSED, reason DATA_MISMATCH;
 * - an image that does not decode → UNEXPECTED_ERROR, reason UNDECODABLE_IMAGE;
 * - smaller than MIN_SIDE × MIN_SIDE px → PHOTO_RECUSED, reason IMAGE_TOO_SMALL;
 * - one flat colour (luminance standard deviation under FLAT_STDDEV on a
 *   sampled grid) → PHOTO_RECUSED, reason FLAT_IMAGE;
 * - else ANALYSIS_COMPLETED.
 */
export const MIN_SIDE = 320;
export const FLAT_STDDEV = 4;
const GRID = 64;

export interface AnalysisOutcome {
  status: DocumentAnalysisStatus;
  reasons: string[] | null;
}

interface Decoded {
  width: number;
  height: number;
  /** RGBA, 4 bytes a pixel. */
  data: Uint8Array;
}

/**
 * The PNG's compressed pixel data inflates: pngjs's synchronous reader can
 * return an all-zero image for a broken stream instead of failing, which would
 * be judged FLAT_IMAGE rather than undecodable. (Chunks were checked on upload.)
 */
function pngDataInflates(bytes: Buffer, width: number, height: number): boolean {
  const parts: Buffer[] = [];
  for (let offset = 8; offset + 12 <= bytes.length;) {
    const length = bytes.readUInt32BE(offset);
    if (bytes.toString('latin1', offset + 4, offset + 8) === 'IDAT') parts.push(bytes.subarray(offset + 8, offset + 8 + length));
    offset += 12 + length;
  }
  try {
    // At most 8 bytes a pixel (16-bit RGBA) plus a filter byte a row: a bomb stops there.
    return inflateSync(Buffer.concat(parts), { maxOutputLength: width * height * 8 + height * 8 }).length > 0;
  } catch {
    return false;
  }
}

function decode(bytes: Buffer, contentType: string): Decoded | null {
  try {
    if (contentType === 'image/png') return pngDataInflates(bytes, bytes.readUInt32BE(16), bytes.readUInt32BE(20)) ? PNG.sync.read(bytes) : null;
    // Memory caps: the upload check already bounds the dimensions; these stop a hostile header anyway.
    return jpeg.decode(bytes, { useTArray: true, formatAsRGBA: true, maxResolutionInMP: MAX_IMAGE_PIXELS / 1_000_000, maxMemoryUsageInMB: 512 });
  } catch {
    return null;
  }
}

/** Standard deviation of the luminance over a GRID × GRID sample of the image. */
export function luminanceStdDev({ width, height, data }: Decoded): number {
  let sum = 0;
  let squares = 0;
  let count = 0;
  const stepsX = Math.min(GRID, width);
  const stepsY = Math.min(GRID, height);
  for (let j = 0; j < stepsY; j++) {
    const y = Math.floor(((j + 0.5) * height) / stepsY);
    for (let i = 0; i < stepsX; i++) {
      const x = Math.floor(((i + 0.5) * width) / stepsX);
      const p = (y * width + x) * 4;
      const luminance = 0.299 * data[p] + 0.587 * data[p + 1] + 0.114 * data[p + 2];
      sum += luminance;
      squares += luminance * luminance;
      count += 1;
    }
  }
  const mean = sum / count;
  return Math.sqrt(Math.max(0, squares / count - mean * mean));
}

export function analyseDocument(documentNumber: string, bytes: Buffer, contentType: string): AnalysisOutcome {
  if (SANDBOX_DATA_RECUSED_CPFS.has(documentNumber)) return { status: DocumentAnalysisStatus.DATA_RECUSED, reasons: [DOCUMENT_REASONS.DATA_MISMATCH] };
  const image = decode(bytes, contentType);
  if (!image || image.width < 1 || image.height < 1) return { status: DocumentAnalysisStatus.UNEXPECTED_ERROR, reasons: [DOCUMENT_REASONS.UNDECODABLE_IMAGE] };
  if (image.width < MIN_SIDE || image.height < MIN_SIDE) return { status: DocumentAnalysisStatus.PHOTO_RECUSED, reasons: [DOCUMENT_REASONS.IMAGE_TOO_SMALL] };
  if (luminanceStdDev(image) < FLAT_STDDEV) return { status: DocumentAnalysisStatus.PHOTO_RECUSED, reasons: [DOCUMENT_REASONS.FLAT_IMAGE] };
  return { status: DocumentAnalysisStatus.ANALYSIS_COMPLETED, reasons: null };
}
