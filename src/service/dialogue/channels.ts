import { randomUUID } from 'node:crypto';
import { toBase64 } from '../../core/bytes/index.js';
import { DEFAULT_CHANNEL_POLICY, type ChannelPolicy } from '../../core/dialogue/index.js';
import { PolicyError, ValidationError } from '../../core/errors.js';
import { partyIdFromPublicKey } from '../../core/party/index.js';
import type { DialogueContext } from './context.js';
import { project } from './projector.js';

export interface InviteInput {
  readonly name: string;
  readonly purpose?: string;
  readonly policy?: Partial<ChannelPolicy>;
  /** Federation endpoints of the parties to invite (their nodes' base URLs). */
  readonly peers: readonly string[];
}

/**
 * Opens a channel: learns each peer's identity from its node, checks that each id certifies the
 * key it presented, and appends a signed invite naming every member, its key and endpoint.
 */
export async function inviteChannel(
  ctx: DialogueContext,
  input: InviteInput,
): Promise<{ channel: string; inviteHash: string }> {
  if (input.peers.length === 0)
    throw new ValidationError('ENVELOPE_INVALID', 'an invitation needs at least one peer');
  const members = [
    {
      party: ctx.partyId,
      public_key: toBase64(ctx.keyPair.publicKey),
      endpoint: ctx.endpoint,
      name: ctx.partyName,
    },
  ];
  for (const url of input.peers) {
    const id = await ctx.transport.identity(url);
    if (partyIdFromPublicKey(id.publicKey) !== id.partyId) {
      throw new PolicyError(
        'NOT_A_MEMBER',
        `${url} presents party ${id.partyId} with a key that does not certify it`,
      );
    }
    if (members.some((m) => m.party === id.partyId)) continue;
    members.push({
      party: id.partyId,
      public_key: toBase64(id.publicKey),
      endpoint: url.replace(/\/+$/, ''),
      name: id.name,
    });
  }
  const channel = `channel--${randomUUID()}`;
  const policy = { ...DEFAULT_CHANNEL_POLICY, ...input.policy };
  const { entries } = await ctx.logs.append(channel, [
    {
      kind: 'invite',
      body: {
        name: input.name,
        ...(input.purpose ? { purpose: input.purpose } : {}),
        policy: { ...policy },
        members,
      },
    },
  ]);
  const invite = entries[0]!;
  await project(ctx, invite);
  await ctx.store.dialogue.setProjected(channel, ctx.partyId, 0);
  ctx.logger.info({ channel, members: members.length }, 'channel invitation sent');
  return { channel, inviteHash: invite.hashHex };
}

/** Accepts an invitation received earlier: pins the members' keys and joins the channel. */
export async function acceptChannel(ctx: DialogueContext, channel: string): Promise<{ acceptHash: string }> {
  const c = await ctx.store.dialogue.getChannel(channel);
  if (!c) throw new PolicyError('NOT_A_MEMBER', `no invitation to ${channel} has reached this node`);
  if (c.state === 'left') throw new PolicyError('NOT_A_MEMBER', `this party left ${channel}`);
  const head = await ctx.store.getLogHead({ channel, author: ctx.partyId });
  if (head && head.size > 0) throw new PolicyError('NOT_A_MEMBER', `already joined ${channel}`);
  const { entries } = await ctx.logs.append(channel, [
    { kind: 'accept', refs: [c.inviteHash], body: { invite: c.inviteHash, endpoint: ctx.endpoint } },
  ]);
  const accept = entries[0]!;
  await project(ctx, accept);
  await ctx.store.dialogue.setProjected(channel, ctx.partyId, accept.envelope.seq);
  ctx.logger.info({ channel }, 'channel accepted');
  return { acceptHash: accept.hashHex };
}

/** Leaves a channel with a signed `leave`; delivery of it (and of what came before) goes on. */
export async function leaveChannel(
  ctx: DialogueContext,
  channel: string,
  reason?: string,
): Promise<{ leaveHash: string }> {
  const c = await ctx.store.dialogue.getChannel(channel);
  if (!c || c.state !== 'active') throw new PolicyError('NOT_A_MEMBER', `not an active member of ${channel}`);
  const { entries } = await ctx.logs.append(channel, [{ kind: 'leave', body: reason ? { reason } : {} }]);
  const leave = entries[0]!;
  await project(ctx, leave);
  await ctx.store.dialogue.setProjected(channel, ctx.partyId, leave.envelope.seq);
  return { leaveHash: leave.hashHex };
}
