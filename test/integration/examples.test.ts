/**
 * The runnable examples in examples/ run as users would run them (through the package's own
 * exports, so `npm run build` must have run) and print what they promise.
 */
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { promisify } from 'node:util';
import { repoRoot } from '../helpers/home.js';

const run = promisify(execFile);

describe('examples', () => {
  it('examples/monitoring.ts: the spec example, through getMonitoringSystem(), fires its rule and reports health', async () => {
    const { stdout } = await run(process.execPath, ['--import', 'tsx', join(repoRoot, 'examples', 'monitoring.ts')], { cwd: repoRoot, timeout: 60_000 });
    const lines = stdout.trim().split('\n');
    assert.equal(lines[0], 'alert high_cpu_usage firing: CPU on server1 is 75.5%');
    assert.match(lines[1] ?? '', /^health healthy: event_loop=healthy store_writable=healthy disk=healthy memory=healthy database=healthy$/);
  });

  it('examples/security.ts: the spec example, one line per step', async () => {
    const { stdout } = await run(
      process.execPath,
      ['--import', 'tsx', join(repoRoot, 'examples', 'security.ts')],
      { cwd: repoRoot, timeout: 60_000 },
    );
    assert.deepEqual(stdout.trim().split('\n'), [
      'create user admin: roles=admin status=active',
      'create user user: roles=user status=active',
      'authenticate admin from 192.168.1.1: ok',
      'authenticate admin with a wrong password: AUTH_FAILED',
      'verify token: user=admin roles=admin',
      'check permission system.admin: admin=true user=false',
      'encrypt: cbv1 ciphertext, decrypts to "Sensitive information"',
      'detect threat: sqli in password (sqli.statement)',
      'detect threat in a strong password with quotes and semicolons: none',
      'secret payments/api-key: created, 22 bytes, read back intact',
    ]);
  });
});
