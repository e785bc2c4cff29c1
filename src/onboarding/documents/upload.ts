import { GraphQLError, GraphQLScalarType } from 'graphql';
import { FileUpload, Upload } from 'graphql-upload-minimal';

/** What the `Upload` scalar gives a resolver for anything but a file of a multipart request. */
export const NOT_A_FILE = Symbol('not a file upload');
export type MaybeUpload = Promise<FileUpload> | typeof NOT_A_FILE;

export function isFileUpload(value: MaybeUpload): value is Promise<FileUpload> {
  return value !== NOT_A_FILE;
}

/**
 * A file of a multipart request (GraphQL multipart request spec, parsed by
 * graphql-upload-minimal in src/pipeline/http.ts). A value that is not one —
 * JSON, an inline literal, any WebSocket operation — reaches the resolver as
 * NOT_A_FILE, which answers UPLOAD_REQUIRED rather than a generic input error.
 */
export const UploadScalar = new GraphQLScalarType<MaybeUpload, never>({
  name: 'Upload',
  description: 'A file sent in a multipart request (GraphQL multipart request spec: fields `operations`, `map`, then the file). '
    + 'JSON and WebSocket operations cannot carry one.',
  parseValue: (value) => (value instanceof Upload ? value.promise : NOT_A_FILE),
  parseLiteral: () => NOT_A_FILE,
  serialize: () => {
    throw new GraphQLError('Upload is an input-only type');
  },
});
