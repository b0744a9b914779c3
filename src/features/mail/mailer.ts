/**
 * Outgoing mail. In development and the demo, messages go to an outbox the platform admin can
 * read in the app (and a line in the log); in production, to an SMTP server through Nodemailer.
 */
import type { Transporter } from 'nodemailer';
import type { Kysely } from 'kysely';
import type { Logger } from 'pino';
import type { DB } from '../../db/schema.js';

export interface MailMessage {
  readonly to: string;
  readonly subject: string;
  readonly text: string;
}

export interface Mailer {
  readonly kind: 'outbox' | 'smtp';
  send(message: MailMessage): Promise<void>;
}

export class OutboxMailer implements Mailer {
  readonly kind = 'outbox' as const;
  readonly #db: Kysely<DB>;
  readonly #log: Logger;
  constructor(db: Kysely<DB>, log: Logger) {
    this.#db = db;
    this.#log = log;
  }

  async send(message: MailMessage): Promise<void> {
    const row = await this.#db
      .insertInto('mail_outbox')
      .values({
        to_address: message.to,
        subject: message.subject,
        body_text: message.text,
        transport: 'outbox',
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    // The recipient's address is personal data: the log names the outbox entry, not the person.
    this.#log.info({ outboxId: row.id, subject: message.subject }, 'mail written to the outbox');
  }
}

export class SmtpMailer implements Mailer {
  readonly kind = 'smtp' as const;
  readonly #url: string;
  /** Made when the first message is sent: Nodemailer is loaded only by a process that mails. */
  #transport: Transporter | undefined;
  readonly #from: string;
  readonly #log: Logger;
  constructor(url: string, from: string, log: Logger) {
    this.#url = url;
    this.#from = from;
    this.#log = log;
  }

  async send(message: MailMessage): Promise<void> {
    this.#transport ??= (await import('nodemailer')).default.createTransport(this.#url);
    const info = (await this.#transport.sendMail({
      from: this.#from,
      to: message.to,
      subject: message.subject,
      text: message.text,
    })) as { messageId?: string };
    this.#log.info({ messageId: info.messageId, subject: message.subject }, 'mail sent');
  }
}
