import { GraphQLError, GraphQLScalarType, Kind } from 'graphql';

/**
 * Output formats of the spec that no stock scalar produces exactly:
 * date-times as `YYYY-MM-DDThh:mm:ssZ` (no milliseconds, maxLength 20) and
 * amounts as JSON numbers read from exact decimal strings.
 */
export function formatSpecDateTime(value: Date | string): string {
  const date = value instanceof Date ? value : new Date(value);
  return date.toISOString().replace(/\.\d{3}Z$/, 'Z');
}

// RFC 3339 date-time: full date, full time, optional fraction, Z or a numeric offset (T/Z in either case).
const RFC3339 = /^(\d{4})-(\d{2})-(\d{2})[Tt](\d{2}):(\d{2}):(\d{2})(\.\d{1,9})?(?:[Zz]|([+-])(\d{2}):(\d{2}))$/;

const isLeapYear = (year: number) => year % 4 === 0 && (year % 100 !== 0 || year % 400 === 0);
const daysInMonth = (year: number, month: number) => (month === 2 ? (isLeapYear(year) ? 29 : 28) : [4, 6, 9, 11].includes(month) ? 30 : 31);

/**
 * Parses an RFC 3339 date-time that names a real instant, or returns null:
 * every component in its calendar range (no 30 February, month 13, hour 24,
 * minute or second 60) and an explicit offset. `Date.parse` alone would roll
 * 2021-02-30 over to 2 March and read an offset-less value in local time.
 */
export function parseRealDateTime(text: string): Date | null {
  const match = RFC3339.exec(text);
  if (!match) return null;
  const [year, month, day, hour, minute, second] = match.slice(1, 7).map(Number);
  const offsetHours = match[9] === undefined ? 0 : Number(match[9]);
  const offsetMinutes = match[10] === undefined ? 0 : Number(match[10]);
  if (month < 1 || month > 12 || day < 1 || day > daysInMonth(year, month)) return null;
  if (hour > 23 || minute > 59 || second > 59 || offsetHours > 23 || offsetMinutes > 59) return null;
  const date = new Date(text.toUpperCase());
  return Number.isNaN(date.getTime()) ? null : date;
}

export const DateTimeScalar: GraphQLScalarType<Date, string> = new GraphQLScalarType<Date, string>({
  name: 'DateTime',
  description: 'UTC date-time as the Open Banking spec writes it: `YYYY-MM-DDThh:mm:ssZ` (RFC 3339, no fraction).',
  serialize(value) {
    if (value instanceof Date || typeof value === 'string') return formatSpecDateTime(value as Date | string);
    throw new GraphQLError('DateTime cannot represent a non-date value');
  },
  parseValue(value) {
    const date = typeof value === 'string' ? parseRealDateTime(value) : null;
    if (!date) throw new GraphQLError('DateTime must be a real calendar date and time in RFC 3339, such as 2021-05-21T08:30:00Z');
    return date;
  },
  parseLiteral(ast): Date {
    if (ast.kind !== Kind.STRING) throw new GraphQLError('DateTime must be a string');
    return DateTimeScalar.parseValue(ast.value);
  },
});

export const AmountScalar = new GraphQLScalarType<number | string, number>({
  name: 'Amount',
  description: "Monetary amount, stored as an exact decimal and sent as a JSON number (the spec's `format: double`, up to 15 integer and 4 decimal digits).",
  serialize(value) {
    const number = typeof value === 'string' ? Number(value) : value;
    if (typeof number !== 'number' || !Number.isFinite(number)) throw new GraphQLError('Amount cannot represent a non-numeric value');
    return number;
  },
  parseValue(value) {
    if (typeof value !== 'number' || !Number.isFinite(value)) throw new GraphQLError('Amount must be a number');
    return value;
  },
  parseLiteral(ast) {
    if (ast.kind !== Kind.INT && ast.kind !== Kind.FLOAT) throw new GraphQLError('Amount must be a number');
    // Keep the literal's own digits: no float rounding between the client and the database.
    return ast.value;
  },
});

/**
 * An exact decimal in input: a JSON string ("500000.00") keeps every digit; a
 * JSON number is taken by its shortest decimal form (exact up to 15 significant digits).
 */
export const DecimalInputScalar = new GraphQLScalarType<string, string>({
  name: 'Decimal',
  description: 'Exact decimal number, given as a JSON number or, to keep more than 15 significant digits, as a string.',
  serialize(value) {
    return String(value);
  },
  parseValue(value) {
    if (typeof value === 'number' && Number.isFinite(value)) return String(value);
    if (typeof value === 'string') return value.trim();
    throw new GraphQLError('Decimal must be a number or a numeric string');
  },
  parseLiteral(ast) {
    if (ast.kind === Kind.INT || ast.kind === Kind.FLOAT || ast.kind === Kind.STRING) return ast.value;
    throw new GraphQLError('Decimal must be a number or a numeric string');
  },
});
