import { noiseJpeg, noisePng } from './images';
import { eventually } from './process';

export const SUBMIT_DOCUMENT = /* GraphQL */ `
  mutation SubmitDocument($documentNumber: String!, $documentType: DocumentType!, $documentSide: DocumentSide!, $image: Upload!) {
    submitDocument(documentNumber: $documentNumber, documentType: $documentType, documentSide: $documentSide, image: $image) {
      token status documentType documentSide createdAt updatedAt reasons
    }
  }
`;

export const DOCUMENT_ANALYSIS = /* GraphQL */ `
  query DocumentAnalysis($documentNumber: String!, $token: String!) {
    documentAnalysis(documentNumber: $documentNumber, token: $token) { token status documentType documentSide reasons }
  }
`;

export interface UploadOptions {
  documentNumber: string;
  documentType: 'SELFIE' | 'RG' | 'CNH';
  documentSide?: 'FRONT' | 'BACK';
  file: Buffer | Blob;
  filename?: string;
  mimetype?: string;
  /** Sent as they are; `apollo-require-preflight: true` unless `preflight: false`. */
  headers?: Record<string, string>;
  preflight?: boolean;
}

/**
 * Submits a document as Apollo's upload clients do: a multipart body (GraphQL
 * multipart request spec) with `operations`, `map`, then the file, built with
 * Node's own FormData and Blob, and the CSRF preflight header.
 */
export async function uploadDocument(url: string, authorization: string, options: UploadOptions) {
  const {
    documentNumber,
    documentType,
    documentSide = 'FRONT',
    file,
    filename = 'photo.png',
    mimetype = 'image/png',
    headers = {},
    preflight = true,
  } = options;
  const form = new FormData();
  form.append(
    'operations',
    JSON.stringify({ query: SUBMIT_DOCUMENT, operationName: 'SubmitDocument', variables: { documentNumber, documentType, documentSide, image: null } }),
  );
  form.append('map', JSON.stringify({ 0: ['variables.image'] }));
  form.append('0', file instanceof Blob ? file : new Blob([file], { type: mimetype }), filename);
  const response = await fetch(url, {
    method: 'POST',
    headers: { authorization, ...(preflight ? { 'apollo-require-preflight': 'true' } : {}), ...headers },
    body: form,
  });
  const text = await response.text();
  let body: { data?: any; errors?: any[] };
  try {
    body = JSON.parse(text);
  } catch {
    throw new Error(`not JSON (${response.status}): ${text.slice(0, 300)}`);
  }
  return { status: response.status, body };
}

/** Polls the documentAnalysis query until the analysis has left ANALYZING; returns it. */
export async function finishedAnalysis(url: string, authorization: string, documentNumber: string, token: string, timeoutMs = 20_000) {
  return eventually(
    async () => {
      const response = await fetch(url, {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization },
        body: JSON.stringify({ query: DOCUMENT_ANALYSIS, variables: { documentNumber, token } }),
      });
      const body = (await response.json()) as { data?: any; errors?: any[] };
      if (body.errors) throw new Error(JSON.stringify(body.errors));
      const analysis = body.data.documentAnalysis;
      return analysis && analysis.status !== 'ANALYZING' && analysis;
    },
    timeoutMs,
    50,
  );
}

/**
 * Uploads a selfie, an RG front and an RG back (noise images of 400×400 px) for
 * `cpf` and waits until each is ANALYSIS_COMPLETED: the documentation of a
 * registration that passes the document prerequisite.
 */
export async function approvedDocuments(gateway: { url: string }, cpf: string, authorization: string) {
  const submit = async (documentType: 'SELFIE' | 'RG', documentSide: 'FRONT' | 'BACK', file: Buffer, filename: string, mimetype: string) => {
    const { body } = await uploadDocument(gateway.url, authorization, { documentNumber: cpf, documentType, documentSide, file, filename, mimetype });
    if (body.errors) throw new Error(`submitDocument ${documentType} ${documentSide}: ${JSON.stringify(body.errors)}`);
    const token = body.data.submitDocument.token as string;
    const finished = await finishedAnalysis(gateway.url, authorization, cpf, token);
    if (finished.status !== 'ANALYSIS_COMPLETED') throw new Error(`${documentType} ${documentSide} ended ${finished.status}`);
    return token;
  };
  const selfie = await submit('SELFIE', 'FRONT', noisePng(400, 400, 11), 'selfie.png', 'image/png');
  const idCardFront = await submit('RG', 'FRONT', noiseJpeg(400, 400, 12), 'rg-front.jpg', 'image/jpeg');
  const idCardBack = await submit('RG', 'BACK', noisePng(400, 400, 13), 'rg-back.png', 'image/png');
  return { selfie, idCardFront, idCardBack };
}
