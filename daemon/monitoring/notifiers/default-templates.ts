/**
 * @module The default message templates the kinds share: a one-line subject, a plain-text body
 * and an HTML body, each with the alerts' labels, value, severity, start time and links.
 */

/** `[firing:2] HighCpu (critical): CPU above 90%`, `[resolved] HighCpu (critical): …`. */
export const DEFAULT_SUBJECT =
  '[{{status}}{{#firingCount}}:{{firingCount}}{{/firingCount}}] {{alertname}} ({{severity}}){{#summary}}: {{summary}}{{/summary}}';

/** Plain text: the summary, then one paragraph per alert, then the dashboard link. */
export const DEFAULT_TEXT_BODY = `{{#summary}}
{{summary}}

{{/summary}}
{{#alerts}}
[{{status}}] {{alertname}} ({{severity}}) value {{value}}, since {{startsAt}}{{#endsAt}}, resolved at {{endsAt}}{{/endsAt}}
{{#summary}}
  {{summary}}
{{/summary}}
  Labels:{{#labelList}} {{name}}={{value}}{{/labelList}}
{{#generatorURL}}
  Rule: {{generatorURL}}
{{/generatorURL}}

{{/alerts}}
{{#truncatedAlerts}}
...and {{truncatedAlerts}} more alerts.
{{/truncatedAlerts}}
Dashboard: {{externalURL}}
`;

/** HTML: the same content as {@link DEFAULT_TEXT_BODY}, one table row per alert. */
export const DEFAULT_HTML_BODY = `<!doctype html>
<html><body>
<h2>[{{status}}] {{alertname}} ({{severity}})</h2>
{{#summary}}
<p>{{summary}}</p>
{{/summary}}
<table border="1" cellpadding="4" cellspacing="0">
<tr><th>Status</th><th>Alert</th><th>Severity</th><th>Value</th><th>Since</th><th>Labels</th></tr>
{{#alerts}}
<tr><td>{{status}}</td><td>{{#generatorURL}}<a href="{{generatorURL}}">{{alertname}}</a>{{/generatorURL}}{{^generatorURL}}{{alertname}}{{/generatorURL}}</td><td>{{severity}}</td><td>{{value}}</td><td>{{startsAt}}{{#endsAt}} to {{endsAt}}{{/endsAt}}</td><td>{{#labelList}}{{name}}={{value}}<br>{{/labelList}}</td></tr>
{{/alerts}}
</table>
{{#truncatedAlerts}}
<p>...and {{truncatedAlerts}} more alerts.</p>
{{/truncatedAlerts}}
<p><a href="{{externalURL}}">Dashboard</a></p>
</body></html>
`;
