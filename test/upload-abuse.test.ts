import { connect } from 'node:net';
import { dropDatabase, migratedDatabase } from './support/database';
import { finishedAnalysis, SUBMIT_DOCUMENT, uploadDocument } from './support/documents';
import { TEST_JWT_SECRET, tokenFor } from './support/gateway';
import { jpegBomb, largestJpeg, largestPng, noisePng, pngBomb } from './support/images';
import { GatewayProcess, startProcess } from './support/process';
import { uniqueCpf } from './support/registration';

/**
 * No single request can end or stall the gateway (issue 18), tried against a
 * real gateway process (the default single process: IN_PROCESS_WORKER on):
 * malformed multipart bodies sent raw over a socket each get a 400 JSON answer
 * and the process stays up; decompression bombs are refused from their header
 * (INVALID_IMAGE_DIMENSIONS); the largest image the budget accepts is analysed
 * while /healthz keeps answering.
 */
const MAX_DECODED_BYTES = 12_000_000 * 4; // the default DOCUMENT_MAX_DECODED_BYTES

let gateway: GatewayProcess;
let database: Awaited<ReturnType<typeof migratedDatabase>>['config'];
let port: number;
let partner: string;

const alive = () => gateway.child.exitCode === null && gateway.child.signalCode === null;
const healthUrl = () => gateway.url.replace(/\/graphql$/, '/healthz');

beforeAll(async () => {
  const fresh = await migratedDatabase('upload-abuse');
  database = fresh.config;
  gateway = await startProcess('src/main.ts', {
    DATABASE_URL: fresh.url,
    JWT_SECRET: TEST_JWT_SECRET,
    RATE_LIMIT_POINTS: '100000',
    WORKER_POLL_MS: '50',
    DOCUMENT_ANALYSIS_DELAY_MS: '0',
  });
  port = Number(new URL(gateway.url).port);
  partner = `Bearer ${await tokenFor({ sub: 'partner-abuse', scope: 'customer.read customer.write' })}`;
}, 90_000);

afterAll(async () => {
  if (gateway && !alive()) console.log(`the gateway died:\n${gateway.output().slice(-3000)}`);
  if (gateway && alive()) {
    gateway.child.kill('SIGKILL');
    await gateway.exited;
  }
  if (database) await dropDatabase(database);
});

interface RawAnswer {
  status: number;
  body: string;
}

/**
 * Sends one HTTP request byte for byte over a socket; resolves with the answer,
 * or null when the server closed the connection without one. `declaredLength`
 * may exceed the body (the client then stops sending: a truncated body).
 */
function sendRaw(headers: Record<string, string>, body: Buffer, declaredLength = body.length): Promise<RawAnswer | null> {
  return new Promise((resolve, reject) => {
    const socket = connect(port, '127.0.0.1');
    const received: Buffer[] = [];
    socket.setTimeout(15_000, () => socket.destroy(new Error('no answer within 15 s')));
    socket.on('data', (chunk) => received.push(chunk));
    socket.on('error', (error) => ((error as NodeJS.ErrnoException).code === 'ECONNRESET' ? undefined : reject(error)));
    socket.on('close', () => {
      const text = Buffer.concat(received).toString('latin1');
      if (!text) return resolve(null);
      const status = Number(/^HTTP\/1\.1 (\d{3})/.exec(text)?.[1]);
      resolve({ status, body: text.slice(text.indexOf('\r\n\r\n') + 4) });
    });
    const head = [
      'POST /graphql HTTP/1.1',
      `Host: 127.0.0.1:${port}`,
      `Content-Length: ${declaredLength}`,
      'Connection: close',
      ...Object.entries(headers).map(([name, value]) => `${name}: ${value}`),
    ].join('\r\n');
    socket.write(Buffer.concat([Buffer.from(`${head}\r\n\r\n`, 'latin1'), body]));
    // A truncated body: the client half-closes before the declared length.
    if (declaredLength > body.length) socket.end();
  });
}

const BOUNDARY = '----abuse7d1f';
const operations = () =>
  JSON.stringify({
    query: SUBMIT_DOCUMENT,
    operationName: 'SubmitDocument',
    variables: { documentNumber: uniqueCpf(), documentType: 'SELFIE', documentSide: 'FRONT', image: null },
  });
const MAP = JSON.stringify({ 0: ['variables.image'] });
const field = (name: string, value: string) => `--${BOUNDARY}\r\nContent-Disposition: form-data; name="${name}"\r\n\r\n${value}\r\n`;
const filePart = (headerLines: string, data: Buffer) =>
  Buffer.concat([Buffer.from(`--${BOUNDARY}\r\n${headerLines}\r\n\r\n`, 'latin1'), data, Buffer.from('\r\n', 'latin1')]);
const closing = `--${BOUNDARY}--\r\n`;
const FILE_HEADERS = 'Content-Disposition: form-data; name="0"; filename="a.png"\r\nContent-Type: image/png';

/** operations, map, a file part with these header lines, the closing boundary. */
const body = (fileHeaders: string, { fieldsFirst = true, close = true, file = noisePng(32, 32, 1) } = {}) =>
  Buffer.concat([
    Buffer.from(fieldsFirst ? field('operations', operations()) + field('map', MAP) : '', 'latin1'),
    filePart(fileHeaders, file),
    Buffer.from(close ? closing : '', 'latin1'),
  ]);

const MALFORMED: [string, { contentType?: string; body: Buffer; declaredLength?: number }][] = [
  ['a file part header line without a colon', { body: body(`${FILE_HEADERS}\r\nthis line has no colon`) }],
  ['a header line without a colon before the disposition', { body: body(`no colon here\r\n${FILE_HEADERS}`) }],
  ['a NUL in the file name', { body: body('Content-Disposition: form-data; name="0"; filename="a\u0000.png"\r\nContent-Type: image/png') }],
  ['CR/LF in the file name', { body: body('Content-Disposition: form-data; name="0"; filename="a\r\nb.png"\r\nContent-Type: image/png') }],
  ['a NUL in the field name', { body: body('Content-Disposition: form-data; name="0\u0000"; filename="a.png"\r\nContent-Type: image/png') }],
  ['CR/LF in the field name', { body: body('Content-Disposition: form-data; name="0\r\n"; filename="a.png"\r\nContent-Type: image/png') }],
  [
    'a NUL in the operations field name',
    {
      body: Buffer.concat([
        Buffer.from(field('opera\u0000tions', operations()) + field('map', MAP), 'latin1'),
        filePart(FILE_HEADERS, noisePng(32, 32)),
        Buffer.from(closing),
      ]),
    },
  ],
  ['a body that ends mid-part', { body: body(FILE_HEADERS, { close: false }).subarray(0, -40) }],
  ['a body without its closing boundary', { body: body(FILE_HEADERS, { close: false }) }],
  [
    'a body that ends inside the part headers',
    { body: Buffer.from(`${field('operations', operations())}${field('map', MAP)}--${BOUNDARY}\r\nContent-Disposition: form-da`, 'latin1') },
  ],
  ['no boundary in the content type', { contentType: 'multipart/form-data', body: body(FILE_HEADERS) }],
  ['an empty boundary', { contentType: 'multipart/form-data; boundary=', body: body(FILE_HEADERS) }],
  ['a wrong boundary', { contentType: 'multipart/form-data; boundary=not-the-one', body: body(FILE_HEADERS) }],
  ['an empty body', { body: Buffer.alloc(0) }],
  ['garbage bytes', { body: Buffer.from(Array.from({ length: 4096 }, (_, i) => (i * 7919) % 256)) }],
  ['the file before operations and map', { body: body(FILE_HEADERS, { fieldsFirst: false }) }],
  [
    'operations that are not JSON',
    {
      body: Buffer.concat([
        Buffer.from(field('operations', '{nope') + field('map', MAP), 'latin1'),
        filePart(FILE_HEADERS, noisePng(32, 32)),
        Buffer.from(closing),
      ]),
    },
  ],
  [
    'a map path into nothing',
    {
      body: Buffer.concat([
        Buffer.from(field('operations', operations()) + field('map', '{"0":["variables.__proto__.polluted"]}'), 'latin1'),
        filePart(FILE_HEADERS, noisePng(32, 32)),
        Buffer.from(closing),
      ]),
    },
  ],
  ['a mapped file that never comes', { body: Buffer.from(field('operations', operations()) + field('map', MAP) + closing, 'latin1') }],
];

describe('malformed multipart bodies over a raw socket', () => {
  for (const withToken of [false, true]) {
    for (const [name, { contentType = `multipart/form-data; boundary=${BOUNDARY}`, body: sent, declaredLength }] of MALFORMED) {
      it(`${name} (${withToken ? 'with' : 'without'} a token): 400 JSON, and the process stays up`, async () => {
        const headers: Record<string, string> = {
          'Content-Type': contentType,
          'Apollo-Require-Preflight': 'true',
          ...(withToken ? { Authorization: partner } : {}),
        };
        const answer = await sendRaw(headers, sent, declaredLength);
        expect(answer?.status).toBe(400);
        const json = JSON.parse(answer!.body);
        expect(json.errors[0].extensions.code).toBe('BAD_REQUEST');
        expect(answer!.body).not.toMatch(/at .*\.(ts|js):\d+/); // no stack trace
        expect((await fetch(healthUrl())).status).toBe(200);
        expect(alive()).toBe(true);
      });
    }
  }

  it('a body cut short of its Content-Length (the client stops sending): no crash, the next request is served', async () => {
    for (const withToken of [false, true]) {
      const sent = body(FILE_HEADERS);
      const headers: Record<string, string> = {
        'Content-Type': `multipart/form-data; boundary=${BOUNDARY}`,
        'Apollo-Require-Preflight': 'true',
        ...(withToken ? { Authorization: partner } : {}),
      };
      const answer = await sendRaw(headers, sent.subarray(0, sent.length - 100), sent.length);
      if (answer) expect(answer.status).toBe(400); // Node may close the connection of an incomplete request without an answer
      expect((await fetch(healthUrl())).status).toBe(200);
    }
    // The gateway had its time to fail asynchronously: still the same process, still serving.
    await new Promise<void>((resolve) => setImmediate(resolve));
    expect((await fetch(healthUrl())).status).toBe(200);
    expect(alive()).toBe(true);
    expect(gateway.output()).not.toMatch(/Unexpected end of form|uncaught/i);
  });
});

/** Polls /healthz back to back until `work` settles; returns its result and the slowest answer's latency. */
async function healthLatencyDuring<T>(work: Promise<T>): Promise<{ result: T; maxMs: number; samples: number }> {
  let done = false;
  const settled = work.finally(() => (done = true));
  settled.catch(() => undefined); // awaited below; a failed poll must not leave it unhandled
  let maxMs = 0;
  let samples = 0;
  while (!done) {
    const started = performance.now();
    const res = await fetch(healthUrl(), { signal: AbortSignal.timeout(10_000) });
    expect(res.status).toBe(200);
    await res.arrayBuffer();
    maxMs = Math.max(maxMs, performance.now() - started);
    samples += 1;
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
  return { result: await settled, maxMs, samples };
}

const codeOf = (body: { errors?: any[] }) => body.errors?.[0]?.extensions?.code;

describe('decompression bombs and the decoded-size budget (DOCUMENT_MAX_DECODED_BYTES)', () => {
  it('refuses a PNG bomb (7000×7000, 16-bit RGBA, IDAT of zeros) from its header: INVALID_IMAGE_DIMENSIONS', async () => {
    const bomb = await pngBomb();
    expect(bomb.length).toBeLessThan(1024 * 1024);
    const { result, maxMs } = await healthLatencyDuring(
      uploadDocument(gateway.url, partner, { documentNumber: uniqueCpf(), documentType: 'SELFIE', file: bomb }),
    );
    expect(codeOf(result.body)).toBe('INVALID_IMAGE_DIMENSIONS');
    expect(result.body.errors![0].extensions.fields).toEqual([expect.objectContaining({ field: 'image', code: 'INVALID_IMAGE_DIMENSIONS' })]);
    expect(maxMs).toBeLessThan(1_000);
    expect(alive()).toBe(true);
  });

  it('refuses a JPEG bomb (a 16×16 image whose frame header says 7000×7000) from its header: INVALID_IMAGE_DIMENSIONS', async () => {
    const { body } = await uploadDocument(gateway.url, partner, {
      documentNumber: uniqueCpf(),
      documentType: 'SELFIE',
      file: jpegBomb(),
      filename: 'a.jpg',
      mimetype: 'image/jpeg',
    });
    expect(codeOf(body)).toBe('INVALID_IMAGE_DIMENSIONS');
    expect(alive()).toBe(true);
  });

  for (const [kind, make] of [
    ['PNG', async () => largestPng(MAX_DECODED_BYTES)],
    ['JPEG', () => largestJpeg(MAX_DECODED_BYTES)],
  ] as const) {
    it(`analyses the largest ${kind} the budget accepts while /healthz keeps answering within 1 s`, async () => {
      const { file, width, height } = await make();
      expect(width * height * (kind === 'PNG' ? 4 : 3)).toBe(MAX_DECODED_BYTES);
      const cpf = uniqueCpf();
      const analysed = async () => {
        const submitted = await uploadDocument(gateway.url, partner, {
          documentNumber: cpf,
          documentType: 'SELFIE',
          file,
          filename: `big.${kind.toLowerCase()}`,
        });
        if (submitted.body.errors) throw new Error(JSON.stringify(submitted.body.errors));
        const { token } = submitted.body.data.submitDocument;
        return finishedAnalysis(gateway.url, partner, cpf, token, 60_000);
      };
      // Upload, check, storage and the analysis itself (the analysis delay is 0): /healthz is polled all along.
      const { result, maxMs, samples } = await healthLatencyDuring(analysed());
      expect(result).toMatchObject({ status: 'ANALYSIS_COMPLETED', reasons: null });
      console.log(`largest ${kind} (${width}×${height}, ${file.length} bytes): /healthz slowest of ${samples} answers ${maxMs.toFixed(1)} ms`);
      expect(maxMs).toBeLessThan(1_000);
      expect(alive()).toBe(true);
    }, 90_000);
  }
});
