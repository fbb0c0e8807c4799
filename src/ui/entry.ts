/**
 * @module The entry of the live views' bundle (dist/cli/ui.mjs): what the CLI calls after a
 * dynamic import, so Ink and React load only for --dashboard, --status --watch and a live
 * --events --follow.
 */
import {
  runSecurityView as runSecurityViewInline,
  type RunSecurityViewOptions,
} from './security/run-security-view.js';
import { fullScreen } from './run-ink.js';

export { runDashboard, type RunDashboardOptions } from './run-dashboard.js';
export type { InkIo } from './run-ink.js';

/** The live security view (see security/run-security-view.ts), on the alternate screen. */
export function runSecurityView(options: RunSecurityViewOptions): Promise<void> {
  return fullScreen(options, () => runSecurityViewInline(options));
}
