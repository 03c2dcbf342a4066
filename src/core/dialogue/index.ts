/** The dialogue's vocabulary: envelope body schemas, channel policy, co-signed statements. */
export {
  BODY_SCHEMAS,
  POC_TEMPLATE_KINDS,
  RECEIVED_TEMPLATE_BODY_SCHEMAS,
  TLP_NAMES,
  channelPolicySchema,
  memberSchema,
  type TlpName,
  type SchemaKind,
  type PocTemplateKind,
} from './body-schemas.js';
export {
  checkBody,
  checkReceivedBody,
  needsReceipt,
  DEFAULT_CHANNEL_POLICY,
  type ChannelPolicy,
  type ReceivedBodyCheck,
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
  MAX_REPORTED_UNKNOWN_FIELDS,
  completeTemplate,
  pocTemplateSchema,
  unknownTemplateFields,
  type PocTemplateSchemaOptions,
} from './poc-template.js';
export { coSign, checkCoSignature, STATEMENT_SIGNING_CONTEXT } from './statement.js';
export { checkInvite, type PinnedMember } from './invite.js';
