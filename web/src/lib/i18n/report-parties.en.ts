/**
 * English strings of the report form's sender and recipient fields (the POC template's
 * sender_state, sender_poc_role, recipient_state, recipient_poc_role, which the node requires).
 */
export const reportPartiesEn = {
  'report.parties': 'Sender and recipient',
  'report.senderState': 'Sending State',
  'report.recipientState': 'Receiving State',
  'report.state.hint': 'ISO 3166-1 alpha-3 code, e.g. FRA',
  'report.senderRole': 'Sender POC type',
  'report.recipientRole': 'Recipient POC type',
  'report.role.technical': 'Technical',
  'report.role.diplomatic': 'Diplomatic',
} as const;
