/** Threat-level set-ups on running nodes, built from the material in threat-fixtures.ts. */
import { eventually, type TestNode } from './nodes.js';
import { FOOD_DESIGNATION } from './threat-fixtures.js';

/** A designates `FOOD_DESIGNATION` in `channel` and B acknowledges it; returns once A holds the ack. */
export async function designateFoodAcknowledged(a: TestNode, b: TestNode, channel: string): Promise<void> {
  await a.threat!.designate(channel, FOOD_DESIGNATION);
  await eventually(
    'B holds the designation',
    async () => (await b.threat!.designations(channel)).length === 1,
  );
  await b.threat!.acknowledge(channel, a.node.partyId);
  await eventually(
    'A sees the ack',
    async () => (await a.threat!.designations(channel))[0]?.acks.length === 1,
  );
}
