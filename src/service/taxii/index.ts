/**
 * The TAXII 2.1 service's public surface. A node's TaxiiService is built in the composition root
 * (cli/open-node.ts) and attached to its NodeService, so that the HTTP app and the dialogue find
 * it with `taxiiServiceOf(node)` without NodeService having to know about TAXII.
 */
import type { NodeService } from '../node-service.js';
import type { TaxiiService } from './taxii-service.js';

export {
  TaxiiService,
  TAXII_API_ROOT,
  OUTBOX_ALIAS,
  DEFAULT_TAXII_MAX_CONTENT_LENGTH,
  type ChannelAddResult,
  type OutboxPage,
} from './taxii-service.js';
export { TaxiiError, TAXII_CODES, isTaxiiError, type TaxiiCode } from './taxii-error.js';
export { ANONYMOUS_USER, accessTo, type Principal } from './taxii-auth.js';
export { TAXII_MEDIA_TYPE, STIX_MEDIA_TYPE } from './taxii-resources.types.js';
export type * from './taxii-resources.types.js';

const attached = new WeakMap<NodeService, TaxiiService>();

export function attachTaxii(node: NodeService, taxii: TaxiiService): void {
  attached.set(node, taxii);
}

/** The TAXII service of a node opened by openNode, if any. */
export function taxiiServiceOf(node: NodeService): TaxiiService | undefined {
  return attached.get(node);
}
