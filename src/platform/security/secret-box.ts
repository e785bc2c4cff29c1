import { createCipheriv, createDecipheriv, createHash, randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import type { Config } from '../config';

/**
 * Webhook signing secrets at rest: AES-256-GCM under WEBHOOK_SECRET_KEY (or
 * the key in WEBHOOK_SECRET_KEY_FILE), 32 bytes written as 64 hex digits or
 * base64. A stored value reads `v1:<key id>:<iv>:<ciphertext + tag>` (base64url;
 * the key id is the first 8 hex digits of the key's SHA-256, so ids need no
 * configuration). A value without the `v1:` prefix is a secret written before
 * encryption: it is still read, and re-encrypted at start-up.
 *
 * Rotation: put the new key in WEBHOOK_SECRET_KEY and the old one in
 * WEBHOOK_SECRET_OLD_KEYS (comma-separated); every process decrypts with any
 * of them, and start-up re-encrypts every secret not under the current key
 * (reencryptWebhookSecrets). Once that has run, the old key can be removed.
 *
 * Development and tests without a key use one derived from a fixed label:
 * it hides nothing from anyone holding this source, and production refuses it.
 */
export interface WebhookSecretKeys {
  /** Encrypts; decrypts what carries its id. */
  current: Buffer;
  /** Decrypt only (WEBHOOK_SECRET_OLD_KEYS). */
  old: Buffer[];
  /** Where `current` came from: `development` is the derived key, never acceptable in production. */
  source: 'WEBHOOK_SECRET_KEY' | 'WEBHOOK_SECRET_KEY_FILE' | 'development';
}

export class WebhookSecretKeyError extends Error {}

const VERSION = 'v1';
const DEV_KEY = createHash('sha256').update('customers-gateway development webhook secret key (not secret)').digest();

/** A 32-byte key from 64 hex digits or base64 (standard or url-safe). */
export function parseKey(raw: string, name: string): Buffer {
  const text = raw.trim();
  const key = /^[0-9a-f]{64}$/i.test(text)
    ? Buffer.from(text, 'hex')
    : /^[A-Za-z0-9+/_-]{43}=?$/.test(text)
      ? Buffer.from(text, text.includes('-') || text.includes('_') ? 'base64url' : 'base64')
      : null;
  if (!key || key.length !== 32) throw new WebhookSecretKeyError(`${name} must be 32 bytes written as 64 hex digits or base64 (e.g. openssl rand -base64 32)`);
  return key;
}

/**
 * The keys from the environment; undefined when neither WEBHOOK_SECRET_KEY nor
 * WEBHOOK_SECRET_KEY_FILE is set in production (the configuration refuses it),
 * the derived development key elsewhere.
 */
export function loadWebhookSecretKeys(nodeEnv: string, env: Record<string, string | undefined> = process.env): WebhookSecretKeys | undefined {
  const old = (env.WEBHOOK_SECRET_OLD_KEYS ?? '')
    .split(',')
    .map((k) => k.trim())
    .filter(Boolean)
    .map((k, i) => parseKey(k, `WEBHOOK_SECRET_OLD_KEYS[${i}]`));
  if (env.WEBHOOK_SECRET_KEY && env.WEBHOOK_SECRET_KEY_FILE) throw new WebhookSecretKeyError('set WEBHOOK_SECRET_KEY or WEBHOOK_SECRET_KEY_FILE, not both');
  if (env.WEBHOOK_SECRET_KEY) return { current: parseKey(env.WEBHOOK_SECRET_KEY, 'WEBHOOK_SECRET_KEY'), old, source: 'WEBHOOK_SECRET_KEY' };
  if (env.WEBHOOK_SECRET_KEY_FILE) {
    let raw: string;
    try {
      raw = readFileSync(env.WEBHOOK_SECRET_KEY_FILE, 'utf8');
    } catch (error) {
      throw new WebhookSecretKeyError(`WEBHOOK_SECRET_KEY_FILE cannot be read (${(error as NodeJS.ErrnoException).code ?? 'error'})`);
    }
    return { current: parseKey(raw, 'WEBHOOK_SECRET_KEY_FILE'), old, source: 'WEBHOOK_SECRET_KEY_FILE' };
  }
  if (nodeEnv === 'production') return undefined;
  return { current: DEV_KEY, old, source: 'development' };
}

export function keyId(key: Buffer): string {
  return createHash('sha256').update(key).digest('hex').slice(0, 8);
}

/** Encrypts and decrypts secrets with one set of keys. */
export class SecretBox {
  private readonly byId: Map<string, Buffer>;
  readonly currentId: string;

  constructor(private readonly keys: WebhookSecretKeys) {
    this.currentId = keyId(keys.current);
    this.byId = new Map([...keys.old, keys.current].map((key) => [keyId(key), key]));
  }

  /** `v1:<key id>:<iv>:<ciphertext+tag>` under the current key; a fresh IV each time. */
  seal(secret: string): string {
    const iv = randomBytes(12);
    const cipher = createCipheriv('aes-256-gcm', this.keys.current, iv);
    const sealed = Buffer.concat([cipher.update(secret, 'utf8'), cipher.final(), cipher.getAuthTag()]);
    return [VERSION, this.currentId, iv.toString('base64url'), sealed.toString('base64url')].join(':');
  }

  static isSealed(stored: string): boolean {
    return stored.startsWith(`${VERSION}:`);
  }

  /** Whether `stored` is sealed under the current key (nothing to re-encrypt). */
  isCurrent(stored: string): boolean {
    return stored.startsWith(`${VERSION}:${this.currentId}:`);
  }

  /** The secret; a value written before encryption is returned as is. Throws when no configured key opens it. */
  open(stored: string): string {
    if (!SecretBox.isSealed(stored)) return stored;
    const [, id, iv, sealed] = stored.split(':');
    const key = this.byId.get(id);
    if (!key) throw new WebhookSecretKeyError(`a webhook secret is sealed under key ${id}, which is neither WEBHOOK_SECRET_KEY nor in WEBHOOK_SECRET_OLD_KEYS`);
    const data = Buffer.from(sealed, 'base64url');
    const decipher = createDecipheriv('aes-256-gcm', key, Buffer.from(iv, 'base64url'));
    decipher.setAuthTag(data.subarray(data.length - 16));
    return Buffer.concat([decipher.update(data.subarray(0, data.length - 16)), decipher.final()]).toString('utf8');
  }

  /** Sealed under the current key: unchanged when it already is, re-sealed otherwise. */
  reseal(stored: string): string {
    return this.isCurrent(stored) ? stored : this.seal(this.open(stored));
  }
}

const boxes = new WeakMap<object, SecretBox>();

/**
 * The box of a configuration: `webhooks.secretKey`, or the development key
 * when a non-production configuration has none. Production without a key
 * throws: secrets are never stored in clear.
 */
export function secretBoxFor(config: Pick<Config, 'env' | 'webhooks'>): SecretBox {
  const keys = config.webhooks.secretKey ?? (config.env === 'production' ? undefined : loadWebhookSecretKeys(config.env, {}));
  if (!keys) throw new WebhookSecretKeyError('WEBHOOK_SECRET_KEY or WEBHOOK_SECRET_KEY_FILE is required in production');
  let box = boxes.get(keys);
  if (!box) boxes.set(keys, (box = new SecretBox(keys)));
  return box;
}

/**
 * The secrets a delivery is signed with, opened: the current one, plus the
 * previous one during a rotation's grace period.
 */
export function signingSecrets(
  box: SecretBox,
  webhook: { secret: string; previousSecret: string | null; previousSecretExpiresAt: Date | null },
  now = new Date(),
): string[] {
  const secrets = [box.open(webhook.secret)];
  if (webhook.previousSecret && webhook.previousSecretExpiresAt && new Date(webhook.previousSecretExpiresAt) > now)
    secrets.push(box.open(webhook.previousSecret));
  return secrets;
}
