/** The dialogue's vocabulary: envelope body schemas, channel policy, co-signed statements. */
export {
  BODY_SCHEMAS,
  TLP_NAMES,
  channelPolicySchema,
  memberSchema,
  type TlpName,
  type SchemaKind,
} from './body-schemas.js';
export {
  checkBody,
  needsReceipt,
  DEFAULT_CHANNEL_POLICY,
  type ChannelPolicy,
  type ChannelMember,
  type InviteBody,
  type ReceiptBody,
  type RequestBody,
  type ResponseBody,
  type StatementBody,
  type StatementSignBody,
} from './bodies.js';
export {
  POC_TEMPLATE_FIELDS,
  POC_TEMPLATE_NODE_FIELDS,
  completeTemplate,
  pocTemplateSchema,
} from './poc-template.js';
export { coSign, checkCoSignature, STATEMENT_SIGNING_CONTEXT } from './statement.js';
export { checkInvite, type PinnedMember } from './invite.js';
