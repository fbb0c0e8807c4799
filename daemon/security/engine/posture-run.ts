/**
 * @module Runs the posture assessment on this installation and records the result.
 */
import type { Paths } from '../../../src/protocol/paths.js';
import type { Core } from '../../core.js';
import { assessPosture } from '../posture/assess.js';
import type { PostureReport } from '../posture/finding.js';
import { gatherPostureFacts, installationPaths } from './posture-facts.js';

/**
 * Assesses, stores the report as the last one, and writes a `posture.assessed` event.
 * @param http the web server as it runs (absent: the library, where nothing listens).
 */
export async function runPosture(
  core: Core,
  paths: Paths,
  secretBackend: 'keychain' | 'file',
  now: () => number,
  http?: { state: string; host: string; port: number; tls: boolean },
): Promise<PostureReport> {
  const { security, store, audit } = core;
  const clock = { now };
  const report = await assessPosture(
    await gatherPostureFacts({
      security,
      settings: security.settings,
      clock,
      paths: await installationPaths(paths, secretBackend),
      secretBackend,
      http:
        http === undefined
          ? { host: '127.0.0.1', port: 8080, tls: false, enabled: false }
          : {
              host: http.host,
              port: http.port,
              tls: http.tls,
              enabled: http.state === 'listening',
            },
    }),
    clock.now(),
  );
  await store.mutate(() => {
    const before = store.data.lastPosture;
    store.data.lastPosture = { ...report };
    return { result: undefined, undo: () => void (store.data.lastPosture = before) };
  });
  await audit.append({
    type: 'posture.assessed',
    actor: 'system',
    outcome: 'info',
    details: { worst: report.worst, counts: report.counts },
  });
  return report;
}
