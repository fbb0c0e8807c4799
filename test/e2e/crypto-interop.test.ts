/**
 * End to end: our ciphertexts and signatures are standard. An independent implementation, Debian's
 * python3-cryptography (OpenSSL underneath, but a separate code path from node:crypto), must open
 * our AES-256-GCM ciphertexts, refuse a tampered one, verify our RSA-PSS (SHA-256, 32-byte salt)
 * and Ed25519 signatures, agree on JWK values and thumbprints, and produce ciphertexts and
 * signatures that we accept in turn.
 *
 * The package is required, not optional: a silently skipped interop test would hide a format drift.
 * Key material travels through a 0600 temp file, never through argv or the environment.
 */
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { after, before, describe, it } from 'node:test';
import { KeyRing, SigningKeys, type SecretBackend } from '../../daemon/security/crypto/index.js';

const run = promisify(execFile);

const missing =
  'python3 with the cryptography module is required for this test: install Debian\'s python3-cryptography ' +
  '(apt-get install -y python3-cryptography)';

class MemorySecrets implements SecretBackend {
  readonly values = new Map<string, string>();
  async get(name: string): Promise<string | null> {
    return this.values.get(name) ?? null;
  }
  async set(name: string, value: string): Promise<void> {
    this.values.set(name, value);
  }
}

const script = String.raw`
import base64, hashlib, json, sys
from cryptography.exceptions import InvalidSignature, InvalidTag
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import padding
from cryptography.hazmat.primitives.ciphers.aead import AESGCM

def b64u_dec(s): return base64.urlsafe_b64decode(s + '=' * (-len(s) % 4))
def b64u_enc(b): return base64.urlsafe_b64encode(b).rstrip(b'=').decode()
def uint(n): return n.to_bytes((n.bit_length() + 7) // 8, 'big')

inp = json.load(open(sys.argv[1]))
out = {}
keys = {int(k['version']): base64.b64decode(k['key']) for k in inp['ring']['keys']}

def open_ct(text, aad):
    prefix, body = text.split(':', 1)
    assert prefix.startswith('cbv'), prefix
    raw = b64u_dec(body)
    aad_bytes = None if aad is None else aad.encode()
    return AESGCM(keys[int(prefix[3:])]).decrypt(raw[:12], raw[12:], aad_bytes).decode()

out['decrypted'] = [open_ct(c['ciphertext'], c['aad']) for c in inp['ciphertexts']]
try:
    open_ct(inp['tampered'], None)
    out['tampered'] = 'opened'
except InvalidTag:
    out['tampered'] = 'refused'

def verify(pub, sig, data, rsa):
    try:
        if rsa:
            pub.verify(sig, data, padding.PSS(mgf=padding.MGF1(hashes.SHA256()), salt_length=32), hashes.SHA256())
        else:
            pub.verify(sig, data)
        return True
    except InvalidSignature:
        return False

data = inp['data'].encode()
rsa_pub = serialization.load_pem_public_key(inp['rsaPublicPem'].encode())
ed_pub = serialization.load_pem_public_key(inp['edPublicPem'].encode())
rsa_sig = base64.b64decode(inp['rsaSignature'])
ed_sig = base64.b64decode(inp['edSignature'])
out['rsaBits'] = rsa_pub.key_size
out['rsaValid'] = verify(rsa_pub, rsa_sig, data, True)
out['rsaTampered'] = verify(rsa_pub, rsa_sig, data + b'!', True)
out['edValid'] = verify(ed_pub, ed_sig, data, False)
out['edTampered'] = verify(ed_pub, ed_sig, data + b'!', False)

nums = rsa_pub.public_numbers()
jr = inp['rsaJwk']
out['rsaJwkMatches'] = b64u_dec(jr['n']) == uint(nums.n) and b64u_dec(jr['e']) == uint(nums.e)
canon = json.dumps({'e': b64u_enc(uint(nums.e)), 'kty': 'RSA', 'n': b64u_enc(uint(nums.n))}, separators=(',', ':'))
out['rsaThumbprint'] = b64u_enc(hashlib.sha256(canon.encode()).digest())
ed_raw = ed_pub.public_bytes(serialization.Encoding.Raw, serialization.PublicFormat.Raw)
out['edJwkMatches'] = b64u_dec(inp['edJwk']['x']) == ed_raw
canon = json.dumps({'crv': 'Ed25519', 'kty': 'OKP', 'x': b64u_enc(ed_raw)}, separators=(',', ':'))
out['edThumbprint'] = b64u_enc(hashlib.sha256(canon.encode()).digest())

# The other direction: python seals and signs, node must accept.
import os
latest = max(keys)
nonce = os.urandom(12)
sealed = AESGCM(keys[latest]).encrypt(nonce, b'from python', b'py-aad')
out['pythonCiphertext'] = 'cbv%d:%s' % (latest, b64u_enc(nonce + sealed))
privs = {k['algorithm']: serialization.load_pem_private_key(k['privateKey'].encode(), None) for k in inp['signing']['keys']}
out['pythonRsaSignature'] = base64.b64encode(privs['rsa-pss'].sign(
    b'signed by python', padding.PSS(mgf=padding.MGF1(hashes.SHA256()), salt_length=32), hashes.SHA256())).decode()
out['pythonEdSignature'] = base64.b64encode(privs['ed25519'].sign(b'signed by python')).decode()
json.dump(out, open(sys.argv[2], 'w'))
`;

interface PythonResult {
  decrypted: string[];
  tampered: string;
  rsaBits: number;
  rsaValid: boolean;
  rsaTampered: boolean;
  edValid: boolean;
  edTampered: boolean;
  rsaJwkMatches: boolean;
  rsaThumbprint: string;
  edJwkMatches: boolean;
  edThumbprint: string;
  pythonCiphertext: string;
  pythonRsaSignature: string;
  pythonEdSignature: string;
}

describe('crypto interop with python3-cryptography', () => {
  let dir: string;

  before(async () => {
    try {
      await run('python3', ['-c', 'import cryptography']);
    } catch (error) {
      assert.fail(`${missing} (${(error as Error).message.split('\n')[0]})`);
    }
    dir = await mkdtemp(join(tmpdir(), 'cb-crypto-interop-'));
  });

  after(async () => {
    if (dir !== undefined) await rm(dir, { recursive: true, force: true });
  });

  it('python opens our ciphertexts and verifies our signatures; we accept its', async () => {
    const secrets = new MemorySecrets();
    const ring = await KeyRing.open(secrets);
    const ciphertexts = [{ ciphertext: ring.encrypt('version one, no aad'), aad: null as string | null }];
    await ring.rotate();
    ciphertexts.push({ ciphertext: ring.encrypt('version two ✓', 'record:7'), aad: 'record:7' });
    ciphertexts.push({ ciphertext: ring.encrypt(''), aad: null });
    const good = ring.encrypt('do not open');
    const bytes = Buffer.from(good.slice(good.indexOf(':') + 1), 'base64url');
    bytes[15] = (bytes[15] ?? 0) ^ 1;
    const tampered = `cbv2:${bytes.toString('base64url')}`;

    const signing = await SigningKeys.open(secrets);
    await Promise.all([signing.generate('rsa-pss'), signing.generate('ed25519')]);
    const data = 'interop payload';
    const input = {
      ring: JSON.parse(secrets.values.get('data-keys') ?? 'null') as unknown,
      signing: JSON.parse(secrets.values.get('signing-keys') ?? 'null') as unknown,
      ciphertexts,
      tampered,
      data,
      rsaPublicPem: signing.publicKeyPem('rsa-pss'),
      edPublicPem: signing.publicKeyPem('ed25519'),
      rsaSignature: signing.sign(data, 'rsa-pss').signature,
      edSignature: signing.sign(data, 'ed25519').signature,
      rsaJwk: signing.publicJwk('rsa-pss'),
      edJwk: signing.publicJwk('ed25519'),
    };
    const scriptPath = join(dir, 'interop.py');
    const inputPath = join(dir, 'input.json');
    const outputPath = join(dir, 'output.json');
    await writeFile(scriptPath, script);
    await writeFile(inputPath, JSON.stringify(input), { mode: 0o600 });
    try {
      await run('python3', [scriptPath, inputPath, outputPath], { timeout: 60_000 });
    } catch (error) {
      const e = error as Error & { stderr?: string };
      assert.fail(`the python interop script failed: ${e.stderr ?? e.message}`);
    }
    const out = JSON.parse(await readFile(outputPath, 'utf8')) as PythonResult;

    assert.deepEqual(out.decrypted, ['version one, no aad', 'version two ✓', '']);
    assert.equal(out.tampered, 'refused');
    assert.equal(out.rsaBits, 3072);
    assert.equal(out.rsaValid, true);
    assert.equal(out.rsaTampered, false);
    assert.equal(out.edValid, true);
    assert.equal(out.edTampered, false);
    assert.equal(out.rsaJwkMatches, true);
    assert.equal(out.edJwkMatches, true);
    assert.equal(out.rsaThumbprint, input.rsaJwk.kid);
    assert.equal(out.edThumbprint, input.edJwk.kid);

    assert.match(out.pythonCiphertext, /^cbv2:/);
    assert.equal(ring.decryptToString(out.pythonCiphertext, 'py-aad'), 'from python');
    assert.throws(() => ring.decrypt(out.pythonCiphertext, 'other'), /failed authentication/);
    assert.equal(signing.verify('signed by python', out.pythonRsaSignature, 'rsa-pss', 1), true);
    assert.equal(signing.verify('signed by python', out.pythonEdSignature, 'ed25519', 1), true);
    assert.equal(signing.verify('signed by node', out.pythonEdSignature, 'ed25519'), false);
  });
});
