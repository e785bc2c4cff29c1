import { randomBytes } from 'node:crypto';
import { mkdirSync } from 'node:fs';
import { mkdir, readFile, rename, rm, writeFile } from 'node:fs/promises';
import { dirname, join, resolve } from 'node:path';
import type { S3Client } from '@aws-sdk/client-s3';

/**
 * Where document images live (never in a table column): a directory by
 * default, S3-compatible object storage when DOCUMENT_STORAGE_S3_BUCKET is set.
 */
export interface DocumentStorage {
  put(key: string, bytes: Buffer, contentType: string): Promise<void>;
  get(key: string): Promise<Buffer>;
  /** Deleting a key that does not exist is no error. */
  delete(key: string): Promise<void>;
}

export interface DocumentStorageConfig {
  /** DOCUMENT_STORAGE_DIR. */
  dir: string;
  /** DOCUMENT_STORAGE_S3_*: S3 instead of the directory when `bucket` is set. */
  s3?: { bucket: string; endpoint?: string; region: string };
}

/** Keys are ours (`<cpf>/<token>.<ext>`): refusing anything else keeps a key from ever leaving the directory. */
const KEY = /^[A-Za-z0-9_-]+(\/[A-Za-z0-9_-]+)*\.[a-z]+$/;

function checkKey(key: string): string {
  if (!KEY.test(key)) throw new Error(`invalid document storage key "${key}"`);
  return key;
}

/** Files under one directory, each written to a temporary name and renamed, so a crash never leaves a half file under its final name. */
export class DirectoryStorage implements DocumentStorage {
  readonly root: string;

  constructor(dir: string) {
    this.root = resolve(dir);
    mkdirSync(this.root, { recursive: true }); // at start-up: a bad path fails the start, not the first upload
  }

  async put(key: string, bytes: Buffer, _contentType?: string): Promise<void> {
    const path = join(this.root, checkKey(key));
    await mkdir(dirname(path), { recursive: true });
    const temporary = `${path}.${randomBytes(6).toString('hex')}.tmp`;
    try {
      await writeFile(temporary, bytes, { flag: 'wx' });
      await rename(temporary, path);
    } catch (error) {
      await rm(temporary, { force: true });
      throw error;
    }
  }

  get(key: string): Promise<Buffer> {
    return readFile(join(this.root, checkKey(key)));
  }

  async delete(key: string): Promise<void> {
    await rm(join(this.root, checkKey(key)), { force: true });
  }
}

/** S3 or an S3-compatible server (path-style addressing when an endpoint is given); credentials from the standard AWS variables. */
export class S3Storage implements DocumentStorage {
  private readonly client: S3Client;
  private readonly sdk: typeof import('@aws-sdk/client-s3');

  constructor(private readonly options: NonNullable<DocumentStorageConfig['s3']>) {
    // Loaded only when S3 is configured: the SDK is large and most deployments use the directory.

    this.sdk = require('@aws-sdk/client-s3') as typeof import('@aws-sdk/client-s3');
    this.client = new this.sdk.S3Client({
      region: options.region,
      // Checksums only where S3 requires them: S3-compatible servers do not all know the newer checksum headers.
      requestChecksumCalculation: 'WHEN_REQUIRED',
      responseChecksumValidation: 'WHEN_REQUIRED',
      ...(options.endpoint ? { endpoint: options.endpoint, forcePathStyle: true } : {}),
    });
  }

  async put(key: string, bytes: Buffer, contentType: string): Promise<void> {
    await this.client.send(new this.sdk.PutObjectCommand({ Bucket: this.options.bucket, Key: checkKey(key), Body: bytes, ContentType: contentType }));
  }

  async get(key: string): Promise<Buffer> {
    const object = await this.client.send(new this.sdk.GetObjectCommand({ Bucket: this.options.bucket, Key: checkKey(key) }));
    if (!object.Body) throw new Error(`document ${key} has no body`);
    return Buffer.from(await object.Body.transformToByteArray());
  }

  async delete(key: string): Promise<void> {
    await this.client.send(new this.sdk.DeleteObjectCommand({ Bucket: this.options.bucket, Key: checkKey(key) }));
  }
}

export function createDocumentStorage(config: DocumentStorageConfig): DocumentStorage {
  return config.s3 ? new S3Storage(config.s3) : new DirectoryStorage(config.dir);
}
