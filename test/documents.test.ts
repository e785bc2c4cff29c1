import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { crc32 } from 'node:zlib';
import { loadConfig } from '../src/platform/config';
import { analyseDocument } from '../src/modules/onboarding/documents/analysis';
import { checkImage } from '../src/modules/onboarding/documents/image-check';
import { startTestGateway, TestGateway, testDocumentsConfig, tokenFor } from './support/gateway';
import { approvedDocuments, DOCUMENT_ANALYSIS, finishedAnalysis, SUBMIT_DOCUMENT, uploadDocument } from './support/documents';
import { flatPng, noiseJpeg, noisePng } from './support/images';
import { eventually } from './support/process';
import { REGISTER, uniqueCpf, validRegistration } from './support/registration';
import { Receiver } from './support/webhook-receiver';
import { subscribe, wsClient } from './support/ws';

/** Every file under `dir`, recursively (the directory storage's objects). */
function storedFiles(dir: string): string[] {
  try {
    return readdirSync(dir, { recursive: true, withFileTypes: true })
      .filter((entry) => entry.isFile())
      .map((entry) => join(entry.parentPath, entry.name));
  } catch {
    return [];
  }
}

const SUBSCRIPTION = /* GraphQL */ `
  subscription Follow($documentNumber: String!, $token: String!) {
    documentAnalysis(documentNumber: $documentNumber, token: $token) { token status reasons }
  }
`;

const receiver = new Receiver();

let gw: TestGateway;
let partner: string;
beforeAll(async () => {
  await receiver.start();
  // The document prerequisite on, as in production; analyses wait long enough for a subscriber to see ANALYZING first.
  gw = await startTestGateway('documents', {
    evaluationDelayMs: 200,
    documents: testDocumentsConfig('documents', { acceptUnverified: false, analysisDelayMs: 800 }),
    webhooks: { ...loadConfig().webhooks, allowedHosts: ['127.0.0.1'], backoffBaseMs: 100, backoffMaxMs: 400 },
  });
  partner = `Bearer ${await tokenFor({ sub: 'partner-docs', scope: 'customer.read customer.write webhook.read webhook.write' })}`;
});
afterAll(async () => {
  await gw.stop();
  await receiver.stop();
});

const upload = (options: Parameters<typeof uploadDocument>[2], authorization = partner) => uploadDocument(gw.url, authorization, options);
const codeOf = (body: { errors?: any[] }) => body.errors?.[0]?.extensions?.code;
const rowCount = async (cpf: string) => Number((await gw.dataSource.query('SELECT COUNT(*) AS n FROM document_analyses WHERE documentNumber = ?', [cpf]))[0].n);

describe('document analysis', () => {
  it('takes a selfie, then an RG front and back; the subscription sees ANALYZING then ANALYSIS_COMPLETED', async () => {
    const cpf = uniqueCpf();
    const { status, body } = await upload({ documentNumber: cpf, documentType: 'SELFIE', file: noisePng(400, 400, 1) });
    expect(status).toBe(200);
    expect(body.errors).toBeUndefined();
    const selfie = body.data.submitDocument;
    expect(selfie).toMatchObject({ status: 'ANALYZING', documentType: 'SELFIE', documentSide: 'FRONT', reasons: null });
    expect(selfie.token).toMatch(/^[0-9a-f]{32}$/);

    const client = wsClient(gw.url, { authorization: partner });
    try {
      const sub = subscribe(client, SUBSCRIPTION, { documentNumber: cpf, token: selfie.token }, (d) => d.documentAnalysis);
      const states = await sub.waitFor(2);
      await sub.completed;
      expect(states.map((s) => s.status)).toEqual(['ANALYZING', 'ANALYSIS_COMPLETED']);
      expect(sub.errors).toEqual([]);
    } finally {
      await client.dispose();
    }

    for (const [documentSide, file] of [
      ['FRONT', noiseJpeg(400, 400, 2)],
      ['BACK', noisePng(400, 400, 3)],
    ] as const) {
      const res = await upload({ documentNumber: cpf, documentType: 'RG', documentSide, file });
      expect(res.body.errors).toBeUndefined();
      const done = await finishedAnalysis(gw.url, partner, cpf, res.body.data.submitDocument.token);
      expect(done).toMatchObject({ status: 'ANALYSIS_COMPLETED', documentType: 'RG', documentSide, reasons: null });
    }
  });

  it('refuses what is not a complete JPEG or PNG (INVALID_IMAGE) and stores nothing', async () => {
    const cpf = uniqueCpf();
    const before = storedFiles(gw.config.documents.storage.dir).length;
    const text = await upload({ documentNumber: cpf, documentType: 'SELFIE', file: Buffer.from('just some text, not an image\n'), filename: 'selfie.png' });
    expect(codeOf(text.body)).toBe('INVALID_IMAGE');
    expect(text.body.errors![0].extensions.fields).toEqual([expect.objectContaining({ field: 'image', code: 'INVALID_IMAGE' })]);
    const jpeg = noiseJpeg(400, 400, 4);
    const truncated = await upload({
      documentNumber: cpf,
      documentType: 'SELFIE',
      file: jpeg.subarray(0, Math.floor(jpeg.length * 0.7)),
      filename: 'a.jpg',
      mimetype: 'image/jpeg',
    });
    expect(codeOf(truncated.body)).toBe('INVALID_IMAGE');
    const png = noisePng(400, 400, 5);
    const corrupt = Buffer.from(png);
    corrupt[png.length - 40] ^= 0xff; // one flipped byte: its chunk's CRC no longer matches
    expect(codeOf((await upload({ documentNumber: cpf, documentType: 'SELFIE', file: corrupt })).body)).toBe('INVALID_IMAGE');
    expect(await rowCount(cpf)).toBe(0);
    expect(storedFiles(gw.config.documents.storage.dir)).toHaveLength(before);
  });

  it('cuts off a 20 MB upload at DOCUMENT_MAX_BYTES (IMAGE_TOO_LARGE, 413) without storing anything', async () => {
    const cpf = uniqueCpf();
    const before = storedFiles(gw.config.documents.storage.dir).length;
    const big = Buffer.alloc(20 * 1024 * 1024, 7);
    noisePng(400, 400, 6).copy(big); // starts like a real PNG: only the size refuses it
    const { status, body } = await upload({ documentNumber: cpf, documentType: 'SELFIE', file: big });
    expect(status).toBe(413);
    expect(codeOf(body)).toBe('IMAGE_TOO_LARGE');
    expect(body.errors![0].extensions.limit).toBe(gw.config.documents.maxBytes);
    expect(await rowCount(cpf)).toBe(0);
    expect(storedFiles(gw.config.documents.storage.dir)).toHaveLength(before);
  });

  it('refuses absurd dimensions (INVALID_IMAGE_DIMENSIONS) from the header alone', async () => {
    const png = noisePng(400, 400, 7);
    // Width 20000 px in IHDR, with its CRC recomputed: structurally valid, dimensions not.
    png.writeUInt32BE(20_000, 16);
    png.writeUInt32BE(crc32(png.subarray(12, 29)), 29);
    const { body } = await upload({ documentNumber: uniqueCpf(), documentType: 'SELFIE', file: png });
    expect(codeOf(body)).toBe('INVALID_IMAGE_DIMENSIONS');
  });

  it('takes ID photos only after an approved selfie (SELFIE_REQUIRED_FIRST); a SELFIE has no BACK', async () => {
    const cpf = uniqueCpf();
    expect(codeOf((await upload({ documentNumber: cpf, documentType: 'RG', documentSide: 'FRONT', file: noisePng() })).body)).toBe('SELFIE_REQUIRED_FIRST');
    const back = await upload({ documentNumber: cpf, documentType: 'SELFIE', documentSide: 'BACK', file: noisePng() });
    expect(codeOf(back.body)).toBe('INVALID_DOCUMENT_SIDE');
    expect(back.body.errors![0].extensions.fields).toEqual([expect.objectContaining({ field: 'documentSide', code: 'INVALID_DOCUMENT_SIDE' })]);
    // A refused selfie does not open the way either.
    const flat = await upload({ documentNumber: cpf, documentType: 'SELFIE', file: flatPng() });
    await finishedAnalysis(gw.url, partner, cpf, flat.body.data.submitDocument.token);
    expect(codeOf((await upload({ documentNumber: cpf, documentType: 'CNH', documentSide: 'FRONT', file: noisePng() })).body)).toBe('SELFIE_REQUIRED_FIRST');
  });

  it("refuses tiny and flat photos (PHOTO_RECUSED) and the sandbox CPFs' data (DATA_RECUSED)", async () => {
    const cpf = uniqueCpf();
    const tiny = await upload({ documentNumber: cpf, documentType: 'SELFIE', file: noisePng(100, 100, 8) });
    const flat = await upload({ documentNumber: cpf, documentType: 'SELFIE', file: flatPng(400, 400) });
    const sandbox = await upload({ documentNumber: '39621857473', documentType: 'SELFIE', file: noisePng(400, 400, 9) });
    expect(await finishedAnalysis(gw.url, partner, cpf, tiny.body.data.submitDocument.token)).toMatchObject({
      status: 'PHOTO_RECUSED',
      reasons: ['IMAGE_TOO_SMALL'],
    });
    expect(await finishedAnalysis(gw.url, partner, cpf, flat.body.data.submitDocument.token)).toMatchObject({
      status: 'PHOTO_RECUSED',
      reasons: ['FLAT_IMAGE'],
    });
    expect(await finishedAnalysis(gw.url, partner, '39621857473', sandbox.body.data.submitDocument.token)).toMatchObject({
      status: 'DATA_RECUSED',
      reasons: ['DATA_MISMATCH'],
    });
  });

  it('goes by the content: a PNG named .jpg and declared image/jpeg is taken, and stored, as a PNG', async () => {
    const cpf = uniqueCpf();
    const { body } = await upload({
      documentNumber: cpf,
      documentType: 'SELFIE',
      file: noisePng(400, 400, 10),
      filename: 'selfie.jpg',
      mimetype: 'image/jpeg',
    });
    expect(body.errors).toBeUndefined();
    const { token } = body.data.submitDocument;
    const [row] = await gw.dataSource.query('SELECT contentType, storageKey, width, height FROM document_analyses WHERE token = ?', [token]);
    expect(row).toMatchObject({ contentType: 'image/png', storageKey: `${cpf}/${token}.png`, width: 400, height: 400 });
    expect(storedFiles(gw.config.documents.storage.dir).some((file) => file.endsWith(`${token}.png`))).toBe(true);
    expect(await finishedAnalysis(gw.url, partner, cpf, token)).toMatchObject({ status: 'ANALYSIS_COMPLETED' });
  });

  it("keeps Apollo's CSRF prevention: a multipart request without a preflight header is refused unread", async () => {
    const cpf = uniqueCpf();
    const { status, body } = await upload({ documentNumber: cpf, documentType: 'SELFIE', file: noisePng(), preflight: false });
    expect(status).toBe(400);
    expect(codeOf(body)).toBe('BAD_REQUEST');
    expect(body.errors![0].message).toMatch(/Cross-Site Request Forgery/);
    expect(await rowCount(cpf)).toBe(0);
    // x-apollo-operation-name is Apollo's other preflight header.
    const named = await upload({
      documentNumber: cpf,
      documentType: 'SELFIE',
      file: noisePng(),
      preflight: false,
      headers: { 'x-apollo-operation-name': 'SubmitDocument' },
    });
    expect(named.body.errors).toBeUndefined();
  });

  it('takes one file per request (TOO_MANY_FILES)', async () => {
    const form = new FormData();
    form.append(
      'operations',
      JSON.stringify({ query: SUBMIT_DOCUMENT, variables: { documentNumber: uniqueCpf(), documentType: 'SELFIE', documentSide: 'FRONT', image: null } }),
    );
    form.append('map', JSON.stringify({ 0: ['variables.image'], 1: ['variables.image'] }));
    form.append('0', new Blob([noisePng()]), 'a.png');
    form.append('1', new Blob([noisePng()]), 'b.png');
    const response = await fetch(gw.url, { method: 'POST', headers: { authorization: partner, 'apollo-require-preflight': 'true' }, body: form });
    expect(response.status).toBe(413);
    expect(codeOf((await response.json()) as { errors?: any[] })).toBe('TOO_MANY_FILES');
  });

  it('answers UPLOAD_REQUIRED when the operation cannot carry a file (JSON, WebSocket)', async () => {
    const variables = { documentNumber: uniqueCpf(), documentType: 'SELFIE', documentSide: 'FRONT', image: 'aGVsbG8=' };
    const json = await gw.query(SUBMIT_DOCUMENT, variables, { authorization: partner });
    expect(codeOf(json.body)).toBe('UPLOAD_REQUIRED');
    const client = wsClient(gw.url, { authorization: partner });
    try {
      const result = await new Promise<any>((resolve, reject) => {
        let last: any;
        client.subscribe({ query: SUBMIT_DOCUMENT, variables }, { next: (value) => (last = value), error: reject, complete: () => resolve(last) });
      });
      expect(codeOf(result)).toBe('UPLOAD_REQUIRED');
    } finally {
      await client.dispose();
    }
  });

  it("sends DOCUMENT_WAS_RECEIVED and DOCUMENT_WAS_PROCESSED to the submitting partner's webhooks of context Document", async () => {
    const create = await gw.query(
      /* GraphQL */ `mutation ($input: CreateWebhookInput!) { createWebhook(input: $input) { id context } }`,
      {
        input: { url: `${receiver.base}/documents`, context: 'Document', eventNames: ['DOCUMENT_WAS_RECEIVED', 'DOCUMENT_WAS_PROCESSED'] },
      },
      { authorization: partner },
    );
    expect(create.body.errors).toBeUndefined();
    const cpf = uniqueCpf();
    const { body } = await upload({ documentNumber: cpf, documentType: 'SELFIE', file: flatPng() });
    const { token } = body.data.submitDocument;
    const events = await eventually(async () => {
      const mine = receiver
        .at('/documents')
        .map((r) => JSON.parse(r.body))
        .filter((e) => e.data.token === token);
      return mine.length >= 2 && mine;
    }, 20_000);
    expect(events.map((e) => [e.name, e.context, e.entityId])).toEqual([
      ['DOCUMENT_WAS_RECEIVED', 'Document', cpf],
      ['DOCUMENT_WAS_PROCESSED', 'Document', cpf],
    ]);
    expect(events[0].data).toEqual({ token, documentType: 'SELFIE', documentSide: 'FRONT', status: 'ANALYZING' });
    // A document's refusal reasons reach the partner (what to take again); a customer's reprovation reasons never do.
    expect(events[1].data).toEqual({ token, documentType: 'SELFIE', documentSide: 'FRONT', status: 'PHOTO_RECUSED', reasons: ['FLAT_IMAGE'] });
    const [stored] = await gw.dataSource.query("SELECT data FROM customer_events WHERE entityId = ? AND name = 'DOCUMENT_WAS_PROCESSED'", [cpf]);
    expect(JSON.parse(stored.data)).toEqual({ token, documentType: 'SELFIE', documentSide: 'FRONT', status: 'PHOTO_RECUSED', reasons: ['FLAT_IMAGE'] });
    expect(events[0].correlationId).toBe(events[1].correlationId);
  });

  it('counts finished analyses by outcome and shows the queue depth in /metrics', async () => {
    const metrics = await (await fetch(gw.gateway.metricsUrl)).text();
    // Earlier tests of this file finished analyses of these outcomes in this gateway's worker.
    expect(metrics).toMatch(/^document_analyses_total\{outcome="ANALYSIS_COMPLETED"\} [1-9]/m);
    expect(metrics).toMatch(/^document_analyses_total\{outcome="PHOTO_RECUSED"\} [1-9]/m);
    expect(metrics).toMatch(/^document_analysis_queue_depth \d+$/m);
  });

  it("keeps a CPF-bound token to its own CPF (FORBIDDEN) and hides other CPFs' analyses (null)", async () => {
    const mine = uniqueCpf();
    const other = uniqueCpf();
    const own = `Bearer ${await tokenFor({ sub: 'app-own', scope: 'customer.read customer.write', cpf: mine })}`;
    expect(codeOf((await upload({ documentNumber: other, documentType: 'SELFIE', file: noisePng() }, own)).body)).toBe('FORBIDDEN');
    expect(await rowCount(other)).toBe(0);
    const { body } = await upload({ documentNumber: mine, documentType: 'SELFIE', file: noisePng() }, own);
    expect(body.errors).toBeUndefined();
    const { token } = body.data.submitDocument;
    expect(codeOf((await gw.query(DOCUMENT_ANALYSIS, { documentNumber: other, token }, { authorization: own })).body)).toBe('FORBIDDEN');
    expect((await gw.query(DOCUMENT_ANALYSIS, { documentNumber: other, token })).body.data.documentAnalysis).toBeNull();
    expect((await gw.query(DOCUMENT_ANALYSIS, { documentNumber: mine, token }, { authorization: own })).body.data.documentAnalysis.token).toBe(token);
  });
});

describe('analysis rules', () => {
  it('ends UNEXPECTED_ERROR (UNDECODABLE_IMAGE) for a well-formed file whose pixels do not decode', async () => {
    // A PNG whose chunks and CRCs are all in order, but whose IDAT holds no zlib stream: it passes the upload check, not the decoder.
    const png = noisePng(400, 400, 50);
    const chunk = (type: string, data: Buffer) => {
      const body = Buffer.concat([Buffer.from(type, 'latin1'), data]);
      const length = Buffer.alloc(4);
      length.writeUInt32BE(data.length);
      const crc = Buffer.alloc(4);
      crc.writeUInt32BE(crc32(body));
      return Buffer.concat([length, body, crc]);
    };
    const broken = Buffer.concat([png.subarray(0, 33), chunk('IDAT', Buffer.from('not a zlib stream at all')), chunk('IEND', Buffer.alloc(0))]);
    expect(checkImage(broken, 48_000_000)).toEqual({ contentType: 'image/png', width: 400, height: 400 });
    expect(await analyseDocument(uniqueCpf(), broken, 'image/png')).toEqual({ status: 'UNEXPECTED_ERROR', reasons: ['UNDECODABLE_IMAGE'] });
  });
});

describe('registerCustomer with the document prerequisite (ACCEPT_UNVERIFIED_DOCUMENTS off)', () => {
  const registrationOf = async (cpf: string) =>
    (await gw.query('query($d: String!) { customerRegistration(documentNumber: $d) { status } }', { d: cpf })).body.data.customerRegistration;

  it('lists every document problem at once and writes nothing', async () => {
    const cpf = uniqueCpf();
    const otherCpf = uniqueCpf();
    const others = await approvedDocuments(gw, otherCpf, partner);
    // This CPF: an approved selfie, a refused (flat) RG front, an approved RG front, a CNH back… only after the selfie.
    const selfie = (await upload({ documentNumber: cpf, documentType: 'SELFIE', file: noisePng(400, 400, 21) })).body.data.submitDocument.token;
    await finishedAnalysis(gw.url, partner, cpf, selfie);
    const flatFront = (await upload({ documentNumber: cpf, documentType: 'RG', documentSide: 'FRONT', file: flatPng() })).body.data.submitDocument.token;
    const cnhBack = (await upload({ documentNumber: cpf, documentType: 'CNH', documentSide: 'BACK', file: noisePng(400, 400, 22) })).body.data.submitDocument
      .token;
    const rgFront = (await upload({ documentNumber: cpf, documentType: 'RG', documentSide: 'FRONT', file: noisePng(400, 400, 23) })).body.data.submitDocument
      .token;
    for (const token of [flatFront, cnhBack, rgFront]) await finishedAnalysis(gw.url, partner, cpf, token);

    const attempt = async (documentation: Record<string, string>) => {
      const { body } = await gw.query(REGISTER, { documentNumber: cpf, input: validRegistration({ documentation }) }, { authorization: partner });
      return body.errors?.[0]?.extensions?.fields?.map((f: { field: string; code: string }) => [f.field, f.code]);
    };
    // Another CPF's tokens look exactly like unknown ones.
    expect(await attempt({ selfie: others.selfie, idCardFront: 'ab'.repeat(16), idCardBack: others.idCardBack })).toEqual([
      ['input.documentation.selfie', 'DOCUMENT_NOT_FOUND'],
      ['input.documentation.idCardFront', 'DOCUMENT_NOT_FOUND'],
      ['input.documentation.idCardBack', 'DOCUMENT_NOT_FOUND'],
    ]);
    expect(await attempt({ selfie: rgFront, idCardFront: selfie, idCardBack: rgFront })).toEqual([
      ['input.documentation.selfie', 'DOCUMENT_MISMATCH'],
      ['input.documentation.idCardFront', 'DOCUMENT_MISMATCH'],
      ['input.documentation.idCardBack', 'DOCUMENT_MISMATCH'],
    ]);
    expect(await attempt({ selfie, idCardFront: flatFront, idCardBack: cnhBack })).toEqual([
      ['input.documentation.idCardFront', 'DOCUMENT_NOT_APPROVED'],
      ['input.documentation.idCardBack', 'DOCUMENT_MISMATCH'], // the back of a CNH under an RG front
    ]);
    expect(await registrationOf(cpf)).toBeNull();
    expect(Number((await gw.dataSource.query('SELECT COUNT(*) AS n FROM customer_registrations WHERE documentNumber = ?', [cpf]))[0].n)).toBe(0);
  });

  it('registers with approved documents (the whole journey) and the evaluation approves', async () => {
    const cpf = uniqueCpf();
    const documentation = await approvedDocuments(gw, cpf, partner);
    const { body } = await gw.query(REGISTER, { documentNumber: cpf, input: validRegistration({ documentation }) }, { authorization: partner });
    expect(body.errors).toBeUndefined();
    expect(body.data.registerCustomer.status).toBe('PENDING_APPROVAL');
    await eventually(async () => (await registrationOf(cpf))?.status === 'APPROVED', 20_000);
  });
});
