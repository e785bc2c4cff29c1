import { Column, ColumnOptions, CreateDateColumn, UpdateDateColumn } from 'typeorm';
import { dialect } from './dialect';

/**
 * Column helpers shared by every entity, so each spec rule (exact amounts,
 * `YYYY-MM-DD` text dates, enums as constraints) is written once.
 */

/** Normalises an exact decimal to a canonical string with `scale` decimals, never through a float. */
export function canonicalDecimal(value: string | number, scale: number): string {
  const text = typeof value === 'number' ? value.toFixed(scale) : value.trim();
  const match = /^(-?)(\d+)(?:\.(\d+))?$/.exec(text);
  if (!match) throw new Error(`not a decimal: ${text}`);
  const [, sign, whole, fraction = ''] = match;
  return `${sign}${whole.replace(/^0+(?=\d)/, '')}.${fraction.padEnd(scale, '0').slice(0, scale)}`;
}

/**
 * An exact monetary amount: DECIMAL on MySQL/MariaDB, canonical text on SQLite
 * (whose NUMERIC affinity would round through a double). Read back as a string.
 */
export function AmountColumn(options: { precision?: number; scale?: number; nullable?: boolean; name?: string } = {}) {
  const precision = options.precision ?? 19;
  const scale = options.scale ?? 4;
  const transformer = {
    to: (value: string | number | null | undefined) => (value === null || value === undefined ? value : canonicalDecimal(value, scale)),
    from: (value: string | null) => (value === null ? null : canonicalDecimal(String(value), scale)),
  };
  const typed: ColumnOptions = dialect === 'mysql' ? { type: 'decimal', precision, scale } : { type: 'varchar', length: precision + 2 };
  return Column({ ...typed, name: options.name, nullable: options.nullable ?? false, transformer });
}

/** A spec date (`YYYY-MM-DD`, or `NA` where the spec allows it), kept as text so `NA` survives. */
export function DateTextColumn(options: { nullable?: boolean; name?: string } = {}) {
  return Column({ type: 'varchar', length: 10, nullable: options.nullable ?? false, name: options.name });
}

/** A spec enum, enforced by the database (ENUM on MySQL, CHECK on SQLite). */
export function EnumColumn(values: Record<string, string>, options: { nullable?: boolean; name?: string } = {}) {
  return Column({ type: 'simple-enum', enum: Object.values(values), nullable: options.nullable ?? false, name: options.name });
}

export function TextColumn(length: number, options: { nullable?: boolean; name?: string } = {}) {
  return Column({ type: 'varchar', length, nullable: options.nullable ?? false, name: options.name });
}

/**
 * A caller's identity (a token subject: who registered, submitted, claimed,
 * confirmed, owns, was audited), at most 200 characters. Compared byte for
 * byte on both databases: SQLite's default BINARY collation; on MariaDB
 * utf8mb4_bin, since the database's utf8mb4_unicode_ci would take "Ana",
 * "ana" and "ana\u200b" for one analyst (four eyes, ownership).
 */
export function IdentityColumn(options: { nullable?: boolean; name?: string } = {}) {
  return Column({
    type: 'varchar',
    length: 200,
    nullable: options.nullable ?? false,
    name: options.name,
    ...(dialect === 'mysql' ? { collation: 'utf8mb4_bin' } : {}),
  });
}

/** UTC instant with second precision, as the spec's date-times carry. */
export function InstantColumn(options: { nullable?: boolean; name?: string } = {}) {
  return Column({ type: 'datetime', nullable: options.nullable ?? false, name: options.name });
}

export const CreatedAtColumn = () => CreateDateColumn({ type: 'datetime' });
export const UpdatedAtColumn = () => UpdateDateColumn({ type: 'datetime' });
