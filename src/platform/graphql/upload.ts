import { Readable } from 'node:stream';
import { GraphQLError, GraphQLScalarType } from 'graphql';

/** A file of a multipart request, as the resolver reads it. */
export interface FileUpload {
  filename: string;
  mimetype: string;
  encoding: string;
  /** The file's bytes (at most DOCUMENT_MAX_BYTES + 1: the parser cuts it off there). */
  createReadStream(): Readable;
}

/**
 * One file of a multipart request (src/platform/graphql/multipart.ts puts it in the
 * operation's variables): settled before the operation runs, received or
 * refused with the request.
 */
export class Upload {
  readonly promise: Promise<FileUpload>;
  file: FileUpload | null = null;
  private settle!: { resolve: (file: FileUpload) => void; reject: (error: Error) => void };

  constructor() {
    this.promise = new Promise<FileUpload>((resolve, reject) => (this.settle = { resolve, reject }));
    this.promise.catch(() => undefined); // a refused request may never reach a resolver
  }

  receive(info: Omit<FileUpload, 'createReadStream'>, bytes: Buffer): void {
    this.file = { ...info, createReadStream: () => Readable.from([bytes]) };
    this.settle.resolve(this.file);
  }

  reject(error: Error): void {
    this.settle.reject(error);
  }
}

/** What the `Upload` scalar gives a resolver for anything but a file of a multipart request. */
export const NOT_A_FILE = Symbol('not a file upload');
export type MaybeUpload = Promise<FileUpload> | typeof NOT_A_FILE;

export function isFileUpload(value: MaybeUpload): value is Promise<FileUpload> {
  return value !== NOT_A_FILE;
}

/**
 * A file of a multipart request (GraphQL multipart request spec, parsed in
 * src/platform/graphql/multipart.ts). A value that is not one — JSON, an inline
 * literal, any WebSocket operation — reaches the resolver as NOT_A_FILE, which
 * answers UPLOAD_REQUIRED rather than a generic input error.
 */
export const UploadScalar = new GraphQLScalarType<MaybeUpload, never>({
  name: 'Upload',
  description:
    'A file sent in a multipart request (GraphQL multipart request spec: fields `operations`, `map`, then the file). ' +
    'JSON and WebSocket operations cannot carry one.',
  parseValue: (value) => (value instanceof Upload ? value.promise : NOT_A_FILE),
  parseLiteral: () => NOT_A_FILE,
  serialize: () => {
    throw new GraphQLError('Upload is an input-only type');
  },
});
