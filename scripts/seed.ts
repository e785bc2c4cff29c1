import { parseArgs } from 'node:util';
import { Presets, SingleBar } from 'cli-progress';
import { loadConfig } from '../src/platform/config';
import { openDataSource } from '../src/data-source';
import { migrate } from '../src/platform/data/migrate';
import { seedCustomers } from '../src/modules/demo/generator';

const USAGE = 'usage: npm run seed -- --personal N --business M [--seed S] [--batch B] [--progress-ms P]';

/** Progress where stdout is not a terminal (a CI log, a file, a pipe): a bar there would print nothing or garbage. */
function progressLines(total: number, everyMs: number) {
  let last = 0;
  const started = performance.now();
  return {
    update(done: number, rows: number, force = false) {
      const now = performance.now();
      if (!force && now - last < everyMs) return;
      last = now;
      const seconds = (now - started) / 1000;
      const rate = seconds > 0 ? rows / seconds : 0;
      const eta = done > 0 && done < total ? ` | ETA ${Math.round(((total - done) * seconds) / done)} s` : '';
      console.log(`seeding: ${done}/${total} customers (${Math.floor((done / total) * 100)}%) | ${rows} rows | ${Math.round(rate)} rows/s${eta}`);
    },
  };
}

function count(name: string, raw: string | undefined, fallback: number, max: number): number {
  if (raw === undefined) return fallback;
  const value = Number(raw);
  if (!Number.isInteger(value) || value < 0 || value > max) throw new Error(`--${name} must be an integer between 0 and ${max}, got "${raw}"\n${USAGE}`);
  return value;
}

/**
 * `npm run seed -- --personal N --business M [--seed S]`: migrates DATABASE_URL,
 * then appends N personal and M business synthetic customers (reproducible
 * from the seed; a second run with the same seed adds further customers).
 */
async function main() {
  const { values } = parseArgs({
    options: {
      personal: { type: 'string' },
      business: { type: 'string' },
      seed: { type: 'string' },
      batch: { type: 'string' },
      'progress-ms': { type: 'string' },
      help: { type: 'boolean', short: 'h' },
    },
  });
  if (values.help) {
    console.log(USAGE);
    return;
  }
  const personal = count('personal', values.personal, 0, 10_000_000);
  const business = count('business', values.business, 0, 10_000_000);
  const seed = count('seed', values.seed, 1, 0xffff_ffff);
  const batchSize = count('batch', values.batch, 1000, 100_000) || 1000;
  const progressMs = count('progress-ms', values['progress-ms'], 5_000, 3_600_000);
  if (personal + business === 0) throw new Error(`nothing to do\n${USAGE}`);

  const config = loadConfig();
  const dataSource = await openDataSource(config.database);
  try {
    const applied = await migrate(dataSource);
    if (applied.length) console.log(`migrations applied: ${applied.join(', ')}`);

    const total = personal + business;
    // A bar on a terminal; elsewhere a line every --progress-ms (5 s by default).
    const bar = process.stdout.isTTY
      ? new SingleBar(
          { format: 'seeding [{bar}] {percentage}% | {value}/{total} customers | {rows} rows | {rate} rows/s | ETA {eta_formatted}', hideCursor: true },
          Presets.shades_classic,
        )
      : null;
    const lines = bar ? null : progressLines(total, progressMs);
    const started = performance.now();
    bar?.start(total, 0, { rows: 0, rate: 0 });
    lines?.update(0, 0, true);
    const result = await seedCustomers(dataSource, {
      personal,
      business,
      seed,
      batchSize,
      onProgress: (progress) => {
        const seconds = (performance.now() - started) / 1000;
        bar?.update(progress.personal + progress.business, { rows: progress.rows, rate: Math.round(progress.rows / seconds) });
        lines?.update(progress.personal + progress.business, progress.rows);
      },
    });
    bar?.stop();

    const seconds = (performance.now() - started) / 1000;
    console.log(
      `seeded ${result.personal} personal and ${result.business} business customers (seed ${seed}) into ${config.database.kind}: ` +
        `${result.rows} rows in ${seconds.toFixed(1)} s, ${Math.round(result.rows / seconds)} rows/s`,
    );
    if (result.firstCpf) console.log(`first CPF: ${result.firstCpf}`);
    if (result.firstCnpj) console.log(`first CNPJ: ${result.firstCnpj}`);
  } finally {
    await dataSource.destroy();
  }
}

main().catch((error) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
