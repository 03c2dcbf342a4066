/**
 * English strings of acknowledging and answering in a channel timeline (notify and request),
 * kept apart from en.ts so that pages built in parallel do not edit one long file.
 */
export const answersEn = {
  'answers.ackRequested': 'The sender asks for an acknowledgement.',
  'answers.acknowledge': 'Acknowledge',
  'answers.ack.text': 'Notification received and acknowledged; we are looking into it.',
  'answers.status': 'Status',
  'answers.inAnswerTo': 'In answer to #{seq} of {author}: {summary}',
  'answers.inAnswerTo.unseen': 'In answer to an envelope not on this page',
  'answers.list': 'Answers',
  'answers.onRecord': 'A response is on record since {time}.',
  'answers.receiptAt': 'receipt signed {time}',
} as const;
