import {
  chmodSync,
  existsSync,
  mkdirSync,
  openSync,
  readFileSync,
  renameSync,
  writeFileSync,
  closeSync,
  fsyncSync,
} from 'node:fs';
import { join } from 'node:path';
import { fromBase64, toBase64 } from '../core/bytes/index.js';
import { ValidationError, PolicyError } from '../core/errors.js';
import { partyIdFromPublicKey, partyIdentity } from '../core/party/index.js';
import {
  exportPrivateSeed,
  generateKeyPair,
  keyPairFromSeed,
  openSeed,
  sealSeed,
  secureRandomBytes,
  type Ed25519KeyPair,
  type SealedSeed,
} from '../core/sig/index.js';
import { CONFIG_FILE } from './config.js';

/** Where a node keeps its private key, relative to the data folder. */
export const KEY_FILE = join('keys', 'party.key');
export const IDENTITY_FILE = 'identity.json';

interface KeyFile {
  readonly v: 1;
  readonly alg: 'ed25519';
  readonly publicKey: string;
  readonly seed?: string;
  readonly sealed?: SealedSeed;
}

export interface InitResult {
  readonly partyId: string;
  readonly created: boolean;
  readonly dataDir: string;
  readonly encrypted: boolean;
}

/**
 * Creates the data folder (0700), an Ed25519 key (0600, optionally sealed under a passphrase),
 * the home party's STIX identity and a starter config file. Never overwrites a key: when one
 * exists, returns it untouched with created=false.
 */
export function initDataDir(opts: {
  dataDir: string;
  name: string;
  passphrase?: string;
  now: Date;
}): InitResult {
  const keyPath = join(opts.dataDir, KEY_FILE);
  mkdirSync(join(opts.dataDir, 'keys'), { recursive: true, mode: 0o700 });
  chmodSync(opts.dataDir, 0o700);
  if (existsSync(keyPath)) {
    const file = readKeyFile(keyPath);
    return {
      partyId: partyIdFromPublicKey(file.pk),
      created: false,
      dataDir: opts.dataDir,
      encrypted: !!file.raw.sealed,
    };
  }
  const kp = generateKeyPair();
  const seed = exportPrivateSeed(kp.privateKey);
  const body: KeyFile = {
    v: 1,
    alg: 'ed25519',
    publicKey: toBase64(kp.publicKey),
    ...(opts.passphrase
      ? { sealed: sealSeed(seed, opts.passphrase, secureRandomBytes) }
      : { seed: toBase64(seed) }),
  };
  seed.fill(0);
  // 'wx' fails if the file appeared meanwhile: a second init racing this one cannot clobber it.
  writeSecret(keyPath, JSON.stringify(body, null, 2) + '\n');
  const identity = partyIdentity({
    publicKey: kp.publicKey,
    name: opts.name,
    created: opts.now.toISOString(),
  });
  writeFileSync(join(opts.dataDir, IDENTITY_FILE), JSON.stringify(identity, null, 2) + '\n', { mode: 0o644 });
  const configPath = join(opts.dataDir, CONFIG_FILE);
  if (!existsSync(configPath))
    writeFileSync(configPath, JSON.stringify({ party: { name: opts.name } }, null, 2) + '\n');
  return {
    partyId: identity.id as string,
    created: true,
    dataDir: opts.dataDir,
    encrypted: !!opts.passphrase,
  };
}

function writeSecret(path: string, text: string): void {
  let fd: number;
  try {
    fd = openSync(path, 'wx', 0o600);
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'EEXIST')
      throw new PolicyError('KEY_EXISTS', `refusing to overwrite the key at ${path}`);
    throw e;
  }
  try {
    writeFileSync(fd, text);
    fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
}

function readKeyFile(path: string): { raw: KeyFile; pk: Uint8Array } {
  let raw: KeyFile;
  try {
    raw = JSON.parse(readFileSync(path, 'utf8')) as KeyFile;
  } catch (cause) {
    throw new ValidationError('KEY_INVALID', `key file ${path} is not valid JSON`, { cause });
  }
  const pk = typeof raw.publicKey === 'string' ? fromBase64(raw.publicKey) : undefined;
  if (raw.v !== 1 || raw.alg !== 'ed25519' || !pk || pk.length !== 32) {
    throw new ValidationError('KEY_INVALID', `key file ${path} is not a Parley Ed25519 key`);
  }
  return { raw, pk };
}

/**
 * Loads the node's key pair. A sealed key needs the passphrase; the public key stored beside
 * the seed must match the one the seed derives, so a swapped file is caught at start.
 * Throws ValidationError KEY_INVALID.
 */
export function loadKeyPair(dataDir: string, passphrase?: string): Ed25519KeyPair {
  const path = join(dataDir, KEY_FILE);
  if (!existsSync(path)) {
    throw new ValidationError(
      'KEY_INVALID',
      `no key at ${path}: run \`parley init --data ${dataDir}\` first`,
    );
  }
  const { raw, pk } = readKeyFile(path);
  let seed: Uint8Array | undefined;
  if (raw.sealed) {
    if (!passphrase)
      throw new ValidationError(
        'KEY_INVALID',
        'the key is sealed: set PARLEY_KEY_PASSPHRASE or --passphrase-file',
      );
    seed = openSeed(raw.sealed, passphrase);
  } else {
    seed = typeof raw.seed === 'string' ? fromBase64(raw.seed) : undefined;
  }
  if (!seed || seed.length !== 32)
    throw new ValidationError('KEY_INVALID', `key file ${path} holds no 32-byte seed`);
  const kp = keyPairFromSeed(seed);
  seed.fill(0);
  if (toBase64(kp.publicKey) !== toBase64(pk)) {
    throw new ValidationError(
      'KEY_INVALID',
      `key file ${path}: the seed does not derive the stored public key`,
    );
  }
  return kp;
}

/**
 * Key rotation, on disk: the new key is written beside the old one as keys/party.key.next first,
 * so that it exists before any envelope names it; `commitNextKey` then retires the old file
 * (keys/party.key.retired-<time>) and moves the new one into place. If a rotation is interrupted
 * between the two, keys/party.key.next holds the key the logs already announced: move it to
 * keys/party.key by hand.
 */
export function writeNextKey(dataDir: string, kp: Ed25519KeyPair, passphrase?: string): void {
  const seed = exportPrivateSeed(kp.privateKey);
  const body: KeyFile = {
    v: 1,
    alg: 'ed25519',
    publicKey: toBase64(kp.publicKey),
    ...(passphrase ? { sealed: sealSeed(seed, passphrase, secureRandomBytes) } : { seed: toBase64(seed) }),
  };
  seed.fill(0);
  writeSecret(join(dataDir, KEY_FILE + '.next'), JSON.stringify(body, null, 2) + '\n');
}

export function commitNextKey(dataDir: string, now: Date): void {
  const current = join(dataDir, KEY_FILE);
  renameSync(current, `${current}.retired-${now.toISOString().replace(/[:.]/g, '-')}`);
  renameSync(`${current}.next`, current);
}

/** The home party's STIX identity as written by init. */
export function readIdentity(dataDir: string): Record<string, unknown> {
  return JSON.parse(readFileSync(join(dataDir, IDENTITY_FILE), 'utf8')) as Record<string, unknown>;
}
