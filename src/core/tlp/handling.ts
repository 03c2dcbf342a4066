/**
 * A level declared beside STIX content — the POC template's `handling` — is a promise to the
 * reader about how everything in the message may be shared. It must itself be releasable to the
 * destination (the template's text is as sensitive as it says), and it may not be less
 * restrictive than the markings of the objects it travels with, or a reader who trusts the
 * template would pass on what the markings forbid.
 */
import { PolicyError } from '../errors.js';
import { tlpRank, type TlpLevel } from './markings.js';
import { releaseVerdict, type ReleaseDecision, type ReleaseDestination } from './release.js';

/**
 * Checks a declared handling level against `destination` and against the marked objects of
 * `released` (the result of checkRelease on the content it travels with). Objects that only took
 * the default level carry no marking to disagree with. `what` names the declaring field.
 * Throws PolicyError TLP_FORBIDS: the release matrix's reason, or HANDLING_BELOW_MARKINGS.
 */
export function checkDeclaredHandling(
  declared: TlpLevel,
  released: Pick<ReleaseDecision, 'objects'>,
  destination: ReleaseDestination,
  what: string,
): void {
  const v = releaseVerdict(declared, destination);
  if (v) {
    throw new PolicyError('TLP_FORBIDS', `${what} is ${declared}: ${v.why}`, {
      details: { id: what, level: declared, reason: v.reason, destination: destination.kind },
    });
  }
  const above = released.objects.filter(
    (o) => o.source === 'marking' && tlpRank(o.level) > tlpRank(declared),
  );
  const first = above[0];
  if (first) {
    throw new PolicyError(
      'TLP_FORBIDS',
      `${what} is ${declared} but ${first.id} is marked ${first.level}: the handling may not be less restrictive than the markings`,
      {
        details: {
          id: what,
          level: declared,
          reason: 'HANDLING_BELOW_MARKINGS',
          destination: destination.kind,
          refused: above.map((o) => ({ id: o.id, level: o.level })),
        },
      },
    );
  }
}
