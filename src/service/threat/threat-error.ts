import { ParleyError } from '../../core/errors.js';

/** A designation, version or incident that this node does not hold (the HTTP edge answers 404). */
export class ThreatNotFoundError extends ParleyError<'NOT_FOUND'> {
  constructor(what: string) {
    super('NOT_FOUND', `${what} not found`);
  }
}
