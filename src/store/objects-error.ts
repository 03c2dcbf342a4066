import { ParleyError } from '../core/errors.js';

export const OBJECT_STORE_CODES = [
  /** No collection has the id (or alias) given. */
  'COLLECTION_NOT_FOUND',
] as const;
export type ObjectStoreCode = (typeof OBJECT_STORE_CODES)[number];

/** A failure of the STIX object store that the caller can act on. */
export class ObjectStoreError extends ParleyError<ObjectStoreCode> {}

export function collectionNotFound(id: string): ObjectStoreError {
  return new ObjectStoreError('COLLECTION_NOT_FOUND', `collection ${id} not found`, {
    details: { collection: id },
  });
}
