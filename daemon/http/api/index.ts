/**
 * @module Placeholder for the /api/v1 routes (W2 replaces this file).
 */
import type { HttpRoute } from '../types.js';

/** The API routes; empty until the API lands. */
export function apiRoutes(): HttpRoute[] {
  return [];
}
