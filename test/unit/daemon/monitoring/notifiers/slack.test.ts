import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { ManualClock } from '../../../../../daemon/clock.js';
import { compileTemplate } from '../../../../../daemon/monitoring/notifiers/message-template.js';
import {
  slackColor,
  slackEscape,
  slackKind,
  type SlackOptions,
} from '../../../../../daemon/monitoring/notifiers/slack.js';
import {
  closedPort,
  firingAlert,
  notification,
  receiver,
  resolvedNotification,
  sendContext,
} from './fixtures.js';

function slack(options: SlackOptions, templates: { subject?: string; body?: string } = {}) {
  const compiled = {
    subject: compileTemplate(
      templates.subject ?? slackKind.templates.subject ?? '',
      'templates.subject',
    ),
    body: compileTemplate(templates.body ?? slackKind.templates.body ?? '', 'templates.body'),
  };
  return slackKind.create(options, compiled, { clock: new ManualClock() });
}

describe('slack channel', () => {
  test('posts an incoming-webhook message: colour, title linking to the dashboard, summary, label fields', async (t) => {
    const r = await receiver(t);
    const result = await slack({
      url: `${r.url}/services/T0/B0/XXXX`,
      channel: '#ops',
      username: 'brain',
    }).send(notification(), sendContext());
    assert.deepEqual(result, { detail: 'HTTP 200' });
    assert.equal(r.requests[0]?.url, '/services/T0/B0/XXXX');
    assert.deepEqual(r.requests[0]?.json, {
      channel: '#ops',
      username: 'brain',
      attachments: [
        {
          color: 'danger',
          fallback: '[firing:1] HighCpu (critical): CPU above 90% on web-1',
          title: '[firing:1] HighCpu (critical): CPU above 90% on web-1',
          title_link: 'http://127.0.0.1:7070/#/alerts/HighCpu',
          text: 'CPU above 90% on web-1\n• HighCpu (critical): value 97.5 since 2026-01-01T00:00:00.000Z',
          fields: [
            { title: 'alertname', value: 'HighCpu', short: true },
            { title: 'host', value: 'web-1', short: true },
            { title: 'severity', value: 'critical', short: true },
          ],
          ts: 1767225600,
        },
      ],
    });
  });

  test('resolved is green; templates replace title and text; values are escaped for Slack', async (t) => {
    const r = await receiver(t);
    const n = resolvedNotification();
    n.commonAnnotations = { summary: '<!channel> & <http://evil|click>' };
    await slack(
      { url: r.url },
      { subject: '{{alertname}} <{{externalURL}}|dash>', body: '*{{summary}}*' },
    ).send(n, sendContext());
    const attachment = (r.requests[0]?.json as { attachments: Array<Record<string, unknown>> })
      .attachments[0];
    assert.equal(attachment?.['color'], 'good');
    assert.equal(attachment?.['title'], 'HighCpu <http://127.0.0.1:7070|dash>');
    assert.equal(attachment?.['text'], '*&lt;!channel&gt; &amp; &lt;http://evil|click&gt;*');
    assert.equal('channel' in (r.requests[0]?.json as object), false);
  });

  test('colours by the highest severity', () => {
    const at = (severity: 'info' | 'warning' | 'critical' | 'emergency') =>
      slackColor(notification({ alerts: [firingAlert({ severity })] }), severity);
    assert.deepEqual(
      [at('info'), at('warning'), at('critical'), at('emergency')],
      ['#439FE0', 'warning', 'danger', 'danger'],
    );
    assert.equal(slackEscape('a<b>&c'), 'a&lt;b&gt;&amp;c');
  });

  test('4xx and 5xx answers, a receiver that is down; the webhook URL is never quoted', async (t) => {
    const r = await receiver(t, (req) =>
      req.url?.startsWith('/bad') === true ? { status: 404, body: 'no_service' } : { status: 500 },
    );
    await assert.rejects(
      slack({ url: `${r.url}/bad/T0/B0/SECRET` }).send(notification(), sendContext()),
      {
        message: `POST ${r.url}/*** answered HTTP 404: no_service`,
        retryable: false,
      },
    );
    await assert.rejects(slack({ url: `${r.url}/x` }).send(notification(), sendContext()), {
      message: `POST ${r.url}/*** answered HTTP 500`,
      retryable: true,
    });
    const port = await closedPort();
    await assert.rejects(
      slack({ url: `http://127.0.0.1:${port}/services/T/B/SECRET` }).send(
        notification(),
        sendContext(),
      ),
      (error: Error) => {
        assert.equal(error.message.includes('SECRET'), false);
        assert.equal((error as { retryable?: boolean }).retryable, true);
        return true;
      },
    );
  });
});
