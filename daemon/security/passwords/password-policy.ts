/**
 * @module The password strength policy, after NIST SP 800-63B: length, blocklist, context words
 * and an estimated strength. No composition rules (no "one digit, one symbol").
 *
 * - Length is counted in Unicode code points of the NFKC form (as NIST asks), so "é" typed
 *   composed or decomposed counts once, and an emoji counts once.
 * - The rules run in a fixed order, cheapest first, and the first that fails is reported:
 *   too-short, too-long, contains-username, contains-email, blocklisted, too-weak. The estimate
 *   (zxcvbn-ts, the slow part) only runs when everything else passed.
 * - Messages name the rule and never contain the password.
 */
import { AppError } from '../../../src/protocol/errors.js';
import { normalisePassword } from './bcrypt-input.js';
import { blocklistReason, type BlocklistReason } from './blocklist.js';
import { loadStrengthData } from './strength-data.js';

/** The numbers of the policy. */
export interface PasswordPolicy {
  /** Fewest code points (NFKC), from 8 to `maxLength`. Default 15 (NIST, password-only login). */
  minLength: number;
  /** Most code points (NFKC), from 64 (NIST's floor) to 1024. Default 128. */
  maxLength: number;
  /** Lowest zxcvbn score accepted, 0 to 4. Default 3. */
  minScore: 0 | 1 | 2 | 3 | 4;
}

export const DEFAULT_PASSWORD_POLICY: Readonly<PasswordPolicy> = Object.freeze({
  minLength: 15,
  maxLength: 128,
  minScore: 3,
});

/** The rule a refused password broke. */
export type PasswordRule =
  'too-short' | 'too-long' | 'blocklisted' | 'contains-username' | 'contains-email' | 'too-weak';

/** Who the password is for: their name and address may not be in it. */
export interface PasswordContext {
  username: string;
  email?: string;
}

export type PasswordCheck =
  | { ok: true; score: number }
  | { ok: false; rule: PasswordRule; message: string; score: number | null };

/** A strength estimate to show while a password is typed. */
export interface PasswordStrength {
  /** zxcvbn score, 0 (guessable in seconds) to 4 (very hard). */
  score: number;
  /** What makes it weak, when something does (a fixed English sentence). */
  warning: string | null;
  suggestions: string[];
}

const BLOCKLIST_MESSAGES: Readonly<Record<BlocklistReason, string>> = {
  common:
    'password is blocklisted: it is a common or breached password, or a simple variant of one',
  'service-name':
    'password is blocklisted: it is the name of this service, or a simple variant of it',
  pattern: 'password is blocklisted: it is a repeated or sequential run of characters',
};

/** Shortest local part of an address that counts as a context word on its own. */
const MIN_LOCAL_PART = 3;

/**
 * Checks the numbers of a policy.
 *
 * @throws TypeError naming the option that is out of range.
 */
export function validatePasswordPolicy(policy: PasswordPolicy): PasswordPolicy {
  if (typeof policy !== 'object' || policy === null) {
    throw new TypeError('"policy" must be an object');
  }
  const { minLength, maxLength, minScore } = policy;
  if (!Number.isInteger(maxLength) || maxLength < 64 || maxLength > 1024) {
    throw new TypeError(`"maxLength" must be an integer from 64 to 1024, got ${String(maxLength)}`);
  }
  if (!Number.isInteger(minLength) || minLength < 8 || minLength > maxLength) {
    throw new TypeError(
      `"minLength" must be an integer from 8 to maxLength (${maxLength}), got ${String(minLength)}`,
    );
  }
  if (!Number.isInteger(minScore) || minScore < 0 || minScore > 4) {
    throw new TypeError(`"minScore" must be an integer from 0 to 4, got ${String(minScore)}`);
  }
  return policy;
}

/**
 * Checks a new password against the policy for one user. The first call loads zxcvbn-ts (about
 * 300 ms, once).
 *
 * @throws TypeError when `password`, `context.username` or `context.email` is not a string, or
 *   the policy is out of range.
 */
export function checkPassword(
  password: string,
  context: PasswordContext,
  policy: PasswordPolicy = DEFAULT_PASSWORD_POLICY,
): PasswordCheck {
  validatePasswordPolicy(policy);
  const inputs = contextWords(context);
  if (typeof password !== 'string') throw new TypeError('"password" must be a string');
  // NFKC shrinks text at most threefold (Hangul jamo) and a code point takes at most two UTF-16
  // units, so this refuses a huge input before normalising it, with the same answer.
  if (password.length > 6 * policy.maxLength) return tooLong(policy);
  const normalised = normalisePassword(password);
  const lower = normalised.toLowerCase();
  const length = [...normalised].length;
  const refuse = (rule: PasswordRule, message: string, score: number | null = null) =>
    ({ ok: false, rule, message, score }) as const;

  if (length < policy.minLength) {
    return refuse(
      'too-short',
      `password is too short: at least ${policy.minLength} characters are required`,
    );
  }
  if (length > policy.maxLength) return tooLong(policy);
  if (inputs.username !== '' && lower.includes(inputs.username)) {
    return refuse('contains-username', 'password must not contain the username');
  }
  if (inputs.email.some((word) => lower.includes(word))) {
    return refuse('contains-email', 'password must not contain the email address');
  }
  const { estimator, commonPasswords } = loadStrengthData();
  const listed = blocklistReason(normalised, commonPasswords);
  if (listed !== null) return refuse('blocklisted', BLOCKLIST_MESSAGES[listed]);

  const result = estimator.check(normalised, inputs.all);
  if (result.score < policy.minScore) {
    const why = result.feedback.warning === null ? '' : ` (${result.feedback.warning})`;
    return refuse(
      'too-weak',
      `password is too weak: its estimated strength is ${result.score} of 4 and at least ${policy.minScore} is required${why}`,
      result.score,
    );
  }
  return { ok: true, score: result.score };
}

function tooLong(policy: PasswordPolicy): PasswordCheck {
  return {
    ok: false,
    rule: 'too-long',
    message: `password is too long: at most ${policy.maxLength} characters are allowed`,
    score: null,
  };
}

/**
 * Like {@link checkPassword}, for code paths that refuse by throwing.
 *
 * @returns the zxcvbn score.
 * @throws AppError `WEAK_PASSWORD` with `details.rule` naming the rule that failed.
 */
export function assertPasswordAcceptable(
  password: string,
  context: PasswordContext,
  policy: PasswordPolicy = DEFAULT_PASSWORD_POLICY,
): number {
  const check = checkPassword(password, context, policy);
  if (!check.ok) {
    throw new AppError('WEAK_PASSWORD', check.message, { details: { rule: check.rule } });
  }
  return check.score;
}

/**
 * The zxcvbn estimate for display (a strength meter), with the user's name and address counted
 * as guessable. It applies no policy: use {@link checkPassword} to decide.
 *
 * @throws TypeError when `password` or the context is not made of strings.
 */
export function passwordStrength(password: string, context: PasswordContext): PasswordStrength {
  const inputs = contextWords(context);
  if (typeof password !== 'string') throw new TypeError('"password" must be a string');
  const result = loadStrengthData().estimator.check(normalisePassword(password), inputs.all);
  return {
    score: result.score,
    warning: result.feedback.warning,
    suggestions: [...result.feedback.suggestions],
  };
}

/** The lower-case NFKC words of the context: the username, the address and its local part. */
function contextWords(context: PasswordContext): {
  username: string;
  email: string[];
  all: string[];
} {
  if (typeof context !== 'object' || context === null) {
    throw new TypeError('"context" must be an object');
  }
  if (typeof context.username !== 'string') {
    throw new TypeError('"context.username" must be a string');
  }
  if (context.email !== undefined && typeof context.email !== 'string') {
    throw new TypeError('"context.email" must be a string');
  }
  const username = context.username.normalize('NFKC').toLowerCase();
  const email: string[] = [];
  if (context.email !== undefined && context.email !== '') {
    const address = context.email.normalize('NFKC').toLowerCase();
    email.push(address);
    const at = address.lastIndexOf('@');
    const local = at > 0 ? address.slice(0, at) : '';
    if ([...local].length >= MIN_LOCAL_PART) email.push(local);
  }
  return { username, email, all: [username, ...email].filter((w) => w !== '') };
}
