/**
 * @module Posture of the keys: a key set whose newest version is older than the rotation period.
 *
 * Only the newest version counts: older ones are kept after a rotation to read what they
 * protected, and their age says nothing about whether rotation is due.
 */
import type { CheckResult, Finding } from './finding.js';
import { formatAge } from './format-age.js';
import type { PostureFacts, PostureKey } from './posture-facts.js';

/** Examines each key set (by name) once. */
export function checkKeys(facts: PostureFacts, now: number): CheckResult {
  const newest = new Map<string, PostureKey>();
  for (const key of facts.keys) {
    const seen = newest.get(key.name);
    if (seen === undefined || key.version > seen.version) newest.set(key.name, key);
  }
  const findings: Finding[] = [];
  for (const key of newest.values()) {
    const age = now - key.createdAt;
    if (age <= facts.keyRotationMs) continue;
    findings.push({
      id: 'key-rotation',
      severity: 'medium',
      title: `${key.name} is due for rotation`,
      detail: `Its newest version (${key.version}) was created ${formatAge(age)} ago; keys are rotated after ${formatAge(facts.keyRotationMs)} (security.keyRotation).`,
      subject: key.name,
      fix: 'clickup-brain security --rotate-keys',
    });
  }
  return { findings, checks: newest.size };
}
