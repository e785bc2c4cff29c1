import pino from 'pino';

/**
 * Structured JSON logs (pino); pretty in development. Personal data never goes
 * out whole: CPFs/CNPJs, e-mails and names are masked wherever they appear.
 *
 * What counts as a CPF or CNPJ (a decision, see docs/operators.md › Logs):
 * - a run of exactly 11 digits (CPF) or 14 digits (CNPJ), with or without the
 *   usual punctuation (`529.982.247-25`, `11.222.333/0001-81`, and partial
 *   forms such as `529982247-25`);
 * - check digits are NOT required: an invalid document in a log line is most
 *   often a real one with a typo (an `INVALID_CPF` request), and 10 of its 11
 *   digits are still personal data. The price is that any other bare 11- or
 *   14-digit number (a Brazilian mobile number with area code, say) is masked too;
 * - never a run of 12, 13 (epoch milliseconds) or 15+ digits, never a piece of
 *   a longer token (letters or digits right before or after: UUIDs, hashes,
 *   `v52998224725`), never part of a decimal number (`0.52998224725`);
 * - an alphanumeric CNPJ (Receita Federal, from July 2026): 12 letters or
 *   digits then 2 digits, with or without the same punctuation
 *   (`12ABC34501DE35`, `12.ABC.345/01DE-35`), lowercase too (a typo'd one is
 *   still the company's), as long as its first 12 characters hold a digit:
 *   a 12-letter word followed by two digits (`REGISTRATION01`) is not a CNPJ.
 */
const EDGE_BEFORE = String.raw`(?<![0-9A-Za-z])(?<!\d[.,])`;
const EDGE_AFTER = String.raw`(?![0-9A-Za-z])(?![.,]\d)`;
const CNPJ = String.raw`\d{2}\.?\d{3}\.?\d{3}\/?\d{4}-?\d{2}`;
const CPF = String.raw`\d{3}\.?\d{3}\.?\d{3}-?\d{2}`;
const CPF_OR_CNPJ = new RegExp(`${EDGE_BEFORE}(?:${CNPJ}|${CPF})${EDGE_AFTER}`, 'g');
const ALNUM = '[0-9A-Za-z]';
const ALPHANUMERIC_CNPJ = new RegExp(`${EDGE_BEFORE}${ALNUM}{2}\\.?${ALNUM}{3}\\.?${ALNUM}{3}\\/?${ALNUM}{4}-?\\d{2}${EDGE_AFTER}`, 'g');
const EMAIL = /\b([A-Za-z0-9._%+-])[A-Za-z0-9._%+-]*@([A-Za-z0-9.-]+\.[A-Za-z]{2,})\b/g;

function maskDocument(match: string): string {
  const digits = match.replace(/\D/g, '');
  return `${digits.slice(0, 3)}*****${digits.slice(-3)}`;
}

/** `12ABC34501DE35` / `12.ABC.345/01DE-35` → `12A*****E35`; left as it is without a digit in its first 12 characters. */
function maskAlphanumericCnpj(match: string): string {
  const characters = match.replace(/[^0-9A-Za-z]/g, '');
  if (!/\d/.test(characters.slice(0, 12))) return match;
  return `${characters.slice(0, 3)}*****${characters.slice(-3)}`;
}

/** `52998224725` / `529.982.247-25` → `529*****725`; `11.222.333/0001-81` → `112*****181`; `ana.silva@x.com` → `a***@x.com`. */
export function maskPersonalData(text: string): string {
  return text.replace(CPF_OR_CNPJ, maskDocument).replace(ALPHANUMERIC_CNPJ, maskAlphanumericCnpj).replace(EMAIL, '$1***@$2');
}

function maskDeep(value: unknown, depth = 0): unknown {
  if (typeof value === 'string') return maskPersonalData(value);
  // A CPF/CNPJ that arrived as a JSON number (11 or 14 digits) is masked like text.
  if (typeof value === 'number' && Number.isSafeInteger(value) && /^(\d{11}|\d{14})$/.test(String(value))) return maskDocument(String(value));
  if (depth > 20) return value;
  if (Array.isArray(value)) return value.map((item) => maskDeep(item, depth + 1));
  // Errors are serialized here (message, stack, cause, driver fields…) so their text is masked too:
  // pino's own serializers run after this formatter and would print them as they are.
  if (value instanceof Error) return maskDeep(pino.stdSerializers.err(value), depth + 1);
  if (value && typeof value === 'object') {
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, maskDeep(v, depth + 1)]));
  }
  return value;
}

const level = process.env.LOG_LEVEL || (process.env.NODE_ENV === 'test' ? 'warn' : 'info');
const pretty = process.env.LOG_FORMAT === 'pretty' || (process.env.LOG_FORMAT !== 'json' && process.env.NODE_ENV === 'development' && process.stdout.isTTY);
/** Whether the process logs JSON lines (production, pipes, LOG_FORMAT=json) rather than pretty text. */
export const logsAreJson = !pretty;

/** The gateway's logger options; `destination` (tests, tools) replaces stdout and the pretty transport. */
export function createLogger(destination?: pino.DestinationStream, options: { level?: string } = {}): pino.Logger {
  const settings: pino.LoggerOptions = {
    level: options.level ?? level,
    base: { service: 'customers-gateway' },
    timestamp: pino.stdTimeFunctions.isoTime,
    // Names and contact fields are dropped outright; anything else is masked.
    redact: { paths: ['*.registerName', '*.socialName', '*.motherName', '*.civilName', '*.email', 'headers.authorization'], censor: '[redacted]' },
    // The formatter below has already turned errors into masked plain objects; keep them as they are.
    serializers: { err: (value: unknown) => (value instanceof Error ? maskDeep(value) : value) },
    formatters: {
      log: (object) => maskDeep(object) as Record<string, unknown>,
    },
    hooks: {
      logMethod(args, method) {
        const masked: unknown[] = args.map((arg) => (typeof arg === 'string' ? maskPersonalData(arg) : arg));
        // logger.error(err) takes err.message as the line's message, past the formatter: give it the masked one.
        if (masked[0] instanceof Error && typeof masked[1] !== 'string') masked.splice(1, 0, maskPersonalData(masked[0].message));
        method.apply(this, masked as Parameters<typeof method>);
      },
    },
  };
  if (destination) return pino(settings, destination);
  return pino({ ...settings, ...(pretty ? { transport: { target: 'pino-pretty', options: { translateTime: 'SYS:HH:MM:ss.l', ignore: 'service' } } } : {}) });
}

export const logger = createLogger();

/**
 * Start, ready and shutdown lines: at info even where the default level is quieter (tests run at warn),
 * so a supervisor (or a test) always sees them; an explicit LOG_LEVEL is obeyed.
 */
export const lifecycleLogger = process.env.LOG_LEVEL ? logger : logger.child({}, { level: 'info' });

/** Whether log lines are pretty text for a person at a terminal (development) rather than JSON. */
export const prettyLogs = pretty;
