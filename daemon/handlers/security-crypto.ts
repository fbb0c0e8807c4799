/**
 * @module Encryption, signing, keys and the secret vault over the socket (payloads in base64).
 */
import type { HandlerTable } from '../router.js';
import type { HandlerDeps } from './context.js';

type Names =
  | 'security.encrypt'
  | 'security.decrypt'
  | 'security.sign'
  | 'security.verify'
  | 'security.publicKeys'
  | 'security.rotateKeys'
  | 'security.secrets.put'
  | 'security.secrets.get'
  | 'security.secrets.delete'
  | 'security.secrets.list';

const bytes = (base64: string): Buffer => Buffer.from(base64, 'base64');

export function securityCryptoHandlers({ core }: HandlerDeps): Pick<HandlerTable, Names> {
  const { security } = core;
  return {
    'security.encrypt': async ({ data, aad }) => ({
      ciphertext: await security.encrypt(bytes(data), aad),
    }),
    'security.decrypt': async ({ ciphertext, aad }, ctx) => {
      const plain = await security.decrypt(ciphertext, aad);
      await core.audit.append({
        type: 'data.decrypted',
        actor: ctx.actor,
        outcome: 'success',
        details: { bytes: plain.length },
      });
      return { data: plain.toString('base64') };
    },
    'security.sign': async ({ data, algorithm }, ctx) => {
      const result = await security.sign(bytes(data), algorithm ?? 'rsa-pss');
      await core.audit.append({
        type: 'data.signed',
        actor: ctx.actor,
        outcome: 'success',
        details: { algorithm: result.algorithm, kid: result.kid },
      });
      return result;
    },
    'security.verify': async ({ data, signature, algorithm, keyVersion }) => {
      const alg = algorithm ?? 'rsa-pss';
      return {
        valid: await security.verify(bytes(data), signature, alg, keyVersion),
        algorithm: alg,
      };
    },
    'security.publicKeys': async () => {
      const keys = await security.keys.signing();
      const pem: Record<string, string> = {};
      for (const algorithm of ['rsa-pss', 'ed25519'] as const) {
        if (keys.versions(algorithm).length > 0) pem[algorithm] = keys.publicKeyPem(algorithm);
      }
      return { jwks: keys.jwks() as unknown as { keys: Array<Record<string, unknown>> }, pem };
    },
    'security.rotateKeys': (_params, ctx) => security.rotateKeys(ctx.actor),
    'security.secrets.put': ({ name, value }, ctx) =>
      security.vault.put(name, bytes(value), ctx.actor),
    'security.secrets.get': async ({ name }, ctx) => ({
      value: (await security.vault.get(name, ctx.actor)).toString('base64'),
    }),
    'security.secrets.delete': async ({ name }, ctx) => ({
      secret: await security.vault.delete(name, ctx.actor),
    }),
    'security.secrets.list': () => ({ secrets: security.vault.list() }),
  };
}
