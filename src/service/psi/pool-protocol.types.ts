import type { PsiSuite } from '../../core/psi/index.js';

/** Messages between the pool and its workers. Buffers are transferred, never copied. */
export type PoolTask =
  | {
      readonly id: number;
      readonly op: 'hash-blind';
      readonly suite: PsiSuite;
      readonly dst: Uint8Array;
      /** The items concatenated; item i is bytes[offsets[i] .. offsets[i + 1]). */
      readonly bytes: Uint8Array;
      readonly offsets: Uint32Array;
      readonly scalar: Uint8Array;
    }
  | {
      readonly id: number;
      readonly op: 'blind';
      readonly suite: PsiSuite;
      readonly elements: Uint8Array;
      readonly scalar: Uint8Array;
    };

export type PoolReply =
  | { readonly id: number; readonly ok: true; readonly out: Uint8Array }
  | {
      readonly id: number;
      readonly ok: false;
      readonly code: string;
      readonly message: string;
      readonly index?: number;
    };
