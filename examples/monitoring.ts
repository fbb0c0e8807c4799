/**
 * The spec's monitoring example, in TypeScript, in-process (no daemon): the process-wide
 * monitoring system, metrics, an alert rule, a health check written as a function, then
 * start() / stop().
 *
 * Run: npm run build && npx tsx examples/monitoring.ts
 */
import { AlertRule, AlertSeverity, HealthCheck, MetricType, getMonitoringSystem } from 'clickup-brain';

const monitoring = getMonitoringSystem(); // memory store; pass { store: { dir } } on the first call to keep state

await monitoring.addMetric('cpu_usage_demo', 75.5, MetricType.GAUGE, { host: 'server1' });
await monitoring.addMetric('request_count', 1000, MetricType.COUNTER, { endpoint: '/api' });

await monitoring.addAlertRule(
  new AlertRule({
    name: 'high_cpu_usage',
    expression: 'cpu_usage_demo > 70',
    severity: AlertSeverity.WARNING,
    description: 'CPU usage is above 70%',
    annotations: { summary: 'CPU on {{ $labels.host }} is {{ $value }}%' },
  }),
);

await monitoring.addHealthCheck(new HealthCheck('database', async () => true, { intervalMs: 1000 }));

// Scrapes and rule evaluations every 200 ms (the defaults are 10 s and 15 s), so that the example
// has something to show within a second or two.
await monitoring.start({ scrapeIntervalMs: 200, evaluationIntervalMs: 200 });
await new Promise((resolve) => setTimeout(resolve, 1500));

for (const alert of await monitoring.alerts()) {
  console.log(`alert ${alert.rule} ${alert.state}: ${alert.annotations['summary']}`);
}
const health = await monitoring.health();
console.log(`health ${health.status}: ${health.checks.map((c) => `${c.name}=${c.status}`).join(' ')}`);

await monitoring.stop();
