import { existsSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DirectoryStorage, S3Storage } from '../src/modules/onboarding/documents/storage';
import { startTestGateway, TestGateway, testDocumentsConfig, tokenFor } from './support/gateway';
import { finishedAnalysis, uploadDocument } from './support/documents';
import { noisePng } from './support/images';
import { uniqueCpf } from './support/registration';

const S3rver = require('s3rver');

jest.setTimeout(90_000);

const partnerToken = () => tokenFor({ sub: 'partner-storage', scope: 'customer.read customer.write' });

function filesUnder(dir: string): string[] {
  return existsSync(dir)
    ? readdirSync(dir, { recursive: true, withFileTypes: true })
        .filter((e) => e.isFile())
        .map((e) => join(e.parentPath, e.name))
    : [];
}

describe('directory storage', () => {
  const dir = mkdtempSync(join(tmpdir(), 'document-storage-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('writes through a temporary name, reads back, deletes (twice is fine), and refuses keys that could leave its directory', async () => {
    const storage = new DirectoryStorage(join(dir, 'created-on-start'));
    expect(existsSync(join(dir, 'created-on-start'))).toBe(true);
    await storage.put('11144477735/abc.png', Buffer.from('bytes'), 'image/png');
    expect(filesUnder(storage.root).map((f) => f.slice(storage.root.length))).toEqual(['/11144477735/abc.png']); // no temporary file left
    expect((await storage.get('11144477735/abc.png')).toString()).toBe('bytes');
    await storage.delete('11144477735/abc.png');
    await storage.delete('11144477735/abc.png');
    await expect(storage.get('11144477735/abc.png')).rejects.toThrow(/ENOENT/);
    for (const key of ['../escape.png', '/etc/passwd.png', 'a/../../b.png', 'no-extension']) {
      await expect(storage.put(key, Buffer.from('x'), 'image/png')).rejects.toThrow(/invalid document storage key/);
    }
  });
});

describe('documents and the database', () => {
  let gw: TestGateway;
  let partner: string;
  beforeAll(async () => {
    gw = await startTestGateway('document-storage', {
      workerPollMs: 50,
      workerRetryDelayMs: 500, // five reads of a missing image, each failed one tried again after this
      documents: testDocumentsConfig('document-storage', { acceptUnverified: false, analysisDelayMs: 1_500 }),
    });
    partner = `Bearer ${await partnerToken()}`;
  });
  afterAll(() => gw.stop());

  it('removes the stored image again when its row cannot be written', async () => {
    const cpf = uniqueCpf();
    await gw.dataSource.query('ALTER TABLE document_analyses RENAME TO document_analyses_away');
    let body;
    try {
      ({ body } = await uploadDocument(gw.url, partner, { documentNumber: cpf, documentType: 'SELFIE', file: noisePng() }));
    } finally {
      await gw.dataSource.query('ALTER TABLE document_analyses_away RENAME TO document_analyses');
    }
    expect(body.errors![0].extensions.code).toBe('INTERNAL_SERVER_ERROR');
    expect(filesUnder(gw.config.documents.storage.dir).filter((f) => f.includes(cpf))).toEqual([]);
  });

  it('ends UNEXPECTED_ERROR (STORAGE_UNAVAILABLE) when the stored image stays unreadable', async () => {
    const cpf = uniqueCpf();
    const { body } = await uploadDocument(gw.url, partner, { documentNumber: cpf, documentType: 'SELFIE', file: noisePng() });
    const { token } = body.data.submitDocument;
    // Gone before the analysis reads it (1.5 s after the upload: room for a loaded machine).
    await gw.gateway.services.documents.storage.delete(`${cpf}/${token}.png`);
    expect(await finishedAnalysis(gw.url, partner, cpf, token, 30_000)).toMatchObject({ status: 'UNEXPECTED_ERROR', reasons: ['STORAGE_UNAVAILABLE'] });
    const [row] = await gw.dataSource.query('SELECT attempts, lastError FROM document_analyses WHERE token = ?', [token]);
    expect(Number(row.attempts)).toBe(5);
    expect(row.lastError).toMatch(/ENOENT/);
  });
});

describe('S3-compatible storage (s3rver, the real AWS SDK)', () => {
  const directory = mkdtempSync(join(tmpdir(), 's3rver-'));
  let server: { run(): Promise<{ port: number }>; close(): Promise<void> };
  let gw: TestGateway;
  let endpoint: string;
  const saved = { id: process.env.AWS_ACCESS_KEY_ID, secret: process.env.AWS_SECRET_ACCESS_KEY };

  beforeAll(async () => {
    server = new S3rver({ address: '127.0.0.1', port: 0, silent: true, directory, configureBuckets: [{ name: 'documents' }] });
    const { port } = await server.run();
    endpoint = `http://127.0.0.1:${port}`;
    // s3rver's fixed credentials, through the standard variables the SDK reads.
    process.env.AWS_ACCESS_KEY_ID = 'S3RVER';
    process.env.AWS_SECRET_ACCESS_KEY = 'S3RVER';
    gw = await startTestGateway('document-s3', {
      workerPollMs: 50,
      documents: testDocumentsConfig('document-s3', {
        acceptUnverified: false,
        analysisDelayMs: 100,
        storage: { dir: join(directory, 'unused'), s3: { bucket: 'documents', endpoint, region: 'us-east-1' } },
      }),
    });
  });
  afterAll(async () => {
    await gw?.stop();
    await server?.close();
    process.env.AWS_ACCESS_KEY_ID = saved.id;
    process.env.AWS_SECRET_ACCESS_KEY = saved.secret;
    rmSync(directory, { recursive: true, force: true });
  });

  it('stores the upload in the bucket and analyses it from there', async () => {
    const partner = `Bearer ${await partnerToken()}`;
    const cpf = uniqueCpf();
    const image = noisePng(400, 400, 31);
    const { body } = await uploadDocument(gw.url, partner, { documentNumber: cpf, documentType: 'SELFIE', file: image });
    expect(body.errors).toBeUndefined();
    const { token } = body.data.submitDocument;
    expect(await finishedAnalysis(gw.url, partner, cpf, token)).toMatchObject({ status: 'ANALYSIS_COMPLETED' });
    const bucket = new S3Storage({ bucket: 'documents', endpoint, region: 'us-east-1' });
    expect((await bucket.get(`${cpf}/${token}.png`)).equals(image)).toBe(true);
    expect(filesUnder(join(directory, 'unused'))).toEqual([]); // nothing went to a directory
  });
});
