/**
 * The spec's security example, in TypeScript, in-process (no daemon): users and roles, a login
 * with a token, permission checks, encryption, threat detection and a stored secret.
 *
 * Run: npm run build && npx tsx examples/security.ts
 *
 * Each step prints one line; nothing printed is a time, a token or a random value.
 */
import { AppError, Role, openSystems } from 'clickup-brain';

// A memory store; pass { store: { dir } } to keep state. bcrypt cost 10 (the lowest allowed,
// and the fastest) instead of the default 12, because this is a demonstration.
const { security, close } = openSystems({ security: { bcryptCost: 10 } });

// The spec's passwords (admin123) are refused by the password policy; these pass it.
const adminPassword = 'Saffron-Quokka-Tr0mbone-1987';
const admin = await security.createUser('admin', 'admin@example.com', adminPassword, [Role.ADMIN]);
console.log(`create user ${admin.username}: roles=${admin.roles.join(',')} status=${admin.status}`);
const user = await security.createUser('user', 'user@example.com', 'Lantern-Wobble-Cactus-42', [
  Role.USER,
]);
console.log(`create user ${user.username}: roles=${user.roles.join(',')} status=${user.status}`);

const authUser = await security.authenticateUser('admin', adminPassword, '192.168.1.1');
console.log(`authenticate ${authUser.username} from 192.168.1.1: ok`);
try {
  await security.authenticateUser('admin', 'not the password', '192.168.1.1');
} catch (error) {
  if (!(error instanceof AppError)) throw error;
  console.log(`authenticate admin with a wrong password: ${error.code}`);
}

const token = await security.generateToken('admin', adminPassword, { ip: '192.168.1.1' });
const payload = await security.verifyToken(token.accessToken);
console.log(`verify token: user=${payload.username} roles=${payload.roles.join(',')}`);

const canAdmin = await security.checkPermission(admin, 'system.admin');
const canUserAdmin = await security.checkPermission(user, 'system.admin');
console.log(`check permission system.admin: admin=${canAdmin} user=${canUserAdmin}`);

const encrypted = await security.encryptData('Sensitive information');
const decrypted = await security.decryptText(encrypted);
console.log(
  `encrypt: ${encrypted.slice(0, encrypted.indexOf(':'))} ciphertext, decrypts to "${decrypted}"`,
);

const maliciousRequest = {
  username: 'admin',
  password: "'; DROP TABLE users; --",
  ip_address: '192.168.1.100',
};
const threat = security.detectThreat(maliciousRequest);
console.log(
  `detect threat: ${threat?.type ?? 'none'} in ${threat?.field ?? '-'} (${threat?.rule ?? '-'})`,
);
// Quotes and semicolons alone are no attack: a strong random password is full of them.
const strong = security.detectThreat({ username: 'admin', password: `x9"K;q'2;Lm]v(8Z!r` });
console.log(
  `detect threat in a strong password with quotes and semicolons: ${strong?.type ?? 'none'}`,
);

const stored = await security.putSecret('payments/api-key', 'sk_demo_not_a_real_key');
const value = await security.getSecret('payments/api-key');
console.log(
  `secret ${stored.secret.name}: ${stored.created ? 'created' : 'updated'}, ${stored.secret.bytes} bytes, read back ${value.toString('utf8') === 'sk_demo_not_a_real_key' ? 'intact' : 'CHANGED'}`,
);

await security.logout(token.sessionId);
await close();
