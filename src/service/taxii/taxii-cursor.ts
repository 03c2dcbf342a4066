/**
 * The `next` token of TAXII paging: an opaque, URL-safe encoding of the last (date_added, seq)
 * a page returned. It holds no server state, so it survives restarts and works on every process
 * sharing the database.
 */
import type { ObjectCursor } from '../../store/objects.types.js';
import { TaxiiError } from './taxii-error.js';

const PREFIX = 'p1.';

export function encodeCursor(c: ObjectCursor): string {
  return PREFIX + Buffer.from(`${c.addedUs}.${c.seq}`, 'utf8').toString('base64url');
}

/** Throws TAXII_FILTER_INVALID for anything encodeCursor did not produce. */
export function decodeCursor(token: string): ObjectCursor {
  const bad = () =>
    new TaxiiError('TAXII_FILTER_INVALID', 'next is not a token this server issued', {
      details: { parameter: 'next' },
    });
  if (!token.startsWith(PREFIX) || token.length > 64) throw bad();
  const text = Buffer.from(token.slice(PREFIX.length), 'base64url').toString('utf8');
  const m = /^(\d{1,16})\.(\d{1,16})$/.exec(text);
  if (!m) throw bad();
  const addedUs = Number(m[1]);
  const seq = Number(m[2]);
  if (!Number.isSafeInteger(addedUs) || !Number.isSafeInteger(seq)) throw bad();
  return { addedUs, seq };
}
