import type { IncomingMessage } from 'node:http';
import { Busboy, BusboyInstance } from '@fastify/busboy';
import { Upload } from './upload';
import { PlatformError } from '../platform-errors';

/**
 * The GraphQL multipart request spec (fields `operations`, `map`, then the
 * files), parsed with @fastify/busboy. The whole body is parsed — and refused
 * with a MultipartError on any malformation — before the operation runs, so a
 * broken part can never surface after an answer was sent; the one file is held
 * in memory up to `maxFileBytes + 1` (the resolver refuses it as
 * IMAGE_TOO_LARGE at that byte, and the rest of the body is never read).
 * This module owns every error event of the parser and of its file streams for
 * their whole lifetime: nothing it starts can throw outside a request.
 */
export const SPEC_URL = 'https://github.com/jaydenseric/graphql-multipart-request-spec';

export class MultipartError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
  ) {
    super(message);
  }
}

export interface MultipartLimits {
  maxFiles: number;
  /** Past this many bytes the file is cut off (one byte more is kept, so the resolver sees it is too large). */
  maxFileBytes: number;
  /** `operations` and `map` each at most this many bytes. */
  maxFieldBytes: number;
}

// Control characters (NUL, CR, LF…) have no place in a field name or a file name.

const CONTROL = /[\u0000-\u001f\u007f]/;
const FORBIDDEN_KEYS = new Set(['__proto__', 'prototype', 'constructor']);

const badRequest = (message: string) => new MultipartError(400, PlatformError.BAD_REQUEST, `Invalid multipart request: ${message} (${SPEC_URL}).`);

const MAX_PART_HEADER = 8 * 1024;

/**
 * Watches the raw body for part header blocks busboy would silently cut short
 * (it stops at a line without a colon, or at a bare CR or LF, and goes on with
 * the headers before it): every header line must be `Name: value` without
 * control characters. Returns an error message, or null while all is well.
 */
export function partHeaderScanner(boundary: string): (chunk: Buffer) => string | null {
  const delimiter = `\r\n--${boundary}`;
  let carry = '\r\n'; // the first delimiter needs no CRLF before it
  let inHeader = false;
  let closed = false;
  return (chunk) => {
    if (closed) return null;
    const text = carry + chunk.toString('latin1');
    let pos = 0;
    for (;;) {
      if (!inHeader) {
        const at = text.indexOf(delimiter, pos);
        if (at === -1) {
          carry = text.slice(Math.max(pos, text.length - delimiter.length - 2));
          return null;
        }
        const after = at + delimiter.length;
        if (after + 2 > text.length) {
          carry = text.slice(at);
          return null;
        }
        const next = text.slice(after, after + 2);
        if (next === '--') {
          closed = true; // the closing delimiter: the epilogue is not ours to judge
          return null;
        }
        pos = after + 2;
        inHeader = next === '\r\n' || /^[ \t]/.test(next); // transport padding may follow a delimiter
        if (!inHeader) pos = at + 1;
        else if (next !== '\r\n') {
          const eol = text.indexOf('\r\n', after);
          if (eol === -1 || /[^ \t]/.test(text.slice(after, eol))) return 'a part delimiter is followed by other text';
          pos = eol + 2;
        }
        continue;
      }
      if (text.length - pos < 2) {
        carry = text.slice(pos);
        return null;
      }
      if (text.startsWith('\r\n', pos)) {
        // a part without headers
        inHeader = false;
        pos += 2;
        continue;
      }
      const end = text.indexOf('\r\n\r\n', pos);
      if (end === -1) {
        if (text.length - pos > MAX_PART_HEADER) return 'a part header is too large';
        carry = text.slice(pos);
        return null;
      }
      if (end - pos > MAX_PART_HEADER) return 'a part header is too large';
      for (const line of text.slice(pos, end).split('\r\n')) {
        if (/[\u0000-\u0008\u000a-\u001f\u007f]/.test(line)) return 'a part header holds a control character';
        if (!/^[ \t]/.test(line) && !/^[^:\s][^:]*:/.test(line)) return 'a part header line is not `Name: value`';
      }
      inHeader = false;
      pos = end + 4;
    }
  };
}

/** Puts `value` at a dotted path (`variables.image`, `0.variables.files.1`) of the operations, which must lead to an existing object or array. */
function setPath(target: unknown, path: string, value: unknown): boolean {
  const keys = path.split('.');
  let node = target;
  for (let i = 0; i < keys.length; i++) {
    if (typeof node !== 'object' || node === null || FORBIDDEN_KEYS.has(keys[i])) return false;
    const container = node as Record<string, unknown>;
    if (i === keys.length - 1) {
      if (!Object.prototype.hasOwnProperty.call(container, keys[i])) return false;
      container[keys[i]] = value;
      return true;
    }
    if (!Object.prototype.hasOwnProperty.call(container, keys[i])) return false;
    node = container[keys[i]];
  }
  return false;
}

function parseJsonField(name: string, text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    throw badRequest(`the '${name}' field is not JSON`);
  }
}

/**
 * Parses a multipart request into the operation body (its files as Upload
 * values). Rejects with a MultipartError (400 malformed, 413 too many files or
 * a field too large); rejects with status 499 when the client went away.
 */
export function parseMultipart(req: IncomingMessage, limits: MultipartLimits): Promise<unknown> {
  return new Promise((resolve, reject) => {
    let parser: BusboyInstance;
    try {
      parser = Busboy({
        headers: req.headers as { 'content-type': string },
        limits: {
          fields: 2,
          files: limits.maxFiles,
          parts: 2 + limits.maxFiles,
          fieldSize: limits.maxFieldBytes,
          fileSize: limits.maxFileBytes + 1,
          fieldNameSize: 100,
          headerPairs: 20,
        },
      });
    } catch (error) {
      // No boundary, or not multipart at all: thrown at construction.
      reject(badRequest(String((error as Error).message ?? error)));
      return;
    }

    const boundary = /;\s*boundary\s*=\s*(?:"([^"]+)"|([^;\s]+))/i.exec(req.headers['content-type'] ?? '');
    const scan = partHeaderScanner(boundary?.[1] ?? boundary?.[2] ?? '');
    let operations: unknown;
    let map: Map<string, string[]> | null = null;
    const uploads = new Map<string, Upload>();
    let settled = false;

    /** Ends the parse once: detaches the parser from the request, leaving its error listener in place for good. */
    const settle = (error: Error | null, value?: unknown) => {
      if (settled) return;
      settled = true;
      req.unpipe(parser);
      req.off('data', scanChunk);
      req.off('aborted', aborted);
      req.off('error', aborted);
      if (error) {
        for (const upload of uploads.values()) upload.reject(error);
        reject(error);
      } else {
        resolve(value);
      }
      // Whatever of the body is left (after a refusal or the size cut-off) is discarded, never parsed or held.
      if (!req.readableEnded) req.resume();
    };
    const fail = (error: Error) => settle(error);
    const aborted = () => settle(new MultipartError(499, PlatformError.BAD_REQUEST, 'The client went away during the upload.'));
    /** Every listener below runs inside the parser's emit: whatever it throws is this request's refusal, never the process's. */
    const guard =
      <A extends unknown[]>(listener: (...args: A) => void) =>
      (...args: A) => {
        try {
          listener(...args);
        } catch (error) {
          fail(error instanceof MultipartError ? error : badRequest('the body could not be read'));
        }
      };
    const scanChunk = guard((chunk: Buffer) => {
      const problem = scan(chunk);
      if (problem) fail(badRequest(problem));
    });

    // Every error the parser raises, at any time — also after it was detached — ends here and nowhere else.
    parser.on('error', (error: unknown) => fail(error instanceof MultipartError ? error : badRequest(String((error as Error)?.message ?? error))));
    parser.on('partsLimit', () => fail(new MultipartError(413, PlatformError.TOO_MANY_FILES, `${limits.maxFiles} max file uploads exceeded.`)));
    parser.on('filesLimit', () => fail(new MultipartError(413, PlatformError.TOO_MANY_FILES, `${limits.maxFiles} max file uploads exceeded.`)));
    parser.on('fieldsLimit', () => fail(badRequest('only the fields operations and map may precede the files')));

    parser.on(
      'field',
      guard((name: string, value: string, nameTruncated: boolean, valueTruncated: boolean) => {
        if (settled) return;
        if (nameTruncated || CONTROL.test(name)) return fail(badRequest('a field name is invalid'));
        if (valueTruncated)
          return fail(new MultipartError(413, PlatformError.REQUEST_TOO_LARGE, `The '${name}' multipart field is larger than ${limits.maxFieldBytes} bytes.`));
        if (name === 'operations') {
          if (operations !== undefined) return fail(badRequest("the 'operations' field is repeated"));
          operations = parseJsonField(name, value);
          if (typeof operations !== 'object' || operations === null) return fail(badRequest("the 'operations' field must be a JSON object or array"));
          return;
        }
        if (name !== 'map') return fail(badRequest(`unexpected field '${name}'`));
        if (operations === undefined) return fail(badRequest("'map' must follow 'operations'"));
        if (map) return fail(badRequest("the 'map' field is repeated"));
        const parsed = parseJsonField(name, value);
        if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) return fail(badRequest("the 'map' field must be a JSON object"));
        const entries = Object.entries(parsed);
        if (entries.length > limits.maxFiles)
          return fail(new MultipartError(413, PlatformError.TOO_MANY_FILES, `${limits.maxFiles} max file uploads exceeded.`));
        map = new Map();
        for (const [key, paths] of entries) {
          if (CONTROL.test(key) || !Array.isArray(paths) || paths.length === 0 || !paths.every((path) => typeof path === 'string')) {
            return fail(badRequest(`the 'map' entry '${key}' must be an array of paths`));
          }
          const upload = new Upload();
          for (const path of paths as string[]) {
            if (!setPath(operations, path, upload)) return fail(badRequest(`the 'map' path '${path}' does not name a variable of the operations`));
          }
          map.set(key, paths as string[]);
          uploads.set(key, upload);
        }
      }),
    );

    parser.on(
      'file',
      guard((name: string, stream: NodeJS.ReadableStream, filename: string, encoding: string, mimetype: string) => {
        // The stream's own errors (a part cut short) are this parse's: never left without a listener.
        stream.on('error', () => fail(badRequest('a file part ends early')));
        if (settled) return void stream.resume();
        if (!map) return fail(badRequest("files must follow 'operations' and 'map'"));
        if (CONTROL.test(name) || CONTROL.test(filename ?? '')) return fail(badRequest('a field or file name holds a control character'));
        const upload = uploads.get(name);
        if (!upload || upload.file) return fail(badRequest(`the file '${name}' is not in the 'map' (or is repeated)`));
        const chunks: Buffer[] = [];
        let total = 0;
        stream.on('data', (chunk: Buffer) => {
          if (settled) return;
          chunks.push(chunk);
          total += chunk.length;
        });
        const done = () => upload.receive({ filename, mimetype, encoding }, Buffer.concat(chunks, total));
        // Cut off one byte past the limit: the file is complete as far as the resolver needs (it refuses it), the rest of the body is dropped now.
        stream.on(
          'limit',
          guard(() => {
            if (settled) return;
            done();
            finish();
          }),
        );
        stream.on(
          'end',
          guard(() => {
            if (!settled && !upload.file) done();
          }),
        );
      }),
    );

    const finish = () => {
      if (settled) return;
      if (operations === undefined) return fail(badRequest("the 'operations' field is missing"));
      if (!map) return fail(badRequest("the 'map' field is missing"));
      for (const [key, upload] of uploads) if (!upload.file) return fail(badRequest(`the file '${key}' is missing`));
      settle(null, operations);
    };
    parser.on('finish', guard(finish));
    req.on('data', scanChunk); // before the pipe's own listener: a chunk is judged before busboy parses it
    req.on('aborted', aborted);
    req.on('error', aborted);
    req.pipe(parser);
  });
}
