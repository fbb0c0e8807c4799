/**
 * @module `clickup-brain monitoring`: health, metrics, alert rules and alerts, health checks,
 * silences and forecasts. One mode flag per call (see monitoring/modes.ts); each group of modes
 * registers its options and runs its action in its own file under monitoring/.
 */
import { Command } from 'commander';
import { showHealth } from '../actions/health.js';
import { CliContext, type CliDeps } from '../context.js';
import { addAlertsOptions, runAck, runAlerts } from './monitoring/alerts.js';
import { addChecksOptions, runAddCheck, runChecks, runHeartbeat, runRemoveCheck, runLoadChecks } from './monitoring/checks.js';
import { addDashboardOptions, runDashboard } from './monitoring/dashboard.js';
import { addWebOptions, runWeb } from './monitoring/web.js';
import { addForecastOptions, runForecast } from './monitoring/forecast.js';
import { addMetricsOptions, runMetrics, runPush } from './monitoring/metrics.js';
import { pickMode, type Mode, type MonitoringOptions } from './monitoring/modes.js';
import { addRulesOptions, runAddRule, runExplain, runLoadRules, runRemoveRule, runRules } from './monitoring/rules.js';
import { addSilencesOptions, runSilence, runSilences, runUnsilence } from './monitoring/silences.js';
import { addMaintenanceOptions, runMaintenance, runMaintenances, runRemoveMaintenance } from './monitoring/maintenance.js';
import { addChannelsOptions, runAddChannel, runAddRoute, runChannels, runNotifications, runRemoveChannel, runRemoveRoute, runRoutes, runTestChannel } from './monitoring/channels.js';

/** An action; a number it returns is the exit code (for --test-channel). */
type Action = (ctx: CliContext, options: MonitoringOptions) => Promise<void | number>;

/** The action of every mode but --health, which has its own exit codes. */
const ACTIONS: Record<Exclude<Mode, 'health'>, Action> = {
  dashboard: runDashboard,
  web: runWeb,
  metrics: runMetrics,
  push: runPush,
  alerts: runAlerts,
  ack: runAck,
  rules: runRules,
  addRule: runAddRule,
  loadRules: runLoadRules,
  removeRule: runRemoveRule,
  explain: runExplain,
  checks: runChecks,
  addCheck: runAddCheck,
  loadChecks: runLoadChecks,
  removeCheck: runRemoveCheck,
  heartbeat: runHeartbeat,
  silence: runSilence,
  silences: runSilences,
  unsilence: runUnsilence,
  maintenance: runMaintenance,
  maintenances: runMaintenances,
  removeMaintenance: runRemoveMaintenance,
  forecast: runForecast,
  channels: runChannels,
  addChannel: runAddChannel,
  removeChannel: runRemoveChannel,
  testChannel: runTestChannel,
  routes: runRoutes,
  addRoute: runAddRoute,
  removeRoute: runRemoveRoute,
  notifications: runNotifications,
};

const HELP = `
One mode per call. Every mode prints its result as JSON with --json, and nothing but errors with
--quiet. Durations are written like 500ms, 15s, 5m, 1h, 7d.

Exit codes with --health: 0 healthy, 1 degraded, 2 unhealthy, 3 daemon unreachable.
Otherwise: 0 success, 1 failed, 2 bad usage or input (nothing changed), 3 daemon unreachable.

Heartbeat checks pass while beats keep arriving: the job they watch runs
"clickup-brain monitoring --heartbeat <check>" when it succeeds, and the check goes down when no
beat arrives within its interval (plus --grace, by default a tenth of it).

--load-checks reads a YAML or JSON file "checks: [...]" whose entries take the fields of a check
definition (name, type, target, intervalMs, timeoutMs, expectStatus, expectBodyRegex, headers, …;
see the README); every entry is validated first, and one bad entry loads none (exit 2).

The dashboard (--dashboard) needs a terminal. Keys: Tab / Shift-Tab and the arrows move between
panels and rows, Enter opens the detail of the selected row, Esc goes back, / filters, a acks and
s silences the selected alert (asking for a comment and a duration), ? shows the keys, q quits.

Examples:
  $ clickup-brain monitoring --dashboard
  $ clickup-brain monitoring --health
  $ clickup-brain monitoring --health --quiet || echo "not healthy"
  $ clickup-brain monitoring --metrics
  $ clickup-brain monitoring --metrics cpu_usage --range 1h
  $ clickup-brain monitoring --metrics --prometheus
  $ clickup-brain monitoring --push queue_depth=42 --type gauge --label queue=emails
  $ clickup-brain monitoring --alerts
  $ clickup-brain monitoring --alerts --all --json | jq '.history | length'
  $ clickup-brain monitoring --alerts --all --rule HighQueue --since 24h --limit 500
  $ clickup-brain monitoring --ack 3f2a9c1e --comment "deploying the fix" --for 2h
  $ clickup-brain monitoring --rules
  $ clickup-brain monitoring --maintenance "0 3 * * 0" --for 2h --comment "weekly backups" --rule DiskBusy
  $ clickup-brain monitoring --maintenances
  $ clickup-brain monitoring --remove-maintenance 67056bc1
  $ clickup-brain monitoring --load-rules /etc/prometheus/rules/host.yml
  $ clickup-brain monitoring --load-checks checks.yml
  $ clickup-brain monitoring --add-rule HighQueue --expr 'queue_depth > 100' --severity critical \\
      --for 5m --annotation summary='queue {{ $labels.queue }} holds {{ $value }}'
  $ clickup-brain monitoring --remove-rule HighQueue
  $ clickup-brain monitoring --explain HighQueue
  $ clickup-brain monitoring --checks
  $ clickup-brain monitoring --add-check api --type http --target https://example.com/health \\
      --interval 30s --expect-status 200 --max-latency 2s
  $ clickup-brain monitoring --add-check status --type http --target https://example.com/status.json \\
      --header 'Accept: application/json' --expect-body-regex '"status":\\s*"ok"' --tls-min-days 30
  $ clickup-brain monitoring --add-check intranet --type http --target https://10.0.0.5/ --insecure --method HEAD
  $ clickup-brain monitoring --add-check backup-log --type command --target 'tail -n 1 /var/log/backup.log' \\
      --expect-output 'finished'
  $ clickup-brain monitoring --add-check root-disk --type disk --target / --threshold 85
  $ clickup-brain monitoring --add-check nightly-backup --type heartbeat --interval 1d --grace 2h
  $ clickup-brain monitoring --heartbeat nightly-backup
  $ clickup-brain monitoring --remove-check api
  $ clickup-brain monitoring --web --no-open
  $ clickup-brain monitoring --silence alertname=HighQueue 'severity=~"warn.*"' --for 2h --comment "maintenance"
  $ clickup-brain monitoring --silences
  $ clickup-brain monitoring --unsilence 7b1e0d44
  $ clickup-brain monitoring --forecast disk_usage --threshold 90 --range 6h
  $ clickup-brain monitoring --add-channel ops-hook --type webhook --url https://hooks.example.com/alerts --send-resolved
  $ clickup-brain monitoring --add-channel team-slack --type slack --url https://hooks.slack.com/services/T0/B0/XXXX \\
      --min-severity warning
  $ printf '%s' "$SMTP_PASSWORD" | clickup-brain monitoring --add-channel oncall-mail --type email \\
      --option host=smtp.example.com --option port=587 --option secure=starttls --option user=alerts \\
      --option from=alerts@example.com --option to=oncall@example.com --option-stdin password
  $ clickup-brain monitoring --add-channel pager --type command --option path=/usr/local/bin/page
  $ clickup-brain monitoring --test-channel ops-hook
  $ clickup-brain monitoring --channels
  $ clickup-brain monitoring --add-route db --channel oncall-mail --match service=db --min-severity critical \\
      --group-by alertname,instance --repeat-interval 1h
  $ clickup-brain monitoring --routes
  $ clickup-brain monitoring --notifications --since 1h
  $ clickup-brain monitoring --remove-route db
  $ clickup-brain monitoring --remove-channel team-slack`;

export function makeMonitoringCommand(deps: CliDeps, setExitCode: (code: number) => void): Command {
  const command = new Command('monitoring')
    .description('health, metrics, alert rules and alerts, health checks, silences and forecasts')
    .option('--health', 'run-time health: each check with status, detail, latency and last run, and the overall status');
  for (const add of [addDashboardOptions, addWebOptions, addMetricsOptions, addAlertsOptions, addRulesOptions, addChecksOptions, addSilencesOptions, addMaintenanceOptions, addForecastOptions, addChannelsOptions]) add(command);
  return command.addHelpText('after', HELP).action(async (options: MonitoringOptions, cmd: Command) => {
    const mode = pickMode(options);
    const ctx = await CliContext.create(cmd, deps);
    if (mode === 'health') {
      setExitCode(await showHealth(ctx));
      return;
    }
    try {
      const code = await ACTIONS[mode](ctx, options);
      if (typeof code === 'number' && code !== 0) setExitCode(code);
    } finally {
      ctx.close();
    }
  });
}
