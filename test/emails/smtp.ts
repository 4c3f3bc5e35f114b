import net from 'node:net';
import { type ParsedMail, simpleParser } from 'mailparser';
import { SMTPServer } from 'smtp-server';

/**
 * A real SMTP server (the `smtp-server` package) on 127.0.0.1 for one test file. Every accepted message is parsed
 * with mailparser and kept with its envelope. `stop()` closes the port (sends then fail with ECONNREFUSED);
 * `start()` opens the same port again.
 */
export type Received = { envelope: { from: string; to: string[] }; raw: Buffer; mail: ParsedMail };

export type TestSmtp = {
  port: number;
  url: string;
  received: Received[];
  start(): Promise<void>;
  stop(): Promise<void>;
};

export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = net.createServer();
    srv.once('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const { port } = srv.address() as net.AddressInfo;
      srv.close(() => resolve(port));
    });
  });
}

export async function startSmtp(opts: { user?: string; password?: string } = {}): Promise<TestSmtp> {
  const port = await freePort();
  const received: Received[] = [];
  let server: SMTPServer | null = null;
  const user = opts.user ?? 'crm';
  const password = opts.password ?? 'smtp-secret';

  const start = () =>
    new Promise<void>((resolve, reject) => {
      const s = new SMTPServer({
        secure: false,
        disabledCommands: ['STARTTLS'],
        authMethods: ['PLAIN', 'LOGIN'],
        allowInsecureAuth: true,
        logger: false,
        size: 30 * 1024 * 1024,
        onAuth(auth, _session, cb) {
          if (auth.username === user && auth.password === password) cb(null, { user });
          else cb(new Error('Invalid username or password'));
        },
        onData(stream, session, cb) {
          const chunks: Buffer[] = [];
          stream.on('data', (c: Buffer) => chunks.push(c));
          stream.on('end', () => {
            const raw = Buffer.concat(chunks);
            simpleParser(raw)
              .then((mail) => {
                received.push({
                  envelope: {
                    from: session.envelope.mailFrom ? session.envelope.mailFrom.address : '',
                    to: session.envelope.rcptTo.map((r) => r.address),
                  },
                  raw,
                  mail,
                });
                cb();
              })
              .catch(cb);
          });
        },
      });
      s.once('error', reject);
      s.listen(port, '127.0.0.1', () => {
        server = s;
        resolve();
      });
    });

  await start();
  return {
    port,
    url: `smtp://${user}:${password}@127.0.0.1:${port}`,
    received,
    start,
    stop: () =>
      new Promise<void>((resolve) => {
        const s = server;
        server = null;
        if (!s) return resolve();
        s.close(() => resolve());
      }),
  };
}
