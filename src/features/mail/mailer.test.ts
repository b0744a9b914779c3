import net from 'node:net';
import pino from 'pino';
import { afterEach, describe, expect, it } from 'vitest';
import { SmtpMailer } from './mailer.js';

/** A loopback SMTP server that accepts every message and keeps what it was sent. */
function smtpServer(): Promise<{ port: number; received: string[]; close: () => Promise<void> }> {
  const received: string[] = [];
  const server = net.createServer((socket) => {
    let data: string | null = null;
    let buffered = '';
    socket.write('220 localhost ESMTP test\r\n');
    socket.on('data', (chunk: Buffer) => {
      buffered += chunk.toString('utf8');
      let end;
      while ((end = buffered.indexOf('\r\n')) >= 0) {
        const line = buffered.slice(0, end);
        buffered = buffered.slice(end + 2);
        if (data !== null) {
          if (line === '.') {
            received.push(data);
            data = null;
            socket.write('250 2.0.0 queued as 1\r\n');
          } else data += `${line}\n`;
        } else if (/^(EHLO|HELO)/i.test(line)) socket.write('250 localhost\r\n');
        else if (/^DATA/i.test(line)) {
          data = '';
          socket.write('354 go ahead\r\n');
        } else if (/^QUIT/i.test(line)) socket.end('221 bye\r\n');
        else socket.write('250 ok\r\n');
      }
    });
  });
  return new Promise((resolve) => {
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as net.AddressInfo;
      resolve({
        port,
        received,
        close: () => new Promise((done) => server.close(() => done())),
      });
    });
  });
}

let close: (() => Promise<void>) | undefined;
afterEach(async () => {
  await close?.();
  close = undefined;
});

describe('SmtpMailer', () => {
  it('sends each message through the SMTP server it is given', async () => {
    const server = await smtpServer();
    close = server.close;
    const mailer = new SmtpMailer(
      `smtp://127.0.0.1:${server.port}`,
      'Anchorage <no-reply@anchorage.example>',
      pino({ level: 'silent' }),
    );
    await mailer.send({ to: 'lead@trust.example', subject: 'First', text: 'One' });
    await mailer.send({ to: 'analyst@trust.example', subject: 'Second', text: 'Two' });
    expect(server.received).toHaveLength(2);
    expect(server.received[0]).toMatch(/^To: lead@trust\.example$/m);
    expect(server.received[0]).toMatch(/^Subject: First$/m);
    expect(server.received[1]).toMatch(/^Subject: Second$/m);
    expect(server.received[1]).toMatch(/^Two$/m);
  }, 10_000);
});
