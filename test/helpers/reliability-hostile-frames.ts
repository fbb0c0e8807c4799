/**
 * @module Test helper for the hostile-socket test: the bad frames, drawn from a seeded PRNG.
 *
 * Each generator returns the bytes to send (newline included) and the error code the daemon must
 * answer with, or null when the frame is valid and must succeed.
 */
import type { Prng } from './reliability-random.js';

export type FrameKind =
  | 'random-bytes'
  | 'truncated-json'
  | 'nested-open'
  | 'nested-closed'
  | 'nested-params'
  | 'oversized'
  | 'huge-string'
  | 'wrong-types'
  | 'unknown-method'
  | 'batch'
  | 'huge-push';

export interface HostileFrame {
  kind: FrameKind;
  bytes: Buffer;
  /** The `data.code` of the error answer, or null for a success. */
  expect: string | null;
  /** True when the daemon answers by closing the connection (after the error). */
  closes: boolean;
}

const NESTING = 100_000;

function request(id: number, method: string, params: unknown): string {
  return JSON.stringify({ jsonrpc: '2.0', id, method, params });
}

function frame(kind: FrameKind, text: string | Buffer, expect: string | null, closes = false) {
  const body = typeof text === 'string' ? Buffer.from(text, 'utf8') : text;
  return { kind, bytes: Buffer.concat([body, Buffer.from('\n')]), expect, closes };
}

/**
 * The generators and their weights (out of 1000). Frames that cost the daemon the most (a frame
 * past the limit, a 10,000-sample push) are rare so that 10,000 frames take seconds, not minutes.
 */
export function hostileFrame(prng: Prng, id: number, maxFrameBytes: number): HostileFrame {
  const roll = prng.int(0, 999);
  if (roll < 200) {
    // Any byte but the newline (which would split it into frames); never valid JSON.
    const bytes = prng.bytes(prng.int(1, 2000));
    for (let i = 0; i < bytes.length; i++) if (bytes[i] === 0x0a) bytes[i] = 0;
    bytes[0] = 0x7f; // JSON cannot start with DEL, so random bytes never happen to parse
    return frame('random-bytes', bytes, 'PARSE_ERROR');
  }
  if (roll < 400) {
    const text = request(id, 'security.blacklist.add', { target: '198.51.100.1', reason: 'x' });
    return frame('truncated-json', text.slice(0, prng.int(1, text.length - 1)), 'PARSE_ERROR');
  }
  if (roll < 420) return frame('nested-open', '['.repeat(NESTING), 'PARSE_ERROR');
  if (roll < 440)
    return frame('nested-closed', '['.repeat(NESTING) + ']'.repeat(NESTING), 'INVALID_REQUEST');
  if (roll < 460) {
    // Deep nesting inside params, where the schema wants a string or a record.
    const deep = `${'['.repeat(NESTING / 2)}${']'.repeat(NESTING / 2)}`;
    const [method, params] = prng.pick([
      ['security.blacklist.add', `{"target":${deep}}`],
      ['monitoring.rules.add', `{"name":"deep","expr":"up","labels":${deep}}`],
      ['monitoring.push', `{"samples":[{"name":"deep","value":1,"labels":{"a":${deep}}}]}`],
    ]);
    const text = `{"jsonrpc":"2.0","id":${id},"method":"${method}","params":${params}}`;
    return frame('nested-params', text, 'INVALID_PARAMS');
  }
  if (roll < 470) {
    // Past the frame limit: answered with FRAME_TOO_LARGE, then the connection is closed.
    const text = request(id, 'daemon.ping', { pad: 'x'.repeat(maxFrameBytes) });
    return frame('oversized', text, 'FRAME_TOO_LARGE', true);
  }
  if (roll < 490) {
    // Under the limit but far past any field's bound.
    const text = request(id, 'security.blacklist.add', { target: 'y'.repeat(maxFrameBytes / 2) });
    return frame('huge-string', text, 'INVALID_PARAMS');
  }
  if (roll < 700) {
    const [method, params] = prng.pick<[string, unknown]>([
      ['security.blacklist.add', { target: 12 }],
      ['security.blacklist.add', { target: '10.0.0.1', ttlMs: 'soon' }],
      ['monitoring.push', { samples: 'many' }],
      ['monitoring.push', { samples: [{ name: 'x', value: '1' }] }],
      ['monitoring.rules.add', { name: ['r'], expr: 1 }],
      ['security.login', { username: null, password: {} }],
      ['daemon.ping', { extra: true }],
      ['security.events', { limit: -5 }],
    ]);
    return frame('wrong-types', request(id, method, params), 'INVALID_PARAMS');
  }
  if (roll < 900) {
    const method = prng.pick([
      'nope',
      'daemon.',
      'security.blacklist.drop',
      '__proto__',
      'constructor',
    ]);
    return frame(
      'unknown-method',
      request(id, `${method}${prng.int(0, 9)}`, {}),
      'METHOD_NOT_FOUND',
    );
  }
  if (roll < 995) {
    // A JSON-RPC batch (an array of valid requests): not supported, refused as a whole.
    const batch = Array.from({ length: 1000 }, (_, i) => JSON.parse(request(i, 'daemon.ping', {})));
    return frame('batch', JSON.stringify(batch), 'INVALID_REQUEST');
  }
  // Valid and as big as allowed: 10,000 samples of one gauge over 100 label values.
  const samples = Array.from({ length: 10_000 }, (_, i) => ({
    name: 'hostile_push',
    value: i,
    type: 'gauge',
    labels: { slot: String(i % 100) },
  }));
  return frame('huge-push', request(id, 'monitoring.push', { samples }), null);
}
