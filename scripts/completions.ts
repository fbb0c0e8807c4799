/**
 * Writes completions/ (bash, zsh and fish scripts) from the CLI's Commander tree: `npm run
 * completions`. The fixed lists the daemon owns (check and channel types, roles, config keys) are
 * read here, where importing the daemon is fine, and handed to the generator in src/cli/completion/.
 *
 * Also imported by the unit test that fails when the committed scripts are stale.
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { configKeys } from '../daemon/config/keys.js';
import { CHECK_TYPES } from '../daemon/monitoring/checks/definition.js';
import { CHANNEL_TYPES } from '../daemon/monitoring/notifiers/kinds.js';
import { ROLE_NAMES } from '../daemon/security/rbac/roles.js';
import { bashScript } from '../src/cli/completion/bash.js';
import { fishScript } from '../src/cli/completion/fish.js';
import { completionHints } from '../src/cli/completion/hints.js';
import { completionSpec, type CompletionSpec } from '../src/cli/completion/spec.js';
import { zshScript } from '../src/cli/completion/zsh.js';
import { SCRIPT_FILES } from '../src/cli/commands/completion.js';
import type { CliDeps } from '../src/cli/context.js';
import { makeProgram } from '../src/cli/program.js';
import { metricType, severity } from '../src/protocol/schemas.js';

export const completionsDir = fileURLToPath(new URL('../completions/', import.meta.url));

/** The model of the real program, with the daemon's lists. */
export function programSpec(): CompletionSpec {
  // The program is only walked, never run: its streams and daemon are never used.
  const unused = null as unknown as CliDeps['stdout'];
  const deps: CliDeps = {
    env: {},
    stdout: unused,
    stderr: unused,
    stdin: null as unknown as CliDeps['stdin'],
    daemonEntry: '',
    now: () => 0,
  };
  const hints = completionHints({
    severities: severity.options,
    metricTypes: metricType.options,
    checkTypes: CHECK_TYPES,
    channelTypes: CHANNEL_TYPES,
    roles: ROLE_NAMES,
    configKeys: Object.keys(configKeys),
  });
  return completionSpec(
    makeProgram(deps, () => undefined),
    hints,
  );
}

/** File name in completions/ → its content, as the tree generates it now. */
export function completionFiles(spec = programSpec()): Record<string, string> {
  return {
    [SCRIPT_FILES.bash]: bashScript(spec),
    [SCRIPT_FILES.zsh]: zshScript(spec),
    [SCRIPT_FILES.fish]: fishScript(spec),
  };
}

if (process.argv[1] !== undefined && import.meta.url === pathToFileURL(process.argv[1]).href) {
  const spec = programSpec();
  if (spec.unmapped.length > 0) {
    process.stderr.write(
      `completions: these values have no source; map them in src/cli/completion/hints.ts:\n  ${spec.unmapped.join('\n  ')}\n`,
    );
    process.exitCode = 1;
  } else {
    for (const [name, text] of Object.entries(completionFiles(spec))) {
      writeFileSync(join(completionsDir, name), text);
      process.stdout.write(`wrote completions/${name}\n`);
    }
  }
}
