/**
 * Confidence of a sector mapping, in the words of ci-sectors.json's legend, weakest first. The
 * crosswalk's own high/medium/low is translated once, here, so that every mapping compares on one scale.
 */
export const MAPPING_CONFIDENCES = ['uncertain', 'partial', 'close', 'exact'] as const;
export type MappingConfidence = (typeof MAPPING_CONFIDENCES)[number];

export const CROSSWALK_CONFIDENCES = ['low', 'medium', 'high'] as const;
export type CrosswalkConfidence = (typeof CROSSWALK_CONFIDENCES)[number];

export function isMappingConfidence(v: unknown): v is MappingConfidence {
  return (MAPPING_CONFIDENCES as readonly unknown[]).includes(v);
}

export function confidenceRank(c: MappingConfidence): number {
  return MAPPING_CONFIDENCES.indexOf(c);
}

export function minConfidence(...cs: MappingConfidence[]): MappingConfidence {
  return MAPPING_CONFIDENCES[Math.min(...cs.map(confidenceRank))]!;
}

export function atLeast(c: MappingConfidence, floor: MappingConfidence): boolean {
  return confidenceRank(c) >= confidenceRank(floor);
}

/**
 * Crosswalk concepts relate sectors of different jurisdictions, whose boundaries never coincide, so even
 * "high" is at best "close" (same core concept, boundary differs).
 */
export function fromCrosswalkConfidence(c: CrosswalkConfidence): MappingConfidence {
  return c === 'high' ? 'close' : c === 'medium' ? 'partial' : 'uncertain';
}
