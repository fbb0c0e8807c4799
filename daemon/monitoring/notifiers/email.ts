/**
 * @module The email channel: SMTP through nodemailer, a plain-text and an HTML body.
 *
 * `secure` picks the transport security: `tls` (implicit TLS, port 465), `starttls` (upgrade
 * required, port 587) or `none` (a local relay; refused with a password, which would then travel in
 * clear). A private CA may be given as PEM. The SMTP timeouts are the delivery's timeout. An SMTP
 * 4xx reply is temporary (retryable), a 5xx is permanent; no reply at all is retryable.
 */
import nodemailer from 'nodemailer';
import { z } from 'zod';
import { integer, templateOf, text, type ChannelKind } from './channel-kind.js';
import { DEFAULT_HTML_BODY, DEFAULT_SUBJECT, DEFAULT_TEXT_BODY } from './default-templates.js';
import { abortText } from './http-send.js';
import { renderTemplate } from './message-template.js';
import { DeliveryError, type SendResult } from './notification.js';
import { excerpt, scrub } from './redact.js';
import { buildView } from './template-view.js';

const ADDRESS = '[^\\s@<>",;:]+@[^\\s@<>",;:]+';
const address = text(254).regex(new RegExp(`^${ADDRESS}$`), 'must be an email address');
const sender = text(254).regex(
  new RegExp(`^(?:${ADDRESS}|[^<>\\r\\n"]{1,100} <${ADDRESS}>)$`),
  "must be an email address, or 'Name <address>'",
);

const options = z
  .strictObject({
    host: text(253),
    port: integer(1, 65535),
    secure: z.enum(['tls', 'starttls', 'none'], { error: "must be 'tls', 'starttls' or 'none'" }),
    user: text(256).optional(),
    password: text(1024).optional(),
    from: sender,
    to: z
      .array(address, { error: 'must be a list of addresses' })
      .min(1, 'must name at least one address')
      .max(50, 'must name at most 50 addresses'),
    /** PEM certificate(s) to trust besides the system's, for a server with a private CA. */
    ca: text(65536).optional(),
  })
  .refine((o) => (o.user === undefined) === (o.password === undefined), {
    path: ['password'],
    message: 'user and password go together: give both or neither',
  })
  .refine((o) => o.password === undefined || o.secure !== 'none', {
    path: ['secure'],
    message: "'none' would send the password in clear; use 'tls' or 'starttls'",
  });
export type EmailOptions = z.infer<typeof options>;

/** A subject on one line and of a bounded length (values from labels may hold newlines). */
function oneLine(subject: string): string {
  const line = subject.replace(/\s+/g, ' ').trim();
  return line.length > 250 ? `${line.slice(0, 249)}…` : line;
}

/** Turns a nodemailer failure into a delivery failure: 5xx permanent, anything else retryable. */
function deliveryError(
  error: unknown,
  where: string,
  secrets: readonly (string | undefined)[],
): DeliveryError {
  const e = error as { message?: string; responseCode?: number };
  const code = typeof e.responseCode === 'number' ? e.responseCode : undefined;
  const retryable = code === undefined || code < 500;
  return new DeliveryError(
    `SMTP ${where}: ${excerpt(scrub(e.message ?? String(error), secrets))}`,
    retryable,
  );
}

export const emailKind: ChannelKind<EmailOptions> = {
  type: 'email',
  options,
  secretFields: ['password'],
  templates: { subject: DEFAULT_SUBJECT, body: DEFAULT_TEXT_BODY, html: DEFAULT_HTML_BODY },
  create(opts, templates) {
    const subject = templateOf(templates, 'subject');
    const body = templateOf(templates, 'body');
    const html = templateOf(templates, 'html');
    const where = `${opts.host}:${opts.port}`;
    const secrets = [opts.password];
    return {
      type: 'email',
      async send(notification, context): Promise<SendResult> {
        if (context.signal.aborted)
          throw new DeliveryError(`SMTP ${where} ${abortText(context.signal)}`, true);
        const view = buildView(notification);
        const transport = nodemailer.createTransport({
          host: opts.host,
          port: opts.port,
          secure: opts.secure === 'tls',
          requireTLS: opts.secure === 'starttls',
          ignoreTLS: opts.secure === 'none',
          ...(opts.user === undefined
            ? {}
            : { auth: { user: opts.user, pass: opts.password ?? '' } }),
          tls: { minVersion: 'TLSv1.2', ...(opts.ca === undefined ? {} : { ca: opts.ca }) },
          connectionTimeout: context.timeoutMs,
          greetingTimeout: context.timeoutMs,
          socketTimeout: context.timeoutMs,
          logger: false,
        });
        const sending = transport.sendMail({
          from: opts.from,
          date: new Date(context.clock.now()),
          to: opts.to,
          subject: oneLine(renderTemplate(subject, view, { html: false })),
          text: renderTemplate(body, view, { html: false }),
          html: renderTemplate(html, view, { html: true }),
          // The message is ours, but a template must never make nodemailer read a file or a URL.
          disableFileAccess: true,
          disableUrlAccess: true,
        });
        // nodemailer takes no signal: on abort, stop waiting; its own timeouts end the connection.
        let onAbort = (): void => {};
        const aborted = new Promise<never>((_resolve, reject) => {
          onAbort = () =>
            reject(new DeliveryError(`SMTP ${where} ${abortText(context.signal)}`, true));
          context.signal.addEventListener('abort', onAbort, { once: true });
        });
        sending.catch(() => {}); // settled later or never looked at again after an abort
        try {
          const info = await Promise.race([sending, aborted]);
          return { detail: excerpt(String(info.response ?? 'sent'), 100) };
        } catch (error) {
          if (error instanceof DeliveryError) throw error;
          throw deliveryError(error, where, secrets);
        } finally {
          context.signal.removeEventListener('abort', onAbort);
          transport.close();
        }
      },
    };
  },
};
