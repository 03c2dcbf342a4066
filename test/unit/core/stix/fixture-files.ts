// Loads the third-party STIX fixtures (see ../shared/fixtures/stix/README.md for sources and licences).
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative, resolve } from 'node:path';

export const STIX_FIXTURES_DIR = resolve(process.cwd(), '../shared/fixtures/stix');

/** Every *.json under the fixtures folder, as paths relative to it, sorted. */
export function listStixFixtures(): string[] {
  const out: string[] = [];
  const walk = (dir: string): void => {
    for (const name of readdirSync(dir).sort()) {
      const p = join(dir, name);
      if (statSync(p).isDirectory()) walk(p);
      else if (name.endsWith('.json')) out.push(relative(STIX_FIXTURES_DIR, p));
    }
  };
  walk(STIX_FIXTURES_DIR);
  return out;
}

export function readStixFixture(rel: string): unknown {
  return JSON.parse(readFileSync(join(STIX_FIXTURES_DIR, rel), 'utf8')) as unknown;
}

/** The objects of a bundle file, or the single object of a bare-object file. */
export function fixtureObjects(doc: unknown): Record<string, unknown>[] {
  const d = doc as Record<string, unknown>;
  return d['type'] === 'bundle' ? (d['objects'] as Record<string, unknown>[]) : [d];
}
