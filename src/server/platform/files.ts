import { createHash, randomBytes } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import type { Readable } from 'node:stream';
import { Transform } from 'node:stream';
import { pipeline } from 'node:stream/promises';

/**
 * Where file bytes live (attachments; later mail attachments and documents). Metadata stays in PostgreSQL; the
 * bytes go to a store addressed by key. Today the store is the local disk under DATA_DIR/files; an S3-compatible
 * store can implement the same interface later.
 *
 * Writes are two-phase so a database row and its bytes never disagree: `stage` streams the upload to a temporary
 * object (never holding the whole file in memory) and reports size and SHA-256; the caller writes its row and,
 * after the commit, `commit`s the staged object under its final key — or `discard`s it on any failure.
 */
export interface FileStore {
  stage(source: Readable, opts?: StageOptions): Promise<StagedFile>;
  commit(staged: StagedFile, key: string): Promise<void>;
  discard(staged: StagedFile): Promise<void>;
  /** stage + commit in one step */
  put(key: string, source: Readable, opts?: StageOptions): Promise<{ size: number; sha256: string }>;
  /** The bytes under `key`, or undefined when there is no such object. */
  get(key: string): Promise<Readable | undefined>;
  exists(key: string): Promise<boolean>;
  delete(key: string): Promise<void>;
}

export type StageOptions = {
  /** Stop reading past this many bytes: the staged file is then marked `tooLarge` (and should be discarded). */
  maxBytes?: number;
  /** Sees every chunk as it passes (e.g. a streaming UTF-8 check); must not keep the chunks. */
  onChunk?: (chunk: Buffer) => void;
};

export type StagedFile = {
  /** a local path with the staged bytes, for checks that read them (type detection) */
  readonly localPath: string;
  readonly size: number;
  readonly sha256: string;
  readonly tooLarge: boolean;
};

/** Keys are flat, safe names (ids); the store decides the folder layout. */
const KEY = /^[A-Za-z0-9][A-Za-z0-9._-]{0,199}$/;

function assertKey(key: string) {
  if (!KEY.test(key)) throw new Error(`invalid file key: ${JSON.stringify(key)}`);
}

/**
 * Files on local disk: `<root>/<aa>/<bb>/<key>` where aa/bb come from a hash of the key — 65 536 folders, so a
 * folder holds ~15 files per million (UUIDv7 keys share their time prefix, hence the hash and not the key).
 * Staged files sit in `<root>/.staging` on the same file system, so `commit` is an atomic rename.
 */
export class DiskFileStore implements FileStore {
  readonly stagingDir: string;

  constructor(readonly root: string) {
    this.stagingDir = path.join(root, '.staging');
  }

  pathOf(key: string): string {
    assertKey(key);
    const h = createHash('sha256').update(key).digest('hex');
    return path.join(this.root, h.slice(0, 2), h.slice(2, 4), key);
  }

  async stage(source: Readable, opts: StageOptions = {}): Promise<StagedFile> {
    await fs.promises.mkdir(this.stagingDir, { recursive: true });
    const localPath = path.join(this.stagingDir, `${Date.now()}-${randomBytes(8).toString('hex')}.part`);
    const hash = createHash('sha256');
    const max = opts.maxBytes ?? Number.POSITIVE_INFINITY;
    let size = 0;
    let tooLarge = false;
    const meter = new Transform({
      transform(chunk: Buffer, _enc, done) {
        if (tooLarge) return done();
        if (size + chunk.length > max) {
          tooLarge = true;
          // keep draining the source (so the request finishes) but write nothing more
          return done();
        }
        size += chunk.length;
        hash.update(chunk);
        opts.onChunk?.(chunk);
        done(null, chunk);
      },
    });
    try {
      await pipeline(source, meter, fs.createWriteStream(localPath, { flags: 'wx', mode: 0o600 }));
    } catch (err) {
      await fs.promises.rm(localPath, { force: true });
      throw err;
    }
    return { localPath, size, sha256: hash.digest('hex'), tooLarge };
  }

  async commit(staged: StagedFile, key: string): Promise<void> {
    const target = this.pathOf(key);
    await fs.promises.mkdir(path.dirname(target), { recursive: true });
    await fs.promises.rename(staged.localPath, target);
  }

  async discard(staged: StagedFile): Promise<void> {
    await fs.promises.rm(staged.localPath, { force: true });
  }

  async put(key: string, source: Readable, opts?: StageOptions) {
    const staged = await this.stage(source, opts);
    try {
      await this.commit(staged, key);
    } catch (err) {
      await this.discard(staged);
      throw err;
    }
    return { size: staged.size, sha256: staged.sha256 };
  }

  async get(key: string): Promise<Readable | undefined> {
    const file = this.pathOf(key);
    try {
      const handle = await fs.promises.open(file, 'r');
      return handle.createReadStream();
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
      throw err;
    }
  }

  async exists(key: string): Promise<boolean> {
    try {
      await fs.promises.access(this.pathOf(key));
      return true;
    } catch {
      return false;
    }
  }

  async delete(key: string): Promise<void> {
    await fs.promises.rm(this.pathOf(key), { force: true });
  }
}

/** The app's file store: DATA_DIR/files. */
export function fileStoreFor(dataDir: string): FileStore {
  return new DiskFileStore(path.join(dataDir, 'files'));
}
