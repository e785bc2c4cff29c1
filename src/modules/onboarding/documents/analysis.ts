import type Sharp from 'sharp';
import { SANDBOX_DATA_RECUSED_CPFS } from '../registration.rules';
import { DOCUMENT_REASONS, DocumentAnalysisStatus } from './document.enums';
import { MAX_IMAGE_PIXELS } from './image-check';

/**
 * Our own analysis rules, deterministic (the provider's are not published):
 * - a CPF of SANDBOX_DATA_RECUSED_CPFS → DATA_RECUSED, reason DATA_MISMATCH;
 * - an image that does not decode → UNEXPECTED_ERROR, reason UNDECODABLE_IMAGE;
 * - smaller than MIN_SIDE × MIN_SIDE px → PHOTO_RECUSED, reason IMAGE_TOO_SMALL;
 * - one flat colour (luminance standard deviation under FLAT_STDDEV on a
 *   GRID × GRID sample) → PHOTO_RECUSED, reason FLAT_IMAGE;
 * - else ANALYSIS_COMPLETED.
 * The image is decoded by libvips (sharp) on the libuv thread pool, never on
 * the event loop, in one sequential pass straight down to the GRID × GRID
 * sample the rules read (a JPEG shrinks on load): the full-size pixels are
 * never held. The upload check already bounded the decoded size
 * (DOCUMENT_MAX_DECODED_BYTES); `limitInputPixels` guards this step anyway.
 */
export const MIN_SIDE = 320;
export const FLAT_STDDEV = 4;
const GRID = 64;

/** sharp (libvips) is loaded by the first analysis: most processes, and most test files, never decode an image. */
let imageLibrary: typeof Sharp | undefined;
function sharpLibrary(): typeof Sharp {
  if (!imageLibrary) {
    // Loaded lazily on purpose (see above); the type comes from the type import.
    imageLibrary = require('sharp') as typeof Sharp;
    // libvips' operation cache would keep decoded images alive between analyses: memory for nothing here.
    imageLibrary.cache(false);
  }
  return imageLibrary;
}

export interface AnalysisOutcome {
  status: DocumentAnalysisStatus;
  reasons: string[] | null;
}

/** Standard deviation of 8-bit luminance samples. */
export function luminanceStdDev(samples: Uint8Array): number {
  let sum = 0;
  let squares = 0;
  for (const luminance of samples) {
    sum += luminance;
    squares += luminance * luminance;
  }
  const mean = sum / samples.length;
  return Math.sqrt(Math.max(0, squares / samples.length - mean * mean));
}

/** The image's size and its 8-bit luminance (libvips' greyscale, 16-bit scaled down) on a GRID × GRID sample of nearest pixels, or null when it does not decode. */
async function sample(bytes: Buffer): Promise<{ width: number; height: number; luminance: Uint8Array } | null> {
  try {
    const image = sharpLibrary()(bytes, { limitInputPixels: MAX_IMAGE_PIXELS, sequentialRead: true, failOn: 'error', autoOrient: false });
    const { width, height } = await image.metadata(); // the header only
    if (!width || !height) return null;
    const { data } = await image
      .resize(Math.min(GRID, width), Math.min(GRID, height), { fit: 'fill', kernel: 'nearest' })
      .greyscale()
      .raw({ depth: 'uchar' })
      .toBuffer({ resolveWithObject: true });
    return { width, height, luminance: data };
  } catch {
    return null;
  }
}

export async function analyseDocument(documentNumber: string, bytes: Buffer, _contentType: string): Promise<AnalysisOutcome> {
  if (SANDBOX_DATA_RECUSED_CPFS.has(documentNumber)) return { status: DocumentAnalysisStatus.DATA_RECUSED, reasons: [DOCUMENT_REASONS.DATA_MISMATCH] };
  const image = await sample(bytes);
  if (!image) return { status: DocumentAnalysisStatus.UNEXPECTED_ERROR, reasons: [DOCUMENT_REASONS.UNDECODABLE_IMAGE] };
  if (image.width < MIN_SIDE || image.height < MIN_SIDE) return { status: DocumentAnalysisStatus.PHOTO_RECUSED, reasons: [DOCUMENT_REASONS.IMAGE_TOO_SMALL] };
  if (luminanceStdDev(image.luminance) < FLAT_STDDEV) return { status: DocumentAnalysisStatus.PHOTO_RECUSED, reasons: [DOCUMENT_REASONS.FLAT_IMAGE] };
  return { status: DocumentAnalysisStatus.ANALYSIS_COMPLETED, reasons: null };
}
