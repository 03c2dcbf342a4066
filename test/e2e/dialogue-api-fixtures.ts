/**
 * Responses in the shapes of the dialogue and threat-level routes (src/http/routes/api/dialogue-api.ts,
 * threat.ts), with a realistic week in them. The contract test answers the UI's requests with these
 * inside the browser, so that the pages' rendering of those shapes is tested whatever the node
 * under test holds. Test data only: never served by a node.
 */
const CH = 'channel--5f2b7c1e-8a9d-4c3b-9e1f-2a3b4c5d6e7f';
const A = 'identity--0a1b2c3d-4e5f-5a6b-8c7d-9e0f1a2b3c4d';
const B = 'identity--1b2c3d4e-5f6a-5b7c-9d8e-0f1a2b3c4d5e';

export function dialogueFixtures(now = Date.now()): { channel: string; routes: Record<string, unknown> } {
  const at = (hours: number): string => new Date(now + hours * 3_600_000).toISOString();
  const channel = {
    id: CH,
    name: 'Ruritania ⇄ Borduria',
    state: 'active',
    created_at: at(-24 * 7),
    members: [
      { party: A, name: 'CERT of Ruritania', state: 'accepted' },
      { party: B, name: 'Borduria NCSC', state: 'accepted' },
    ],
    open_items: 2,
    overdue_items: 1,
  };
  return {
    channel: CH,
    routes: {
      '/api/v1/channels': { channels: [channel] },
      [`/api/v1/channels/${CH}`]: channel,
      [`/api/v1/channels/${CH}/envelopes`]: {
        envelopes: [
          {
            hash: 'c'.repeat(64),
            seq: 7,
            author: B,
            author_name: 'Borduria NCSC',
            kind: 'request',
            created: at(-30),
            summary: 'Request for assistance: DDoS on the national payment switch',
            respond_by: at(-6),
            verification: { signature: 'verified', inclusion: 'verified', receipt: 'overdue' },
          },
          {
            hash: 'b'.repeat(64),
            seq: 6,
            author: A,
            author_name: 'CERT of Ruritania',
            kind: 'notify',
            created: at(-50),
            summary: 'Incident notification: phishing against energy operators',
            verification: {
              signature: 'verified',
              inclusion: 'verified',
              receipt: 'received',
              receipt_at: at(-49),
            },
          },
          {
            hash: 'a'.repeat(64),
            seq: 5,
            author: B,
            author_name: 'Borduria NCSC',
            kind: 'ping',
            created: at(-72),
            summary: 'Communication check',
            verification: { signature: 'failed', inclusion: 'pending', receipt: 'not-required' },
          },
        ],
      },
      '/api/v1/items': {
        items: [
          {
            hash: 'c'.repeat(64),
            channel: CH,
            channel_name: channel.name,
            author: B,
            kind: 'request',
            created: at(-30),
            summary: 'Request for assistance: DDoS on the national payment switch',
            receipt_due: at(-29),
            respond_by: at(-6),
            overdue_at: at(-6),
          },
          {
            hash: 'd'.repeat(64),
            channel: CH,
            channel_name: channel.name,
            author: B,
            kind: 'request',
            created: at(-2),
            summary: 'Request for information: indicators of the energy phishing wave',
            receipt_due: at(-1),
            respond_by: at(20),
          },
        ],
      },
      '/api/v1/alarms': {
        alarms: [
          {
            id: 1,
            kind: 'deadline.overdue',
            severity: 'critical',
            channel: CH,
            subject: 'c'.repeat(64),
            message: 'Response to a request for assistance is overdue by 6 hours',
            raised_at: at(-6),
          },
        ],
      },
      '/api/v1/threat/levels': {
        levels: [
          {
            scope: { kind: 'channel', id: CH },
            name: channel.name,
            at: now,
            score: 62,
            level: 3,
            levelName: 'High',
            sector: 'us-financial-services',
            peak: 71,
            boost: 4,
            published: [
              {
                party: B,
                channel: CH,
                level: 2,
                rationale: 'contained',
                created: at(-20),
                envelopeHash: 'f'.repeat(64),
              },
            ],
          },
          {
            scope: { kind: 'sector', id: 'us-energy' },
            name: 'Energy',
            at: now,
            score: 41,
            level: 2,
            levelName: 'Medium',
            sector: 'us-energy',
            peak: 41,
            boost: 0,
            published: [],
          },
        ],
        model: { id: 'nciss-demo', version: 1 },
        halfLifeMs: 7 * 86_400_000,
      },
      [`/api/v1/threat/levels/channel/${CH}`]: {
        level: 3,
        score: 62,
        sector: 'us-financial-services',
        incidents: [
          {
            id: 'incident--1',
            score: 71,
            decayedScore: 58,
            contribution: 58,
            role: 'peak',
            designated: ['payments switch'],
            ageMs: 30 * 3_600_000,
          },
          {
            id: 'incident--2',
            score: 40,
            decayedScore: 30,
            contribution: 4,
            role: 'correlation',
            designated: [],
            ageMs: 50 * 3_600_000,
          },
        ],
        names: [
          {
            id: 'incident--1',
            name: 'DDoS on the national payment switch',
            envelopeHash: 'c'.repeat(64),
            author: B,
          },
          {
            id: 'incident--2',
            name: 'Phishing against energy operators',
            envelopeHash: 'b'.repeat(64),
            author: A,
          },
        ],
        omitted: 0,
      },
      [`/api/v1/threat/levels/channel/${CH}/history`]: {
        points: [0, 1, 1, 2, 3, 3, 2, 3].map((level, i) => ({
          t: now - (7 - i) * 86_400_000,
          score: level * 20,
          level,
          added: 1,
        })),
      },
      '/api/v1/contacts': {
        contacts: [
          {
            party: A,
            name: 'CERT of Ruritania',
            endpoint: 'https://parley.cert.ruritania.example',
            channels: [CH],
            home: true,
          },
          {
            party: B,
            name: 'Borduria NCSC',
            endpoint: 'https://parley.ncsc.borduria.example',
            channels: [CH],
            home: false,
          },
        ],
      },
      '/api/v1/contacts/checks': {
        checks: [{ channel: CH, party: B, pings: 7, answered: 6, median_ms: 840, last_ms: 1210 }],
      },
      '/api/v1/evidence': { evidence: [] },
    },
  };
}
