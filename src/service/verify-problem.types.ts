/** One thing `parley log verify` found wrong, named by log and position. */
export interface VerifyProblem {
  readonly channel: string;
  readonly author: string;
  /** The seq or checkpoint size concerned, when there is one. */
  readonly at?: number;
  readonly code: string;
  readonly message: string;
}
