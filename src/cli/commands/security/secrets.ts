/**
 * @module `security --put-secret <name>` (value from stdin), `--get-secret <name>`,
 * `--delete-secret <name>` and `--secrets` (names and metadata, never values).
 */
import type { Command } from 'commander';
import { InvalidInputError } from '../../../protocol/errors.js';
import { loggedInClient } from '../../auth/login-session.js';
import type { CliContext } from '../../context.js';
import { readStdin } from '../../read-stdin.js';
import { renderTable } from '../../table.js';
import type { SecurityOptions } from './modes.js';
import { ago } from './time-text.js';

/** The vault's limit (daemon/security/vault/secret-vault.ts). */
const MAX_SECRET_BYTES = 64 * 1024;

export function addSecretOptions(command: Command): Command {
  return command
    .option('--put-secret <name>', 'store a secret read from stdin, encrypted with the data key (needs security.secrets.write)')
    .option('--get-secret <name>', 'print a secret (needs security.secrets.read; every read is an audit event)')
    .option('--delete-secret <name>', 'delete a secret (needs security.secrets.write)')
    .option('--secrets', 'list the secrets: names, sizes, key versions and times, never values');
}

export async function runPutSecret(ctx: CliContext, options: SecurityOptions): Promise<void> {
  let value = await readStdin(ctx.deps.stdin, 'the secret', MAX_SECRET_BYTES);
  // `echo value | …` adds one newline that is not part of the secret.
  if (value.at(-1) === 0x0a) value = value.subarray(0, value.at(-2) === 0x0d ? -2 : -1);
  if (value.length === 0) throw new InvalidInputError('no secret on stdin', 'value');
  const { client } = await loggedInClient(ctx);
  const result = await client.request('security.secrets.put', { name: options.putSecret as string, value: value.toString('base64') });
  ctx.out.data(result, () => `${result.created ? 'Stored' : 'Replaced'} secret ${result.secret.name} (${result.secret.bytes} bytes, key version ${result.secret.keyVersion})`);
}

export async function runGetSecret(ctx: CliContext, options: SecurityOptions): Promise<void> {
  const { client } = await loggedInClient(ctx);
  const result = await client.request('security.secrets.get', { name: options.getSecret as string });
  if (ctx.out.json) ctx.out.data(result, () => '');
  else ctx.deps.stdout.write(Buffer.from(result.value, 'base64'));
}

export async function runDeleteSecret(ctx: CliContext, options: SecurityOptions): Promise<void> {
  const { client } = await loggedInClient(ctx);
  const result = await client.request('security.secrets.delete', { name: options.deleteSecret as string });
  ctx.out.data(result, () => `Deleted secret ${result.secret.name}`);
}

export async function runSecrets(ctx: CliContext): Promise<void> {
  const { client } = await loggedInClient(ctx);
  const { secrets } = await client.request('security.secrets.list', {});
  const now = ctx.deps.now();
  ctx.out.data({ secrets }, () =>
    secrets.length === 0
      ? 'No secrets.'
      : renderTable(['NAME', 'BYTES', 'KEY', 'UPDATED', 'BY'], secrets.map((s) => [s.name, String(s.bytes), `v${s.keyVersion}`, ago(s.updatedAt, now), s.updatedBy])),
  );
}
