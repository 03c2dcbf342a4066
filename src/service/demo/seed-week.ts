import type { ParsedEnvelope } from '../../core/envelope/index.js';
import type { DialogueService } from '../dialogue/dialogue-service.js';
import type { ThreatService } from '../threat/index.js';
import type { Logger } from '../ports.js';
import { ARDENIA_DESIGNATION, incidentBundle } from './demo-content.js';

/** A clock that can be put in the past while the demo's week is written, then runs in real time. */
export class ShiftedClock {
  offsetMs = 0;
  now(): Date {
    return new Date(Date.now() + this.offsetMs);
  }
  /** Moves to `msAgo` before the real now. */
  setAgo(msAgo: number): void {
    this.offsetMs = -msAgo;
  }
  advance(ms: number): void {
    this.offsetMs = Math.min(0, this.offsetMs + ms);
  }
}

export interface DemoSide {
  readonly dialogue: DialogueService;
  readonly threat: ThreatService;
  readonly url: string;
}

const HOUR = 3_600_000;
const MIN = 60_000;
const DAY = 24 * HOUR;

/**
 * Writes a realistic week of dialogue between the two demo parties, with the envelopes' signed
 * times spread over the past seven days: the channel opened, daily communication checks answered
 * after a few minutes, incident notifications with STIX content, a request for assistance
 * answered and one left overdue, a designation of critical infrastructure acknowledged, published
 * assessments and a co-signed statement. Delivery runs between steps, so each receipt carries the
 * time it would have had.
 */
export async function seedWeek(a: DemoSide, b: DemoSide, clock: ShiftedClock, log: Logger): Promise<string> {
  const flush = async (): Promise<void> => {
    for (let i = 0; i < 50; i++)
      if ((await a.dialogue.deliverer.tick()) + (await b.dialogue.deliverer.tick()) === 0) return;
  };
  const later = async (ms: number): Promise<void> => {
    clock.advance(ms);
    await flush();
  };
  clock.setAgo(7 * DAY + 2 * HOUR);
  const { channel } = await a.dialogue.invite({
    name: 'Ardenia ⇄ Borealia expert dialogue on cybersecurity',
    purpose:
      'Attacks, the overall threat level and the naming of critical infrastructure, as agreed at the summit.',
    peers: [b.url],
    policy: {
      receipt_deadline_s: 3600,
      response_time_s: 48 * 3600,
      ci_receipt_deadline_s: 900,
      tlp_ceiling: 'TLP:AMBER',
    },
  });
  await later(25 * MIN);
  await b.dialogue.accept(channel);
  await later(10 * MIN);

  // Daily communication checks, answered after a few minutes.
  const pingDay = async (answerAfterMin: number): Promise<void> => {
    await a.dialogue.ping(channel);
    clock.advance(answerAfterMin * MIN);
    await flush();
  };

  await pingDay(4);
  await later(3 * HOUR);
  const phishing = await a.dialogue.send(channel, {
    kind: 'notify',
    body: {
      template: {
        sender_state: 'XAR',
        sender_poc_role: 'technical',
        recipient_state: 'XBO',
        recipient_poc_role: 'technical',
        communication_type: 'notification',
        urgency: 'priority',
        incident_description: 'Spear-phishing wave against electricity operators',
        affected_sectors: ['energy'],
        handling: 'TLP:AMBER',
        acknowledgement_requested: true,
        language: 'en',
      },
      bundle: incidentBundle({
        at: clock.now().toISOString(),
        name: 'Spear-phishing against grid operators',
        victim: 'Regional grid operator',
        sectors: ['energy'],
        technique: ['T1566', 'Phishing'],
        ip: '192.0.2.45',
        domain: 'login-grid.example',
        actorType: 'crime-syndicate',
      }),
    },
  });
  await later(12 * MIN);

  await later(DAY - 4 * HOUR);
  await pingDay(7);
  const ddos = await b.dialogue.send(channel, {
    kind: 'notify',
    body: {
      template: {
        sender_state: 'XBO',
        sender_poc_role: 'technical',
        recipient_state: 'XAR',
        recipient_poc_role: 'technical',
        communication_type: 'notification',
        urgency: 'urgent',
        incident_description: 'DDoS against the national payment switch',
        affected_sectors: ['financial-services'],
        handling: 'TLP:AMBER',
        acknowledgement_requested: true,
        language: 'ru',
      },
      bundle: incidentBundle({
        at: clock.now().toISOString(),
        name: 'DDoS on the payment switch',
        victim: 'Borealian payment switch',
        sectors: ['financial-services'],
        technique: ['T1498', 'Network Denial of Service'],
        ip: '198.51.100.200',
        domain: 'botnet-c2.example',
        actorType: 'hacker',
      }),
    },
  });
  await later(9 * MIN);
  const askA = await b.dialogue.send(channel, {
    kind: 'request',
    refs: [ddos.hashHex],
    body: {
      request_type: 'mitigation',
      subject: 'Filter DDoS sources hosted in Ardenia',
      text: 'Please rate-limit the 12 addresses in the attached indicator set at your upstream providers.',
    },
    respondBy: new Date(clock.now().getTime() + 24 * HOUR).toISOString(),
  });
  await later(6 * HOUR);
  await a.dialogue.respond(
    channel,
    askA.hashHex,
    'answered',
    'Two upstream providers filter the 12 addresses since 14:20 UTC; traffic dropped by 80 %.',
  );
  await later(DAY - 6 * HOUR);

  await pingDay(3);
  try {
    await a.threat.designate(channel, ARDENIA_DESIGNATION);
    await later(2 * HOUR);
    await b.threat.acknowledge(channel, a.dialogue.ctx.partyId);
  } catch (e) {
    log.warn({ err: (e as Error).message }, 'demo: designations skipped');
  }
  await later(DAY - 3 * HOUR);

  await pingDay(15);
  const overdue = await a.dialogue.send(channel, {
    kind: 'request',
    refs: [phishing.hashHex],
    body: {
      request_type: 'information',
      subject: 'Sender infrastructure of the spear-phishing wave',
      text: 'Do your registries show who registered login-grid.example and its sister domains?',
    },
    respondBy: new Date(clock.now().getTime() + 36 * HOUR).toISOString(),
  });
  await later(DAY);

  await pingDay(5);
  for (const [side, level, rationale] of [
    [a, 2, 'Phishing against energy contained; no functional impact.'],
    [b, 3, 'DDoS against payments recurring daily; mitigation holding.'],
  ] as const) {
    try {
      await side.dialogue.send(channel, {
        kind: 'assessment',
        body: { scope: { kind: 'channel', id: channel }, level, rationale },
      });
    } catch (e) {
      log.warn({ err: (e as Error).message }, 'demo: assessment skipped');
    }
  }
  await later(DAY - 2 * HOUR);

  await pingDay(6);
  const statement: ParsedEnvelope = await b.dialogue.proposeStatement(channel, {
    title: 'Joint statement on the protection of payment and energy infrastructure',
    text: 'Both parties will notify each other of attacks against designated infrastructure within one hour and keep this channel staffed around the clock.',
    lang: 'en',
  });
  await later(3 * HOUR);
  await a.dialogue.signStatement(channel, statement.hashHex);
  await later(DAY - 6 * HOUR);

  await pingDay(2);
  await a.dialogue.send(channel, {
    kind: 'notify',
    body: {
      template: {
        sender_state: 'XAR',
        sender_poc_role: 'technical',
        recipient_state: 'XBO',
        recipient_poc_role: 'technical',
        communication_type: 'notification',
        urgency: 'urgent',
        incident_description: 'Ransomware at a meat-processing company',
        affected_sectors: ['agriculture'],
        affected_asset_is_designated_ci: true,
        handling: 'TLP:AMBER',
        acknowledgement_requested: true,
        language: 'en',
      },
      bundle: incidentBundle({
        at: clock.now().toISOString(),
        name: 'Ransomware at Ardenian Meat Co',
        victim: 'Ardenian Meat Co',
        sectors: ['agriculture'],
        technique: ['T1486', 'Data Encrypted for Impact'],
        ip: '198.51.100.23',
        domain: 'meatco-pay.example',
        actorType: 'criminal',
      }),
    },
  });
  clock.setAgo(0);
  await flush();
  void overdue;
  await a.dialogue.checkDeadlines();
  await b.dialogue.checkDeadlines();
  return channel;
}
