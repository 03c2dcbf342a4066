/**
 * The one error a pattern parse throws: ValidationError STIX_INVALID with the offset, line
 * and column (1-based) of the offending character in `details`, and the same place in the message.
 */
import { ValidationError } from '../errors.js';

/** Where a problem sits in the pattern text. */
export interface PatternPosition {
  readonly offset: number;
  readonly line: number;
  readonly column: number;
}

/** Computes line and column (1-based) of `offset` in `text`. */
export function positionOf(text: string, offset: number): PatternPosition {
  let line = 1;
  let lineStart = 0;
  for (let i = 0; i < offset && i < text.length; i++) {
    if (text.charCodeAt(i) === 10) {
      line++;
      lineStart = i + 1;
    }
  }
  return { offset, line, column: offset - lineStart + 1 };
}

/** Builds the error for a problem at `offset` in `text`. */
export function patternError(text: string, offset: number, problem: string): ValidationError {
  const position = positionOf(text, offset);
  return new ValidationError(
    'STIX_INVALID',
    `pattern: ${problem} at line ${position.line} column ${position.column}`,
    { details: { ...position } },
  );
}
