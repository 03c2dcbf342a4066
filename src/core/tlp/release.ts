/**
 * Enforcing TLP 2.0 on what leaves a node (DESIGN.md "Standards it speaks"; README.md in this folder
 * has the matrix). The node calls checkRelease before anything marked goes out: an envelope to a
 * channel, a direct delivery to named parties, or an object added to a TAXII collection.
 */
import { PolicyError } from '../errors.js';
import { stricterTlp, tlpRank, type TlpLevel } from './markings.js';
import { assessTlp, markingIndex, type TlpAssessment, type TlpOptions } from './tlp-of.js';

export type ReleaseDestination =
  | {
      readonly kind: 'channel';
      /** The parties that will receive it: every member of the channel except the sending party. */
      readonly channelMembers: readonly string[];
      /** Parties the author named as recipients of this content; TLP:RED needs every receiver named. */
      readonly namedRecipients?: readonly string[];
      /** The channel policy's TLP ceiling (core/dialogue ChannelPolicy.tlp_ceiling), if any. */
      readonly tlpCeiling?: TlpLevel;
    }
  | { readonly kind: 'recipients'; readonly partyIds: readonly string[] }
  | { readonly kind: 'collection'; readonly public: boolean };

export const RELEASE_REFUSALS = [
  'RED_TO_COLLECTION',
  'RED_TO_UNNAMED_MEMBERS',
  'AMBER_OUTSIDE_CHANNEL',
  'GREEN_TO_PUBLIC',
  'ABOVE_CHANNEL_CEILING',
  'UNRESOLVED_MARKING',
  // A declared handling (the POC template's) less restrictive than the content's markings.
  'HANDLING_BELOW_MARKINGS',
] as const;
export type ReleaseRefusal = (typeof RELEASE_REFUSALS)[number];

export interface ReleaseOptions extends TlpOptions {
  /** Marking-definitions the node knows besides those among the released objects. */
  readonly markingDefinitions?: readonly unknown[];
  /** Let objects through whose marking refs resolve to nothing; default false (an unknown marking may be a national one). */
  readonly allowUnresolvedMarkings?: boolean;
}

export interface ReleaseDecision {
  readonly allowed: true;
  /** The most restrictive level released (CLEAR for an empty list). */
  readonly highest: TlpLevel;
  readonly objects: readonly TlpAssessment[];
}

export interface RefusedObject {
  readonly id: string;
  readonly level: TlpLevel;
  readonly reason: ReleaseRefusal;
  readonly why: string;
}

/**
 * Whether TLP allows `level` to go to `destination`, and if not, why. Pure rule, no objects: the
 * matrix of README.md. CLEAR: anywhere. GREEN: channel, recipients, non-public collections.
 * AMBER and AMBER+STRICT: channel and recipients. RED: named recipients, or a channel whose every
 * receiving member is named; never a collection.
 */
export function releaseVerdict(
  level: TlpLevel,
  destination: ReleaseDestination,
): { reason: ReleaseRefusal; why: string } | undefined {
  switch (destination.kind) {
    case 'recipients':
      return undefined;
    case 'collection':
      if (level === 'TLP:RED')
        return {
          reason: 'RED_TO_COLLECTION',
          why: 'TLP:RED goes to named recipients only, never to a collection',
        };
      if (tlpRank(level) >= tlpRank('TLP:AMBER')) {
        return {
          reason: 'AMBER_OUTSIDE_CHANNEL',
          why: `${level} stays within the channel; a collection reaches beyond it`,
        };
      }
      if (level === 'TLP:GREEN' && destination.public)
        return {
          reason: 'GREEN_TO_PUBLIC',
          why: 'TLP:GREEN stays within the community, not a public collection',
        };
      return undefined;
    case 'channel': {
      if (destination.tlpCeiling !== undefined && tlpRank(level) > tlpRank(destination.tlpCeiling)) {
        return {
          reason: 'ABOVE_CHANNEL_CEILING',
          why: `${level} is above the channel's ceiling ${destination.tlpCeiling}`,
        };
      }
      if (level !== 'TLP:RED') return undefined;
      const named = new Set(destination.namedRecipients ?? []);
      const unnamed = destination.channelMembers.filter((m) => !named.has(m));
      if (unnamed.length > 0 || destination.channelMembers.length === 0) {
        return {
          reason: 'RED_TO_UNNAMED_MEMBERS',
          why: `TLP:RED may not be broadcast to members who are not named recipients (${unnamed.join(', ') || 'no members'})`,
        };
      }
      return undefined;
    }
  }
}

/**
 * Checks that every object may go to `destination` under TLP 2.0 and returns each object's level.
 * Marking refs resolve against the well-known TLP ids, the marking-definitions among `objects`, and
 * `opts.markingDefinitions`. Throws PolicyError TLP_FORBIDS naming the first refused object and why,
 * with every refused object in `details.refused`; ValidationError STIX_INVALID for a malformed object.
 */
export function checkRelease(
  objects: readonly unknown[],
  destination: ReleaseDestination,
  opts: ReleaseOptions = {},
): ReleaseDecision {
  const index = markingIndex([...(opts.markingDefinitions ?? []), ...objects]);
  const assessed = objects.map((o) => assessTlp(o, index, opts));
  const refused: RefusedObject[] = [];
  let highest: TlpLevel = 'TLP:CLEAR';
  for (const a of assessed) {
    highest = stricterTlp(highest, a.level);
    if (a.unresolved.length > 0 && opts.allowUnresolvedMarkings !== true) {
      refused.push({
        id: a.id,
        level: a.level,
        reason: 'UNRESOLVED_MARKING',
        why: `marking ${a.unresolved.join(', ')} is not defined, so its terms are unknown`,
      });
      continue;
    }
    const v = releaseVerdict(a.level, destination);
    if (v) refused.push({ id: a.id, level: a.level, ...v });
  }
  const first = refused[0];
  if (first) {
    const more = refused.length > 1 ? ` (and ${refused.length - 1} more)` : '';
    throw new PolicyError('TLP_FORBIDS', `${first.id} is ${first.level}: ${first.why}${more}`, {
      details: {
        id: first.id,
        level: first.level,
        reason: first.reason,
        destination: destination.kind,
        refused,
      },
    });
  }
  return { allowed: true, highest, objects: assessed };
}
