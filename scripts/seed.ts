import { parseArgs } from 'node:util';
import { Presets, SingleBar } from 'cli-progress';
import { loadConfig } from '../src/config';
import { openDataSource } from '../src/data-source';
import { migrate } from '../src/database/migrate';
import { seedCustomers } from '../src/demo/generator';

const USAGE = 'usage: npm run seed -- --personal N --business M [--seed S] [--batch B]';

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
  if (personal + business === 0) throw new Error(`nothing to do\n${USAGE}`);

  const config = loadConfig();
  const dataSource = await openDataSource(config.database);
  try {
    const applied = await migrate(dataSource);
    if (applied.length) console.log(`migrations applied: ${applied.join(', ')}`);

    const bar = new SingleBar(
      { format: 'seeding [{bar}] {percentage}% | {value}/{total} customers | {rows} rows | {rate} rows/s | ETA {eta_formatted}', hideCursor: true },
      Presets.shades_classic,
    );
    const started = performance.now();
    bar.start(personal + business, 0, { rows: 0, rate: 0 });
    const result = await seedCustomers(dataSource, {
      personal,
      business,
      seed,
      batchSize,
      onProgress: (progress) => {
        const seconds = (performance.now() - started) / 1000;
        bar.update(progress.personal + progress.business, { rows: progress.rows, rate: Math.round(progress.rows / seconds) });
      },
    });
    bar.stop();

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
