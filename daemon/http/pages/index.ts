/**
 * @module Placeholder for the page routes (W3 replaces this file).
 */
import type { HttpRoute } from '../types.js';

/** The page routes; empty until the pages land. */
export function pageRoutes(): HttpRoute[] {
  return [];
}
