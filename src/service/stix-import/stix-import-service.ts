/**
 * `parley import stix` and `parley export stix`: STIX 2.1 files in and out of a collection.
 * A file may hold a bundle, a TAXII envelope, a list of objects or one object; a folder is read
 * recursively (*.json). Every object is validated; the summary says what was accepted and why
 * the rest was rejected.
 */
import { randomUUID } from 'node:crypto';
import { readdir, readFile, stat } from 'node:fs/promises';
import { join } from 'node:path';
import type { TaxiiService } from '../taxii/taxii-service.js';

export const IMPORT_CHUNK = 1000;
const MAX_REJECTIONS = 1000;

export interface ImportRejection {
  readonly file: string;
  /** Index in the file's objects, or -1 when the whole file was refused. */
  readonly index: number;
  readonly id: string;
  readonly message: string;
}

export interface ImportSummary {
  readonly collection: string;
  readonly files: number;
  readonly objects: number;
  readonly accepted: number;
  /** Accepted, but that version was already stored. */
  readonly duplicates: number;
  readonly rejected: number;
  /** The first rejections (at most 1,000), with reasons. */
  readonly rejections: ImportRejection[];
  /** Rejections by the first issue code, e.g. { STIX_SCHEMA: 6 }. */
  readonly rejectedByCode: Record<string, number>;
}

export interface ImportProgress {
  readonly file: string;
  readonly filesDone: number;
  readonly filesTotal: number;
  readonly objects: number;
}

/** The *.json files under a path (the path itself when it is a file), sorted. */
export async function listStixFiles(path: string): Promise<string[]> {
  const s = await stat(path);
  if (s.isFile()) return [path];
  const out: string[] = [];
  for (const entry of (await readdir(path, { withFileTypes: true })).sort((a, b) =>
    a.name.localeCompare(b.name),
  )) {
    const p = join(path, entry.name);
    if (entry.isDirectory()) out.push(...(await listStixFiles(p)));
    else if (entry.isFile() && entry.name.endsWith('.json')) out.push(p);
  }
  return out;
}

/** The objects a parsed file holds, or a reason it holds none. */
export function objectsOfDocument(doc: unknown): unknown[] | string {
  if (Array.isArray(doc)) return doc;
  if (typeof doc !== 'object' || doc === null) return 'not a JSON object';
  const rec = doc as Record<string, unknown>;
  if (rec['type'] === 'bundle') {
    if (rec['spec_version'] !== undefined && rec['spec_version'] !== '2.1')
      return `a STIX ${String(rec['spec_version'])} bundle, not STIX 2.1`;
    return Array.isArray(rec['objects']) ? rec['objects'] : [];
  }
  if (rec['type'] === undefined && Array.isArray(rec['objects'])) return rec['objects'];
  return [doc];
}

export async function importStix(
  taxii: TaxiiService,
  paths: readonly string[],
  collection: string,
  onProgress?: (p: ImportProgress) => void,
): Promise<ImportSummary> {
  const files: string[] = [];
  for (const p of paths) files.push(...(await listStixFiles(p)));
  const s = { files: files.length, objects: 0, accepted: 0, duplicates: 0, rejected: 0 };
  const rejections: ImportRejection[] = [];
  const byCode: Record<string, number> = {};
  const reject = (r: ImportRejection, code: string) => {
    s.rejected++;
    byCode[code] = (byCode[code] ?? 0) + 1;
    if (rejections.length < MAX_REJECTIONS) rejections.push(r);
  };
  let collectionId = collection;
  for (const [i, file] of files.entries()) {
    let doc: unknown;
    try {
      doc = JSON.parse(await readFile(file, 'utf8'));
    } catch (e) {
      reject({ file, index: -1, id: '', message: `not JSON: ${(e as Error).message}` }, 'JSON_INVALID');
      continue;
    }
    const objects = objectsOfDocument(doc);
    if (typeof objects === 'string') {
      reject({ file, index: -1, id: '', message: objects }, 'STIX_SPEC_VERSION');
      continue;
    }
    for (let start = 0; start < objects.length; start += IMPORT_CHUNK) {
      const chunk = objects.slice(start, start + IMPORT_CHUNK);
      const r = await taxii.importObjects(collection, chunk);
      collectionId = r.collection;
      s.objects += chunk.length;
      s.accepted += r.added + r.duplicates;
      s.duplicates += r.duplicates;
      for (const x of r.rejected)
        reject(
          { file, index: start + x.index, id: x.id, message: x.message },
          x.issues[0]?.code ?? 'STIX_NOT_OBJECT',
        );
      onProgress?.({ file, filesDone: i, filesTotal: files.length, objects: s.objects });
    }
    onProgress?.({ file, filesDone: i + 1, filesTotal: files.length, objects: s.objects });
  }
  return { collection: collectionId, ...s, rejections, rejectedByCode: byCode };
}

/**
 * Writes a collection as one STIX 2.1 bundle, streaming: `write` gets the text piece by piece.
 * Every stored version is exported. Returns the number of objects written.
 */
export async function exportStix(
  taxii: TaxiiService,
  collection: string,
  write: (text: string) => Promise<void> | void,
  onProgress?: (objects: number) => void,
): Promise<number> {
  await write(`{"type":"bundle","id":"bundle--${randomUUID()}","objects":[`);
  let after: string | undefined;
  let n = 0;
  for (;;) {
    const page = await taxii.readCollection(collection, after, IMPORT_CHUNK);
    if (page.objects.length === 0) break;
    const text = page.objects.map((o) => JSON.stringify(o.object)).join(',\n');
    await write((n > 0 ? ',\n' : '\n') + text);
    n += page.objects.length;
    onProgress?.(n);
    after = page.next;
    if (!page.more) break;
  }
  await write('\n]}\n');
  return n;
}
