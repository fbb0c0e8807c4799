/**
 * @module `security --encrypt | --decrypt` (stdin to stdout), `--sign <file>`,
 * `--verify <file> <signature-file>`, `--public-keys` and `--rotate-keys`.
 *
 * Ciphertexts are one line of text, `cbv<key version>:<base64 of nonce, ciphertext and tag>`
 * (AES-256-GCM); signatures are standard base64 of RSA-PSS (SHA-256, 32-byte salt) or Ed25519.
 */
import { readFile } from 'node:fs/promises';
import { resolve } from 'node:path';
import { InvalidArgumentError, type Command } from 'commander';
import { InvalidInputError } from '../../../protocol/errors.js';
import { loggedInClient } from '../../auth/login-session.js';
import type { CliContext } from '../../context.js';
import { textOption } from '../../parsers.js';
import { readStdin } from '../../read-stdin.js';
import { pairOption, type SecurityOptions } from './modes.js';

/** Largest payload: it travels base64-encoded in one socket frame. */
export const MAX_PAYLOAD_BYTES = 512 * 1024;

export function addCryptoOptions(command: Command): Command {
  return command
    .option(
      '--encrypt',
      'encrypt stdin with the newest data key (AES-256-GCM); prints one cbv<n>: line',
    )
    .option(
      '--decrypt',
      'decrypt a cbv<n>: ciphertext from stdin; prints the plaintext (needs security.secrets.read)',
    )
    .option(
      '--aad <text>',
      'with --encrypt or --decrypt: associated data bound to the ciphertext (must match to decrypt)',
      textOption(1024),
    )
    .option(
      '--sign <file>',
      'sign a file with the newest signing key; prints the base64 signature (needs security.keys.manage)',
    )
    .addOption(
      pairOption(
        '--verify <file> <signature-file>',
        'check a signature made by --sign (exit 0 valid, 1 not)',
      ),
    )
    .option(
      '--algorithm <rsa-pss|ed25519>',
      'with --sign or --verify: RSA-PSS 3072 (default) or Ed25519',
      algorithmOption,
    )
    .option('--public-keys', 'the public signing keys as PEM, or as a JWKS with --json')
    .option(
      '--rotate-keys',
      'add a new data key and signing keys; old ones keep decrypting and verifying; secrets are rewrapped',
    );
}

function algorithmOption(text: string): 'rsa-pss' | 'ed25519' {
  if (text !== 'rsa-pss' && text !== 'ed25519')
    throw new InvalidArgumentError(`must be rsa-pss or ed25519 (got '${text.slice(0, 40)}')`);
  return text;
}

async function readInputFile(path: string, what: string): Promise<Buffer> {
  // resolve('') is the working folder, which would be reported as the file that cannot be read.
  if (path === '') throw new InvalidInputError(`the ${what} name is empty`, 'file');
  const file = resolve(path);
  try {
    const bytes = await readFile(file);
    if (bytes.length > MAX_PAYLOAD_BYTES)
      throw new InvalidInputError(
        `${what} ${file} is larger than ${MAX_PAYLOAD_BYTES} bytes`,
        'file',
      );
    return bytes;
  } catch (error) {
    if (error instanceof InvalidInputError) throw error;
    throw new InvalidInputError(
      `cannot read ${what} ${file}: ${(error as NodeJS.ErrnoException).code ?? (error as Error).message}`,
      'file',
    );
  }
}

export async function runEncrypt(ctx: CliContext, options: SecurityOptions): Promise<void> {
  const data = await readStdin(ctx.deps.stdin, 'the data to encrypt', MAX_PAYLOAD_BYTES);
  const result = await (
    await ctx.client()
  ).request('security.encrypt', {
    data: data.toString('base64'),
    ...(options.aad === undefined ? {} : { aad: options.aad }),
  });
  ctx.out.data(result, () => result.ciphertext);
}

export async function runDecrypt(ctx: CliContext, options: SecurityOptions): Promise<void> {
  const input = (await readStdin(ctx.deps.stdin, 'the ciphertext', 2 * MAX_PAYLOAD_BYTES))
    .toString('utf8')
    .trim();
  if (input === '') throw new InvalidInputError('no ciphertext on stdin', 'ciphertext');
  const { client } = await loggedInClient(ctx);
  const result = await client.request('security.decrypt', {
    ciphertext: input,
    ...(options.aad === undefined ? {} : { aad: options.aad }),
  });
  if (ctx.out.json) ctx.out.data(result, () => '');
  else ctx.deps.stdout.write(Buffer.from(result.data, 'base64'));
}

export async function runSign(ctx: CliContext, options: SecurityOptions): Promise<void> {
  const data = await readInputFile(options.sign as string, 'file');
  const { client } = await loggedInClient(ctx);
  const result = await client.request('security.sign', {
    data: data.toString('base64'),
    ...(options.algorithm === undefined
      ? {}
      : { algorithm: options.algorithm as 'rsa-pss' | 'ed25519' }),
  });
  ctx.out.data(result, () => result.signature);
}

/** A signature file holds the base64 signature (what --sign prints) or --sign --json's output. */
function parseSignatureFile(text: string): {
  signature: string;
  algorithm?: 'rsa-pss' | 'ed25519';
  keyVersion?: number;
} {
  const trimmed = text.trim();
  if (trimmed.startsWith('{')) {
    try {
      const parsed = JSON.parse(trimmed) as {
        signature?: unknown;
        algorithm?: unknown;
        keyVersion?: unknown;
      };
      if (typeof parsed.signature === 'string') {
        return {
          signature: parsed.signature,
          ...(parsed.algorithm === 'rsa-pss' || parsed.algorithm === 'ed25519'
            ? { algorithm: parsed.algorithm }
            : {}),
          ...(typeof parsed.keyVersion === 'number' ? { keyVersion: parsed.keyVersion } : {}),
        };
      }
    } catch {
      // Not JSON after all: read as base64 below, which refuses it with a clear message.
    }
  }
  if (!/^[A-Za-z0-9+/]+={0,2}$/.test(trimmed))
    throw new InvalidInputError(
      'the signature file must hold a base64 signature (as --sign prints it) or the JSON of --sign --json',
      'signature',
    );
  return { signature: trimmed };
}

/** Without --algorithm, the size tells: an Ed25519 signature is 64 bytes, RSA-PSS 3072 is 384. */
function algorithmBySize(signature: string): 'rsa-pss' | 'ed25519' {
  return Buffer.from(signature, 'base64').length === 64 ? 'ed25519' : 'rsa-pss';
}

export async function runVerify(ctx: CliContext, options: SecurityOptions): Promise<number> {
  const [file, signatureFile] = options.verify as [string, string];
  const data = await readInputFile(file, 'file');
  const sig = parseSignatureFile(
    (await readInputFile(signatureFile, 'signature file')).toString('utf8'),
  );
  const algorithm =
    (options.algorithm as 'rsa-pss' | 'ed25519' | undefined) ?? sig.algorithm ?? algorithmBySize(sig.signature);
  const result = await (
    await ctx.client()
  ).request('security.verify', {
    data: data.toString('base64'),
    signature: sig.signature,
    algorithm,
    ...(sig.keyVersion === undefined ? {} : { keyVersion: sig.keyVersion }),
  });
  ctx.out.data(result, () =>
    result.valid
      ? `Valid ${algorithm} signature of ${resolve(file)}`
      : `NOT a valid ${algorithm} signature of ${resolve(file)} by our keys`,
  );
  return result.valid ? 0 : 1;
}

export async function runPublicKeys(ctx: CliContext): Promise<void> {
  const result = await (await ctx.client()).request('security.publicKeys', {});
  ctx.out.data(result.jwks, () => {
    const entries = Object.entries(result.pem);
    return entries.length === 0
      ? 'No signing keys yet (one is made at the first --sign or login).'
      : entries.map(([alg, pem]) => `# ${alg}\n${pem.trimEnd()}`).join('\n');
  });
}

export async function runRotateKeys(ctx: CliContext): Promise<void> {
  const { client } = await loggedInClient(ctx);
  const result = await client.request('security.rotateKeys', {});
  ctx.out.data(result, () =>
    [
      `Data key is now version ${result.dataKeyVersion}; ${result.rewrapped} secret(s) rewrapped.`,
      ...result.signing.map(
        (s) => `Signing key ${s.algorithm} is now version ${s.version} (kid ${s.kid}).`,
      ),
    ].join('\n'),
  );
}
