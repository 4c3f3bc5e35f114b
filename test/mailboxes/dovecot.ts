import { type ChildProcess, execFileSync, spawn } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { ImapFlow } from 'imapflow';

/**
 * A real Dovecot IMAP server for one test file: `dovecot -F -c <tmp>/dovecot.conf`, listening on 127.0.0.1 on a
 * free port, plain-text login (no TLS), users from a passwd-file, Maildir under the temp dir. Debian's
 * dovecot-imapd (2.3) is installed by .ci/run. Mail is owned by the `dovecot` system user because Dovecot refuses
 * to run mail processes as root.
 */
export type Dovecot = {
  host: string;
  port: number;
  addUser(user: string, password: string): void;
  /** Delivers a raw message into the user's INBOX with IMAP APPEND; returns its UID. */
  append(user: string, password: string, raw: string | Buffer, folder?: string): Promise<number>;
  stop(): Promise<void>;
};

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = net.createServer();
    srv.once('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const { port } = srv.address() as net.AddressInfo;
      srv.close(() => resolve(port));
    });
  });
}

function greets(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = net.connect(port, '127.0.0.1');
    let buf = '';
    const done = (ok: boolean) => {
      socket.destroy();
      resolve(ok);
    };
    socket.setTimeout(2000, () => done(false));
    socket.on('error', () => done(false));
    socket.on('data', (d) => {
      buf += d.toString();
      if (/\* OK .*ready/i.test(buf)) done(true);
    });
  });
}

export async function startDovecot(): Promise<Dovecot> {
  const binary = ['/usr/sbin/dovecot', '/usr/local/sbin/dovecot'].find((p) => fs.existsSync(p)) ?? 'dovecot';
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'stride-dovecot-'));
  fs.chmodSync(dir, 0o755);
  const mailDir = path.join(dir, 'mail');
  for (const d of ['run', 'state', 'mail']) fs.mkdirSync(path.join(dir, d), { mode: 0o755 });
  execFileSync('chown', ['dovecot:dovecot', mailDir]);
  const usersFile = path.join(dir, 'users');
  fs.writeFileSync(usersFile, '');

  for (let attempt = 0; ; attempt++) {
    const port = await freePort();
    fs.writeFileSync(
      path.join(dir, 'dovecot.conf'),
      `# Test-only Dovecot ${execFileSync(binary, ['--version']).toString().trim()}: plain IMAP on 127.0.0.1, no TLS.
protocols = imap
listen = 127.0.0.1
base_dir = ${dir}/run
state_dir = ${dir}/state
instance_name = stride-test-${port}
ssl = no
disable_plaintext_auth = no
auth_mechanisms = plain login
auth_failure_delay = 0
default_internal_user = dovecot
default_login_user = dovenull
log_path = /dev/stderr
info_log_path = /dev/null
mail_location = maildir:${mailDir}/%u
mail_uid = dovecot
mail_gid = dovecot
first_valid_uid = 1
service imap-login {
  chroot =
  inet_listener imap {
    address = 127.0.0.1
    port = ${port}
  }
  inet_listener imaps {
    port = 0
  }
}
service anvil {
  chroot =
}
passdb {
  driver = passwd-file
  args = scheme=PLAIN username_format=%u ${usersFile}
}
userdb {
  driver = static
  args = uid=dovecot gid=dovecot home=${mailDir}/%u
}
`,
    );
    const child: ChildProcess = spawn(binary, ['-F', '-c', path.join(dir, 'dovecot.conf')], {
      stdio: ['ignore', 'ignore', 'pipe'],
    });
    let stderr = '';
    child.stderr?.on('data', (d) => {
      stderr += d.toString();
    });
    let exited = false;
    child.once('exit', () => {
      exited = true;
    });
    let up = false;
    for (let i = 0; i < 100 && !exited && !up; i++) {
      up = await greets(port);
      if (!up) await new Promise((r) => setTimeout(r, 100));
    }
    if (!up) {
      child.kill('SIGKILL');
      // The port may have been taken between choosing and binding: try another one.
      if (attempt < 3) continue;
      throw new Error(`dovecot did not start: ${stderr}`);
    }
    return {
      host: '127.0.0.1',
      port,
      addUser(user, password) {
        fs.appendFileSync(usersFile, `${user}:{PLAIN}${password}\n`);
      },
      async append(user, password, raw, folder = 'INBOX') {
        const client = new ImapFlow({
          host: '127.0.0.1',
          port,
          secure: false,
          doSTARTTLS: false,
          auth: { user, pass: password },
          logger: false,
        });
        await client.connect();
        try {
          const res = await client.append(folder, raw);
          if (res === false || !res.uid) throw new Error('APPEND returned no UID');
          return res.uid;
        } finally {
          await client.logout();
        }
      },
      async stop() {
        if (!exited) {
          const gone = new Promise((r) => child.once('exit', r));
          child.kill('SIGTERM');
          await Promise.race([gone, new Promise((r) => setTimeout(r, 5000))]);
          if (!exited) child.kill('SIGKILL');
        }
        fs.rmSync(dir, { recursive: true, force: true });
      },
    };
  }
}

let seq = 0;

/** A raw RFC 5322 message; with `attachment` a multipart/mixed one. */
export function rawMail(opts: {
  from: string;
  to?: string;
  subject?: string;
  text?: string;
  html?: string;
  messageId?: string;
  inReplyTo?: string;
  attachment?: { fileName: string; contentType: string; content: Buffer };
}): string {
  seq += 1;
  const messageId = opts.messageId ?? `<test-${Date.now()}-${seq}-${Math.random().toString(36).slice(2)}@stride.test>`;
  const headers = [
    `From: ${opts.from}`,
    `To: ${opts.to ?? 'sales@firma.test'}`,
    `Subject: =?UTF-8?B?${Buffer.from(opts.subject ?? 'Poptávka').toString('base64')}?=`,
    `Date: ${new Date('2026-11-23T09:30:00Z').toUTCString()}`,
    `Message-ID: ${messageId}`,
    ...(opts.inReplyTo ? [`In-Reply-To: ${opts.inReplyTo}`] : []),
    'MIME-Version: 1.0',
  ];
  const b64 = (s: string | Buffer) =>
    (Buffer.isBuffer(s) ? s : Buffer.from(s, 'utf8')).toString('base64').replace(/.{76}/g, '$&\r\n');
  const textPart = `Content-Type: text/plain; charset=utf-8\r\nContent-Transfer-Encoding: base64\r\n\r\n${b64(opts.text ?? 'Dobrý den')}`;
  const bodyPart = opts.html
    ? `Content-Type: multipart/alternative; boundary="alt-${seq}"\r\n\r\n--alt-${seq}\r\n${textPart}\r\n--alt-${seq}\r\nContent-Type: text/html; charset=utf-8\r\nContent-Transfer-Encoding: base64\r\n\r\n${b64(opts.html)}\r\n--alt-${seq}--`
    : textPart;
  if (!opts.attachment) return `${headers.join('\r\n')}\r\n${bodyPart}\r\n`;
  const a = opts.attachment;
  return `${headers.join('\r\n')}\r\nContent-Type: multipart/mixed; boundary="mix-${seq}"\r\n\r\n--mix-${seq}\r\n${bodyPart}\r\n--mix-${seq}\r\nContent-Type: ${a.contentType}; name="${a.fileName}"\r\nContent-Disposition: attachment; filename="${a.fileName}"\r\nContent-Transfer-Encoding: base64\r\n\r\n${b64(a.content)}\r\n--mix-${seq}--\r\n`;
}
