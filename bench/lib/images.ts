import { largestJpeg, largestPng, noisePng } from '../../test/support/images';
import { finishedAnalysis, uploadDocument } from '../../test/support/documents';
import { percentiles, Percentiles } from './fanout';
import { memoryOf, RssSampler } from './system';

/**
 * Issue 18: the cost of one image. For the largest PNG and JPEG the decoded
 * budget (DOCUMENT_MAX_DECODED_BYTES) accepts, uploaded as a selfie and
 * analysed by the gateway's in-process worker (the default single process),
 * /healthz is polled back to back (10 ms apart) from the upload until the
 * analysis has finished: its latencies show whether the event loop stalls;
 * the gateway's RSS (sampled, and its high-water mark) how much the analysis
 * holds. Targets: /healthz p99 < 100 ms, RSS growth < 100 MiB.
 */
export interface ImageBenchResult {
  kind: 'PNG' | 'JPEG';
  width: number;
  height: number;
  fileBytes: number;
  status: string;
  /** Upload → analysis finished, ms. */
  totalMs: number;
  healthz: Percentiles;
  healthzSamples: number;
  rssBeforeBytes: number;
  peakRssBytes: number;
  /** Peak RSS during the upload and analysis − RSS before it. */
  rssGrowthBytes: number;
  /** The gateway's own event-loop delay over the same span (prom-client's monitorEventLoopDelay, reset by each /metrics scrape), ms: blocking, apart from CPU contention on the machine. */
  eventLoopDelayMs: { p99: number; max: number };
  targetMet: boolean;
}

/** Scrapes /metrics (which also resets prom-client's event-loop delay histogram); returns its p99 and max, ms. */
async function eventLoopDelay(metricsUrl: string): Promise<{ p99: number; max: number }> {
  const text = await (await fetch(metricsUrl)).text();
  const value = (name: string) => Math.round(Number(new RegExp(`^${name} ([0-9.e+-]+)$`, 'm').exec(text)?.[1] ?? NaN) * 10_000) / 10;
  return { p99: value('nodejs_eventloop_lag_p99_seconds'), max: value('nodejs_eventloop_lag_max_seconds') };
}

export const IMAGE_TARGET_HEALTHZ_P99_MS = 100;
export const IMAGE_TARGET_RSS_GROWTH_BYTES = 100 * 1024 * 1024;

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

export async function runImageBench(options: {
  url: string;
  metricsUrl: string;
  pid: number;
  token: string;
  maxDecodedBytes: number;
  cpf: () => string;
}): Promise<ImageBenchResult[]> {
  const health = options.url.replace(/\/graphql$/, '/healthz');
  const images = [
    ['PNG', largestPng(options.maxDecodedBytes)],
    ['JPEG', await largestJpeg(options.maxDecodedBytes)],
  ] as const;
  const results: ImageBenchResult[] = [];
  // Warm-up: a small image first, so the figures are the big image's, not the first multipart request's and the
  // operations' first compilation (graphql-jit), which cost a few hundred ms of event loop once per process.
  const warmCpf = options.cpf();
  const warm = await uploadDocument(options.url, options.token, { documentNumber: warmCpf, documentType: 'SELFIE', file: noisePng(400, 400, 99) });
  if (warm.body.errors) throw new Error(`warm-up upload refused: ${JSON.stringify(warm.body.errors)}`);
  await finishedAnalysis(options.url, options.token, warmCpf, warm.body.data.submitDocument.token, 60_000);
  for (const [kind, { file, width, height }] of images) {
    const cpf = options.cpf();
    await sleep(500); // let the previous image's memory settle
    const rssBeforeBytes = memoryOf(options.pid)?.rss ?? NaN;
    await eventLoopDelay(options.metricsUrl); // resets the histogram
    const sampler = new RssSampler(options.pid, 20);
    const started = performance.now();
    let done = false;
    const work = (async () => {
      const submitted = await uploadDocument(options.url, options.token, {
        documentNumber: cpf,
        documentType: 'SELFIE',
        file,
        filename: `largest.${kind.toLowerCase()}`,
      });
      if (submitted.body.errors) throw new Error(`upload refused: ${JSON.stringify(submitted.body.errors)}`);
      return finishedAnalysis(options.url, options.token, cpf, submitted.body.data.submitDocument.token, 120_000);
    })().finally(() => (done = true));
    work.catch(() => undefined);
    const latencies: number[] = [];
    while (!done) {
      const sent = performance.now();
      await (await fetch(health)).arrayBuffer();
      latencies.push(performance.now() - sent);
      await sleep(10);
    }
    const analysis = await work;
    const totalMs = Math.round(performance.now() - started);
    const { peak } = sampler.stop();
    const loop = await eventLoopDelay(options.metricsUrl);
    const healthz = percentiles(latencies);
    const rssGrowthBytes = Math.max(0, peak - rssBeforeBytes);
    results.push({
      kind,
      width,
      height,
      fileBytes: file.length,
      status: analysis.status,
      totalMs,
      healthz,
      healthzSamples: latencies.length,
      rssBeforeBytes,
      peakRssBytes: peak,
      rssGrowthBytes,
      eventLoopDelayMs: loop,
      targetMet: healthz.p99 < IMAGE_TARGET_HEALTHZ_P99_MS && rssGrowthBytes < IMAGE_TARGET_RSS_GROWTH_BYTES,
    });
  }
  return results;
}
