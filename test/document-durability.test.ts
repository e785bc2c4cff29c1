import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { finishedAnalysis, uploadDocument } from './support/documents';
import { startTestGateway, TEST_JWT_SECRET, testDocumentsConfig, tokenFor } from './support/gateway';
import { noisePng } from './support/images';
import { eventually, startProcess } from './support/process';
import { uniqueCpf } from './support/registration';

describe('durable document analysis, worker killed inside the analysis', () => {
  it('finishes every analysis exactly once after a standalone worker is killed with SIGKILL mid-analysis', async () => {
    const storageDir = mkdtempSync(join(tmpdir(), 'document-durability-'));
    // The gateway only takes the submissions and answers their status: it runs in this process, without a worker;
    // the workers under test are processes on its database and its image directory.
    const gateway = await startTestGateway('document-durability', {
      inProcessWorker: false,
      documents: testDocumentsConfig('document-durability', { acceptUnverified: false, analysisDelayMs: 100, storage: { dir: storageDir } }),
    });
    const { dataSource } = gateway;
    const env = {
      DATABASE_URL: gateway.databaseUrl,
      DOCUMENT_ANALYSIS_DELAY_MS: '100',
      WORKER_POLL_MS: '50',
      JWT_SECRET: TEST_JWT_SECRET,
      DOCUMENT_STORAGE_DIR: storageDir,
      ACCEPT_UNVERIFIED_DOCUMENTS: 'false',
    };
    const partner = `Bearer ${await tokenFor({ sub: 'partner-durable', scope: 'customer.read customer.write' })}`;
    const cpfs = [uniqueCpf(), uniqueCpf(), '39621857473'];
    try {
      // Submitted before any worker runs (on SQLite the paused transaction holds the write lock).
      const tokens: string[] = [];
      for (const [i, cpf] of cpfs.entries()) {
        const { body } = await uploadDocument(gateway.url, partner, { documentNumber: cpf, documentType: 'SELFIE', file: noisePng(400, 400, 40 + i) });
        expect(body.errors).toBeUndefined();
        tokens.push(body.data.submitDocument.token);
      }
      // This worker stops inside its first analysis transaction, after the writes, before the commit (test-only hook).
      const doomed = await startProcess('src/worker.ts', { ...env, TEST_PAUSE_IN_STEP: 'ANALYZE_DOCUMENT' }, /worker ready/);
      const paused = /paused inside ANALYZE_DOCUMENT transaction of document analysis (\d+)/;
      try {
        await eventually(async () => paused.test(doomed.output()), 20_000);
      } finally {
        doomed.child.kill('SIGKILL');
        expect(await doomed.exited).toEqual({ code: null, signal: 'SIGKILL' });
      }
      const killedIn = Number(paused.exec(doomed.output())![1]);
      // The outcome it had written died with its transaction.
      const [killed] = await dataSource.query('SELECT status, stage FROM document_analyses WHERE id = ?', [killedIn]);
      expect(killed).toEqual({ status: 'ANALYZING', stage: 'ANALYZE_DOCUMENT' });

      const successor = await startProcess('src/worker.ts', env, /worker ready/);
      try {
        for (const [i, cpf] of cpfs.entries()) {
          const done = await finishedAnalysis(gateway.url, partner, cpf, tokens[i]);
          expect(done.status).toBe(cpf === '39621857473' ? 'DATA_RECUSED' : 'ANALYSIS_COMPLETED');
        }
      } finally {
        successor.child.kill('SIGTERM');
        expect(await successor.exited).toEqual({ code: 0, signal: null });
      }

      const events = await dataSource.query("SELECT name, correlationId FROM customer_events WHERE context = 'Document' ORDER BY id");
      expect(events.filter((e: { name: string }) => e.name === 'DOCUMENT_WAS_RECEIVED')).toHaveLength(3);
      const processed = events.filter((e: { name: string }) => e.name === 'DOCUMENT_WAS_PROCESSED');
      expect(processed).toHaveLength(3);
      expect(new Set(processed.map((e: { correlationId: string }) => e.correlationId)).size).toBe(3); // one per analysis, none twice
      const [open] = await dataSource.query("SELECT COUNT(*) AS n FROM document_analyses WHERE stage <> 'DONE'");
      expect(Number(open.n)).toBe(0);
    } finally {
      await gateway.stop();
      rmSync(storageDir, { recursive: true, force: true });
    }
  }, 120_000);
});
