/**
 * @module Versions the CLI and the daemon compare in their handshake.
 *
 * `VERSION` is written from package.json by scripts/sync-version.mjs at build time; a unit test
 * fails when the two disagree.
 */

/** The package version. */
export const VERSION = '0.1.0';

/** Bumped when a method changes incompatibly. */
export const PROTOCOL_VERSION = 1;
