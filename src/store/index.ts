/**
 * The store's public surface: the `Store` interface, its errors and `openStore`. Backends are
 * loaded here and nowhere else, lazily, so that a node on SQLite never loads `pg` and vice versa.
 */
import type { Store, StoreConfig } from './store.types.js';

export type * from './store.types.js';
export { STORE_ENGINES } from './store.types.js';
export { StoreError, STORE_CODES, isStoreError, type StoreCode } from './store-error.js';
export { MIGRATIONS, SCHEMA_VERSION, type Migration } from './migrations.js';

/**
 * Opens a store and brings its schema to this build's version.
 * Throws StoreError STORE_UNAVAILABLE (cannot reach or lock the database), MIGRATION_FAILED, STORE_CORRUPT.
 */
export async function openStore(config: StoreConfig): Promise<Store> {
  switch (config.engine) {
    case 'sqlite': {
      const { openSqliteStore } = await import('./sqlite/sqlite-store.js');
      return openSqliteStore(config);
    }
    case 'postgres': {
      const { openPgStore } = await import('./postgres/pg-store.js');
      return openPgStore(config);
    }
    default: {
      // Reachable when config came from untyped JSON that skipped validation.
      const engine: unknown = (config satisfies never as { engine?: unknown }).engine;
      throw new RangeError(`unknown store engine ${JSON.stringify(engine)}`);
    }
  }
}
