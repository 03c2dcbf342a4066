import { readFileSync } from 'node:fs';
import { createTaxonomyRegistry, registerTaxonomyFile, type TaxonomyRegistry } from '../core/ci/index.js';
import { ValidationError } from '../core/errors.js';
import type { NodeConfig } from '../service/node-config.js';

/**
 * The taxonomy registry of the configuration: the built-ins plus each file of `ci.taxonomyFiles`, in
 * order (a file's crosswalk may name a taxonomy of an earlier file). Read once at start, so that a bad
 * file stops the node: ValidationError TAXONOMY_INVALID lists every problem of every file, each
 * prefixed with its file. Undefined when no file is configured (the service then uses the built-ins).
 */
export function taxonomyRegistryOf(config: NodeConfig): TaxonomyRegistry | undefined {
  const files = config.ci?.taxonomyFiles ?? [];
  if (files.length === 0) return undefined;
  let registry = createTaxonomyRegistry();
  const problems: string[] = [];
  const seen = new Map<string, string>();
  for (const file of files) {
    let raw: unknown;
    try {
      raw = JSON.parse(readFileSync(file, 'utf8')) as unknown;
    } catch (e) {
      problems.push(
        `${file}: ${(e as NodeJS.ErrnoException).code === 'ENOENT' ? 'no such file' : (e as Error).message}`,
      );
      continue;
    }
    const id = (raw as { id?: unknown } | null)?.id;
    // Two files with one id would silently replace each other: the designations could not tell which.
    if (typeof id === 'string' && seen.has(id)) {
      problems.push(`${file}: taxonomy "${id}" is already defined by ${seen.get(id)}`);
      continue;
    }
    try {
      registry = registerTaxonomyFile(registry, raw);
      if (typeof id === 'string') seen.set(id, file);
    } catch (e) {
      if (!(e instanceof ValidationError)) throw e;
      problems.push(
        ...((e.details?.problems as string[] | undefined) ?? [e.message]).map((p) => `${file}: ${p}`),
      );
    }
  }
  if (problems.length > 0) {
    throw new ValidationError(
      'TAXONOMY_INVALID',
      `invalid ci.taxonomyFiles (PARLEY_CI_TAXONOMY_FILES):\n  - ${problems.join('\n  - ')}`,
      { details: { problems } },
    );
  }
  return registry;
}
