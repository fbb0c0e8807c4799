/**
 * @module The zxcvbn estimator and the common-password list, loaded once, on first use.
 *
 * Loading the dictionaries takes about 140 ms here and building the estimator about 180 ms more,
 * so neither happens at daemon start or for a command that never checks a password: the first
 * check pays, later ones share the result. A failed load is not kept, so the next call retries.
 *
 * The packages are required synchronously, on purpose: the estimator's construction is synchronous
 * CPU work whichever way the modules arrive, so an async import would only make every caller of
 * the policy async (and easy to call without `await`, which would let weak passwords through)
 * without freeing the event loop. A daemon that wants the first check fast calls
 * {@link loadStrengthData} once after start.
 */
import { createRequire } from 'node:module';
import type * as ZxcvbnCore from '@zxcvbn-ts/core';
import type { ZxcvbnFactory } from '@zxcvbn-ts/core';
import type * as ZxcvbnCommon from '@zxcvbn-ts/language-common';
import type * as ZxcvbnEn from '@zxcvbn-ts/language-en';

/** What the strength policy needs from zxcvbn-ts. */
export interface StrengthData {
  /** zxcvbn-ts with the language-common and language-en dictionaries and English messages. */
  estimator: ZxcvbnFactory;
  /**
   * language-common's `passwords-common`: about 49,000 passwords, lower case, ranked from the most
   * frequent in public breach corpora.
   */
  commonPasswords: ReadonlySet<string>;
}

const require = createRequire(import.meta.url);
let loaded: StrengthData | null = null;

/** The shared estimator and list; the first call loads them. */
export function loadStrengthData(): StrengthData {
  loaded ??= load();
  return loaded;
}

function load(): StrengthData {
  const core = require('@zxcvbn-ts/core') as typeof ZxcvbnCore;
  const common = require('@zxcvbn-ts/language-common') as typeof ZxcvbnCommon;
  const en = require('@zxcvbn-ts/language-en') as typeof ZxcvbnEn;
  const estimator = new core.ZxcvbnFactory({
    dictionary: { ...common.dictionary, ...en.dictionary },
    graphs: common.adjacencyGraphs,
    translations: en.translations,
    // Time grows steeply with the number of substitutable characters: a 126-character
    // "p@ssw0rd!p@ssw0rd!…" took 790 ms on the event loop with the default of 100 and 250 ms
    // with 20, with the same scores on our samples. Real passwords have a handful.
    l33tMaxSubstitutions: 20,
  });
  const commonPasswords = new Set(
    common.dictionary['passwords-common'].map((entry) => String(entry).toLowerCase()),
  );
  return { estimator, commonPasswords };
}
