/**
 * Encryption, signing and keys through the real CLI and daemon: --encrypt/--decrypt round trips of
 * every byte value through stdin, associated data that must match, --sign/--verify with RSA-PSS
 * and Ed25519 (checked against the published keys with node:crypto too), --public-keys as PEM and
 * as a JWKS, --rotate-keys keeping old ciphertexts and signatures good, and --decrypt needing a
 * login once users exist.
 */
import assert from 'node:assert/strict';
import {
  constants,
  createPublicKey,
  verify as verifySignature,
  type JsonWebKey,
} from 'node:crypto';
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import type { TestHome } from '../helpers/home.js';
import {
  PASSWORDS,
  cliBytes,
  createUser,
  fails,
  failsJson,
  login,
  ok,
  okJson,
  securityHome,
} from '../helpers/security.js';

/** Every byte value, a CRLF, a NUL run and no final newline: what a text pipe would mangle. */
const BINARY = Buffer.concat([
  Buffer.from(Array.from({ length: 256 }, (_, i) => i)),
  Buffer.from('\r\n\0\0\0 tail'),
]);
const CIPHERTEXT = /^cbv(\d+):[A-Za-z0-9_-]+\n$/;
const AUTH_FAILED =
  'ciphertext failed authentication (altered, or sealed with other associated data)';

async function encrypt(home: TestHome, data: Buffer, extra: string[] = []): Promise<string> {
  const result = await cliBytes(home, ['security', '--encrypt', ...extra], data);
  assert.equal(result.code, 0, result.stderr);
  const text = result.stdout.toString('utf8');
  assert.match(text, CIPHERTEXT);
  return text;
}

async function decrypt(home: TestHome, ciphertext: string, extra: string[] = []): Promise<Buffer> {
  const result = await cliBytes(home, ['security', '--decrypt', ...extra], Buffer.from(ciphertext));
  assert.equal(result.code, 0, result.stderr);
  assert.equal(result.stderr, '');
  return result.stdout;
}

interface Jwk extends JsonWebKey {
  kid: string;
  alg: string;
  use: string;
}

describe('encryption, signing and keys', () => {
  let home: TestHome;
  let sealed: string;
  let file: string;
  before(async () => {
    home = await securityHome();
    file = join(home.dir, 'release.tar.gz');
    await writeFile(file, BINARY);
  });
  after(() => home.cleanup());

  it('--public-keys before any key exists says how one is made', async () => {
    assert.equal(
      await ok(home, ['security', '--public-keys']),
      'No signing keys yet (one is made at the first --sign or login).\n',
    );
  });

  it('--encrypt and --decrypt round-trip every byte value through stdin', async () => {
    sealed = await encrypt(home, BINARY);
    assert.equal(CIPHERTEXT.exec(sealed)?.[1], '1');
    assert.deepEqual(await decrypt(home, sealed), BINARY);
    // A fresh nonce each time: the same plaintext never gives the same ciphertext.
    assert.notEqual(await encrypt(home, BINARY), sealed);
    const json = await okJson<{ data: string }>(home, ['security', '--decrypt'], { input: sealed });
    assert.deepEqual(Buffer.from(json.data, 'base64'), BINARY);
  });

  it('--aad binds the ciphertext: a different or missing one fails (exit 2)', async () => {
    const bound = await encrypt(home, BINARY, ['--aad', 'tenant=42']);
    assert.deepEqual(await decrypt(home, bound, ['--aad', 'tenant=42']), BINARY);
    for (const extra of [['--aad', 'tenant=43'], []]) {
      const result = await cliBytes(home, ['security', '--decrypt', ...extra], Buffer.from(bound));
      assert.equal(result.code, 2, result.stderr);
      assert.equal(result.stdout.length, 0);
      assert.equal(result.stderr, `clickup-brain: ${AUTH_FAILED}\n`);
    }
    // An altered ciphertext fails the same way.
    const body = sealed.trimEnd();
    const flipped = body.slice(0, -2) + (body.at(-2) === 'A' ? 'B' : 'A') + body.at(-1);
    const error = await failsJson(home, ['security', '--decrypt'], 2, { input: flipped });
    assert.equal(error.message, AUTH_FAILED);
  });

  it('--sign and --verify with RSA-PSS: valid exits 0, an altered file 1', async () => {
    const signature = await ok(home, ['security', '--sign', file]);
    assert.match(signature, /^[A-Za-z0-9+/]+={0,2}\n$/);
    const sigFile = join(home.dir, 'release.sig');
    await writeFile(sigFile, signature);
    assert.equal(
      await ok(home, ['security', '--verify', file, sigFile]),
      `Valid rsa-pss signature of ${file}\n`,
    );
    const altered = join(home.dir, 'altered.tar.gz');
    const copy = Buffer.from(BINARY);
    copy[100] = (copy[100] ?? 0) ^ 1;
    await writeFile(altered, copy);
    const result = await home.cli(['security', '--verify', altered, sigFile]);
    assert.equal(result.code, 1, result.stderr);
    assert.equal(result.stdout, `NOT a valid rsa-pss signature of ${altered} by our keys\n`);
    assert.equal(result.stderr, '');
  });

  it('--algorithm ed25519 signs and verifies; --sign --json output is a signature file too', async () => {
    const signed = await okJson<{
      algorithm: string;
      keyVersion: number;
      kid: string;
      signature: string;
    }>(home, ['security', '--sign', file, '--algorithm', 'ed25519']);
    assert.equal(signed.algorithm, 'ed25519');
    assert.equal(signed.keyVersion, 1);
    assert.equal(Buffer.from(signed.signature, 'base64').length, 64);
    const sigFile = join(home.dir, 'release.ed25519.json');
    await writeFile(sigFile, JSON.stringify(signed));
    assert.equal(
      await ok(home, ['security', '--verify', file, sigFile]),
      `Valid ed25519 signature of ${file}\n`,
    );
    const plain = join(home.dir, 'release.ed25519.sig');
    await writeFile(plain, `${signed.signature}\n`);
    assert.equal(
      await ok(home, ['security', '--verify', file, plain, '--algorithm', 'ed25519']),
      `Valid ed25519 signature of ${file}\n`,
    );
    // Without --algorithm the size tells (64 bytes: Ed25519)…
    assert.equal(
      await ok(home, ['security', '--verify', file, plain]),
      `Valid ed25519 signature of ${file}\n`,
    );
    // …and checked as RSA-PSS on purpose, an Ed25519 signature is not ours.
    const wrongAlg = await home.cli(['security', '--verify', file, plain, '--algorithm', 'rsa-pss']);
    assert.equal(wrongAlg.code, 1, wrongAlg.stderr);
  });

  it('--public-keys prints PEM that node:crypto verifies our signatures with', async () => {
    const out = await ok(home, ['security', '--public-keys']);
    const match =
      /^# rsa-pss\n(-----BEGIN PUBLIC KEY-----\n[\s\S]+?\n-----END PUBLIC KEY-----)\n# ed25519\n(-----BEGIN PUBLIC KEY-----\n[\s\S]+?\n-----END PUBLIC KEY-----)\n$/.exec(
        out,
      );
    assert.ok(match !== null, out);
    const [, rsaPem = '', edPem = ''] = match;
    const rsa = await okJson<{ signature: string }>(home, ['security', '--sign', file]);
    const ed = await okJson<{ signature: string }>(home, [
      'security',
      '--sign',
      file,
      '--algorithm',
      'ed25519',
    ]);
    assert.equal(
      verifySignature(
        'sha256',
        BINARY,
        { key: rsaPem, padding: constants.RSA_PKCS1_PSS_PADDING, saltLength: 32 },
        Buffer.from(rsa.signature, 'base64'),
      ),
      true,
    );
    assert.equal(verifySignature(null, BINARY, edPem, Buffer.from(ed.signature, 'base64')), true);
    assert.equal(createPublicKey(rsaPem).asymmetricKeyDetails?.modulusLength, 3072);
  });

  it('--public-keys --json is a JWKS of the same keys', async () => {
    const jwks = await okJson<{ keys: Jwk[] }>(home, ['security', '--public-keys']);
    assert.deepEqual(
      jwks.keys.map((k) => [k.kty, k.alg, k.use, k.crv ?? null]),
      [
        ['RSA', 'PS256', 'sig', null],
        ['OKP', 'EdDSA', 'sig', 'Ed25519'],
      ],
    );
    const pem = await ok(home, ['security', '--public-keys']);
    for (const key of jwks.keys) {
      assert.equal(Object.hasOwn(key, 'd'), false, 'no private part');
      const { kid: _kid, alg: _alg, use: _use, ...jwk } = key;
      const exported = createPublicKey({ key: jwk, format: 'jwk' })
        .export({ type: 'spki', format: 'pem' })
        .toString();
      assert.ok(pem.includes(exported.trimEnd()), `${key.alg} key is not among the PEM keys`);
    }
  });

  it('--rotate-keys: new keys are used; old ciphertexts decrypt and old signatures verify', async () => {
    const sigFile = join(home.dir, 'before-rotation.sig');
    await writeFile(sigFile, await ok(home, ['security', '--sign', file]));
    const edFile = join(home.dir, 'before-rotation.ed.json');
    await writeFile(
      edFile,
      await ok(home, ['security', '--sign', file, '--algorithm', 'ed25519', '--json']),
    );
    const before = await okJson<{ keys: Jwk[] }>(home, ['security', '--public-keys']);
    const out = await ok(home, ['security', '--rotate-keys']);
    assert.match(
      out,
      /^Data key is now version 2; 0 secret\(s\) rewrapped\.\nSigning key rsa-pss is now version 2 \(kid [\w-]+\)\.\nSigning key ed25519 is now version 2 \(kid [\w-]+\)\.\n$/,
    );
    const after = await okJson<{ keys: Jwk[] }>(home, ['security', '--public-keys']);
    assert.equal(after.keys.length, 4);
    for (const key of before.keys)
      assert.ok(
        after.keys.some((k) => k.kid === key.kid),
        `kid ${key.kid} kept`,
      );
    assert.equal(CIPHERTEXT.exec(await encrypt(home, BINARY))?.[1], '2');
    assert.deepEqual(await decrypt(home, sealed), BINARY);
    assert.equal(
      await ok(home, ['security', '--verify', file, sigFile]),
      `Valid rsa-pss signature of ${file}\n`,
    );
    assert.equal(
      await ok(home, ['security', '--verify', file, edFile]),
      `Valid ed25519 signature of ${file}\n`,
    );
    const signed = await okJson<{ keyVersion: number }>(home, ['security', '--sign', file]);
    assert.equal(signed.keyVersion, 2);
  });

  it('once users exist, --decrypt, --sign and --rotate-keys need a login (exit 4); --encrypt does not', async () => {
    await createUser(home, 'ada', PASSWORDS.ada, ['admin']);
    const again = await encrypt(home, BINARY);
    await fails(
      home,
      ['security', '--decrypt'],
      4,
      "security.decrypt needs a logged-in user with security.secrets.read: run 'clickup-brain security --login <username>'",
      { input: again },
    );
    await fails(
      home,
      ['security', '--sign', file],
      4,
      "security.sign needs a logged-in user with security.keys.manage: run 'clickup-brain security --login <username>'",
    );
    await fails(
      home,
      ['security', '--rotate-keys'],
      4,
      "security.rotateKeys needs a logged-in user with security.keys.manage: run 'clickup-brain security --login <username>'",
    );
    await login(home, 'ada', PASSWORDS.ada);
    assert.deepEqual(await decrypt(home, again), BINARY);
  });

  it('--decrypt is an audit event (never with the data)', async () => {
    const { events } = await okJson<{
      events: Array<{ actor: string; details: Record<string, unknown> }>;
    }>(home, ['security', '--events', '--type', 'data.decrypted', '--limit', '1']);
    assert.deepEqual(
      events.map((e) => [e.actor, e.details]),
      [['ada', { bytes: BINARY.length }]],
    );
  });
});
