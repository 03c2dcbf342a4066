import { fromBase64, fromHex, toBase64, utf8 } from '../bytes/index.js';
import { sign, verify, type PrivateKey } from '../sig/index.js';

/** Domain separation of co-signatures: they can never be confused with envelope signatures. */
export const STATEMENT_SIGNING_CONTEXT = 'parley-statement-cosign-v1\n';

function message(statementHash: string): Uint8Array {
  return utf8.encode(STATEMENT_SIGNING_CONTEXT + statementHash);
}

/**
 * A detached co-signature over a statement envelope's leaf hash (which commits to its text,
 * author, channel and time). Portable: verifiable with the co-signer's public key alone.
 */
export function coSign(statementHash: string, privateKey: PrivateKey): string {
  return toBase64(sign(privateKey, message(statementHash)));
}

/** True when `signature` is the co-signature of `publicKey` over the statement hash. */
export function checkCoSignature(statementHash: string, signature: string, publicKey: Uint8Array): boolean {
  const sig = fromBase64(signature);
  if (!sig || !fromHex(statementHash)) return false;
  return verify(publicKey, message(statementHash), sig);
}
