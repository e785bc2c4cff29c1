import pino from 'pino';

/**
 * Structured JSON logs (pino); pretty in development. Personal data never goes
 * out whole: CPFs/CNPJs, e-mails and names are masked wherever they appear.
 */
const CPF_OR_CNPJ = /\b(\d{3})\d{5,8}(\d{3})\b/g;
const EMAIL = /\b([A-Za-z0-9._%+-])[A-Za-z0-9._%+-]*@([A-Za-z0-9.-]+\.[A-Za-z]{2,})\b/g;

/** `52998224725` → `529*****725`; `ana.silva@x.com` → `a***@x.com`. */
export function maskPersonalData(text: string): string {
  return text.replace(CPF_OR_CNPJ, (_m, head: string, tail: string) => `${head}*****${tail}`).replace(EMAIL, '$1***@$2');
}

function maskDeep(value: unknown): unknown {
  if (typeof value === 'string') return maskPersonalData(value);
  if (Array.isArray(value)) return value.map(maskDeep);
  if (value && typeof value === 'object' && !(value instanceof Error)) {
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, maskDeep(v)]));
  }
  return value;
}

const level = process.env.LOG_LEVEL || (process.env.NODE_ENV === 'test' ? 'warn' : 'info');
const pretty = process.env.LOG_FORMAT === 'pretty' || (process.env.LOG_FORMAT !== 'json' && process.env.NODE_ENV === 'development' && process.stdout.isTTY);

export const logger = pino({
  level,
  base: { service: 'customers-gateway' },
  timestamp: pino.stdTimeFunctions.isoTime,
  // Names and contact fields are dropped outright; anything else is masked.
  redact: { paths: ['*.registerName', '*.socialName', '*.motherName', '*.civilName', '*.email', 'headers.authorization'], censor: '[redacted]' },
  formatters: {
    log: (object) => maskDeep(object) as Record<string, unknown>,
  },
  hooks: {
    logMethod(args, method) {
      method.apply(this, args.map((arg) => (typeof arg === 'string' ? maskPersonalData(arg) : arg)) as Parameters<typeof method>);
    },
  },
  ...(pretty ? { transport: { target: 'pino-pretty', options: { translateTime: 'SYS:HH:MM:ss.l', ignore: 'service' } } } : {}),
});
