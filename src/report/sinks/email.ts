/** @fileoverview E-mail sink (nodemailer): the HTML report as the body, the text report as its alternative, JSON and SARIF attached. */
import { hostname } from 'node:os';
import { AuditError, UsageError } from '../../common/errors.js';

/** Where and how to send. */
export interface EmailOptions {
  to: string[];
  from?: string;
  smtpUrl: string;
}

/** One message. */
export interface EmailMessage {
  subject: string;
  html: string;
  text: string;
  attachments: { filename: string; content: string; contentType: string }[];
}

/** Sending failed: exit code 2, report files already written. */
export class EmailError extends AuditError {}

const ADDRESS = /^[^\s@<>]+@[^\s@<>]+$/;

/** Check --email-* options before any work is done; UsageError when they cannot work. */
export function checkEmailOptions(to: string[] | undefined, from: string | undefined, smtpUrl: string | undefined): EmailOptions | undefined {
  if (!to?.length) {
    if (from) throw new UsageError('--email-from needs --email-to');
    return undefined;
  }
  for (const a of to) if (!ADDRESS.test(a)) throw new UsageError(`--email-to: "${a}" is not an e-mail address`);
  if (from !== undefined && !ADDRESS.test(from.replace(/^.*<([^>]+)>\s*$/, '$1'))) throw new UsageError(`--email-from: "${from}" is not an e-mail address`);
  if (!smtpUrl) throw new UsageError('--email-to needs --smtp-url (or MQTT_AUDIT_SMTP_URL), e.g. smtp://mail.example:587');
  let u: URL;
  try {
    u = new URL(smtpUrl);
  } catch {
    throw new UsageError(`--smtp-url: "${redactUrl(smtpUrl)}" is not a URL (smtp://host:port or smtps://host:port)`);
  }
  if (u.protocol !== 'smtp:' && u.protocol !== 'smtps:') throw new UsageError(`--smtp-url: ${u.protocol}// is not smtp:// or smtps://`);
  if (!u.hostname) throw new UsageError('--smtp-url: no host');
  return { to, from, smtpUrl };
}

/** A URL with its password replaced, for messages. */
export function redactUrl(url: string): string {
  return url.replace(/^([a-z]+:\/\/[^:/@]*):[^@/]*@/i, '$1:***@');
}

/** Send the message; EmailError (exit 2) with a one-line reason when the server cannot be reached or refuses. */
export async function sendEmail(opts: EmailOptions, msg: EmailMessage): Promise<void> {
  const u = new URL(opts.smtpUrl);
  // Loaded only when a mail goes out (it is the largest module the CLI would otherwise load at start).
  const { default: nodemailer } = await import('nodemailer');
  const transport = nodemailer.createTransport({
    host: u.hostname.replace(/^\[|\]$/g, ''),
    port: u.port ? Number(u.port) : u.protocol === 'smtps:' ? 465 : 587,
    secure: u.protocol === 'smtps:',
    ...(u.username ? { auth: { user: decodeURIComponent(u.username), pass: decodeURIComponent(u.password) } } : {}),
    connectionTimeout: 10000,
    greetingTimeout: 10000,
    socketTimeout: 20000,
  });
  try {
    await transport.sendMail({ from: opts.from ?? `mqtt-audit <mqtt-audit@${hostname()}>`, to: opts.to, subject: msg.subject, html: msg.html, text: msg.text, attachments: msg.attachments });
  } catch (e) {
    const err = e as Error & { code?: string; responseCode?: number; response?: string };
    // NOTE: nodemailer's own messages name the host and port, never the password; ours redact the URL.
    const why = err.responseCode ? `the server answered ${err.responseCode} ${String(err.response ?? '').replace(/^\d{3}[ -]/, '').split('\n')[0]}` : String(err.message || err.code).split('\n')[0];
    throw new EmailError(`e-mail not sent to ${opts.to.join(', ')} via ${redactUrl(opts.smtpUrl)}: ${why}`);
  } finally {
    transport.close();
  }
}
