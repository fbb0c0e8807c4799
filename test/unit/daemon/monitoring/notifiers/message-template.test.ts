import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import {
  DEFAULT_HTML_BODY,
  DEFAULT_SUBJECT,
  DEFAULT_TEXT_BODY,
} from '../../../../../daemon/monitoring/notifiers/default-templates.js';
import {
  TEMPLATE_MAX_BYTES,
  compileTemplate,
  renderTemplate,
} from '../../../../../daemon/monitoring/notifiers/message-template.js';
import { buildView } from '../../../../../daemon/monitoring/notifiers/template-view.js';
import { firingAlert, notification, resolvedNotification } from './fixtures.js';

const render = (text: string, html = false, n = notification()) =>
  renderTemplate(compileTemplate(text, 'templates.body'), buildView(n), { html });

function refused(text: string, message: string, field = 'templates.body'): void {
  assert.throws(() => compileTemplate(text, field), {
    code: 'INVALID_INPUT',
    message,
    details: { field },
  });
}

describe('compileTemplate', () => {
  test('refuses syntax errors with the field and the position', () => {
    refused('{{#alerts}}{{status}}', 'templates.body: unclosed section "alerts" at 21');
    refused('hello {{status', 'templates.body: unclosed tag at 14');
    refused('{{/alerts}}', 'templates.body: unopened section "alerts" at 0');
    refused('{{= x =}}', 'templates.body: invalid tags: x');
  });

  test('refuses names the view does not have, saying where and what is known', () => {
    assert.throws(() => compileTemplate('{{sumary}}', 'templates.subject'), {
      code: 'INVALID_INPUT',
      message:
        "templates.subject: unknown name 'sumary' at 0; known here: alertname, alerts, commonAnnotations, commonLabelList, commonLabels, dashboardURL, externalURL, firingAlerts, firingCount, groupKey, groupLabels, reason, receiver, resolvedAlerts, resolvedCount, severity, startsAt, status, summary, truncatedAlerts, value",
      details: { field: 'templates.subject' },
    });
    refused(
      '{{summary.text}}',
      "templates.body: unknown name 'summary.text' at 0: 'text' is not a field there",
    );
    refused(
      '{{alerts.first}}',
      "templates.body: unknown name 'alerts.first' at 0: 'first' is not a field there",
    );
    refused(
      '{{#alerts}}{{#labelList}}{{nope}}{{/labelList}}{{/alerts}}',
      "templates.body: unknown name 'nope' at 25; known here: alertname, alerts, annotationList, annotations, commonAnnotations, commonLabelList, commonLabels, dashboardURL, endsAt, externalURL, fingerprint, firingAlerts, firingCount, generatorURL, groupKey, groupLabels, labelList, labels, name, reason, receiver, resolvedAlerts, resolvedCount, severity, startsAt, status, summary, truncatedAlerts, value",
    );
  });

  test('refuses names that would reach a prototype, and partials', () => {
    refused('{{labels.constructor}}', "templates.body: 'labels.constructor' at 0 is not allowed");
    refused(
      '{{#commonLabels}}{{toString}}{{/commonLabels}}',
      "templates.body: 'toString' at 17 is not allowed",
    );
    refused('{{> header}}', "templates.body: partials ('{{> header}}' at 0) are not supported");
  });

  test('refuses a template over the size limit', () => {
    refused(
      'x'.repeat(TEMPLATE_MAX_BYTES + 1),
      `templates.body: is ${TEMPLATE_MAX_BYTES + 1} bytes; a template is at most 4096 bytes`,
    );
    assert.equal(
      compileTemplate('x'.repeat(TEMPLATE_MAX_BYTES), 'f').source.length,
      TEMPLATE_MAX_BYTES,
    );
  });

  test('accepts any label name under a record, sections over lists, records and scalars, and inverted sections', () => {
    for (const text of [
      '{{commonLabels.instance}} {{groupLabels.job}} {{commonAnnotations.runbook_url}}',
      '{{#alerts}}{{labels.host}} {{annotations.summary}} {{value}} {{.}}{{/alerts}}',
      '{{#commonLabels}}{{anything}}{{/commonLabels}}',
      '{{#summary}}{{summary}} {{status}}{{/summary}}{{^summary}}none{{/summary}}',
      '{{alerts.length}} {{{summary}}} {{&summary}} {{! a comment }}',
      '{{=<% %>=}}<% summary %>',
    ]) {
      assert.equal(compileTemplate(text, 'f').source, text);
    }
  });

  test('a wrong type is a programming error', () => {
    assert.throws(() => compileTemplate(3 as unknown as string, 'templates.body'), {
      name: 'TypeError',
      message: "template 'templates.body' must be a string",
    });
  });
});

describe('renderTemplate', () => {
  test('HTML-escapes values only for HTML bodies', () => {
    const n = notification({ commonAnnotations: { summary: `<b>"CPU" & 'load'</b>` } });
    assert.equal(render('{{summary}}', false, n), `<b>"CPU" & 'load'</b>`);
    assert.equal(
      render('<p>{{summary}}</p>', true, n),
      '<p>&lt;b&gt;&quot;CPU&quot; &amp; &#39;load&#39;&lt;/b&gt;</p>',
    );
    assert.equal(render('{{{summary}}}', true, n), `<b>"CPU" & 'load'</b>`);
  });

  test('a custom escape replaces the HTML one', () => {
    const compiled = compileTemplate('{{summary}}!', 'f');
    const out = renderTemplate(compiled, buildView(notification()), {
      html: false,
      escape: (t) => t.toUpperCase(),
    });
    assert.equal(out, 'CPU ABOVE 90% ON WEB-1!');
  });

  test('the view: labels, annotations, value, severity, start time, links and counts', () => {
    const text =
      '{{status}}|{{receiver}}|{{reason}}|{{alertname}}|{{severity}}|{{summary}}|{{value}}|{{startsAt}}|{{dashboardURL}}|{{externalURL}}|{{firingCount}}/{{resolvedCount}}|{{commonLabels.host}}|{{#alerts}}{{fingerprint}} {{labels.host}} {{annotations.summary}} {{generatorURL}}{{/alerts}}';
    assert.equal(
      render(text),
      'firing|ops|new-group|HighCpu|critical|CPU above 90% on web-1|97.5|2026-01-01T00:00:00.000Z|http://127.0.0.1:7070/#/alerts/HighCpu|http://127.0.0.1:7070|1/0|web-1|a1b2c3d4e5f60718 web-1 CPU above 90% on web-1 http://127.0.0.1:7070/#/alerts/HighCpu',
    );
  });

  test('the default subject, firing and resolved', () => {
    assert.equal(render(DEFAULT_SUBJECT), '[firing:1] HighCpu (critical): CPU above 90% on web-1');
    assert.equal(
      render(DEFAULT_SUBJECT, false, resolvedNotification()),
      '[resolved] HighCpu (critical): CPU above 90% on web-1',
    );
    const bare = notification({
      commonAnnotations: {},
      alerts: [firingAlert({ annotations: {} })],
    });
    assert.equal(render(DEFAULT_SUBJECT, false, bare), '[firing:1] HighCpu (critical)');
  });

  test('the default text body lists every alert, the truncated count and the dashboard', () => {
    const n = notification({
      commonLabels: { alertname: 'HighCpu' },
      commonAnnotations: {},
      truncatedAlerts: 3,
      alerts: [
        firingAlert(),
        firingAlert({
          labels: { alertname: 'HighCpu', host: 'web-2', severity: 'warning' },
          annotations: {},
          severity: 'warning',
          value: 91,
          generatorURL: '',
        }),
      ],
    });
    assert.equal(
      render(DEFAULT_TEXT_BODY, false, n),
      [
        'CPU above 90% on web-1',
        '',
        '[firing] HighCpu (critical) value 97.5, since 2026-01-01T00:00:00.000Z',
        '  CPU above 90% on web-1',
        '  Labels: alertname=HighCpu host=web-1 severity=critical',
        '  Rule: http://127.0.0.1:7070/#/alerts/HighCpu',
        '',
        '[firing] HighCpu (warning) value 91, since 2026-01-01T00:00:00.000Z',
        '  Labels: alertname=HighCpu host=web-2 severity=warning',
        '',
        '...and 3 more alerts.',
        'Dashboard: http://127.0.0.1:7070',
        '',
      ].join('\n'),
    );
  });

  test('the default HTML body escapes label values', () => {
    const n = notification({
      alerts: [firingAlert({ labels: { alertname: 'HighCpu', path: '<script>' } })],
    });
    const html = render(DEFAULT_HTML_BODY, true, n);
    assert.match(html, /<td>alertname=HighCpu<br>path=&lt;script&gt;<br><\/td>/);
    assert.match(html, /<a href="http:\/\/127\.0\.0\.1:7070\/#\/alerts\/HighCpu">HighCpu<\/a>/);
    assert.doesNotMatch(html, /<script>/);
  });
});
