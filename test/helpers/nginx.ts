import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { connect } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll } from 'vitest';
import { systemTool } from './system-tool.js';
import { waitFor } from './wait.js';

/** nginx from the system's packages (Debian: apt-get install nginx), which the deploy test runs. */
export const NGINX = systemTool('nginx', 'apt-get install nginx');

const running = new Set<TestNginx>();
afterAll(async () => {
  await Promise.all([...running].map((nginx) => nginx.stop()));
});
process.once('exit', () => {
  for (const nginx of running) nginx.child.kill('SIGKILL');
});

/** The nginx blocks of a Markdown document (```nginx … ```), in order. */
export function nginxBlocks(markdownPath: string): string[] {
  return [...readFileSync(markdownPath, 'utf8').matchAll(/^```nginx\n([\s\S]*?)^```$/gm)].map((match) => match[1]!);
}

/** A self-signed certificate for 127.0.0.1 and localhost, made by openssl in `dir`. */
export function selfSignedCertificate(dir: string): { readonly cert: string; readonly key: string } {
  const cert = join(dir, 'cert.pem');
  const key = join(dir, 'key.pem');
  const made = spawnSync(
    'openssl',
    ['req', '-x509', '-newkey', 'rsa:2048', '-nodes', '-keyout', key, '-out', cert, '-days', '1', '-subj', '/CN=localhost', '-addext', 'subjectAltName=IP:127.0.0.1,DNS:localhost'],
    { stdio: ['ignore', 'ignore', 'pipe'] },
  );
  if (made.status !== 0) throw new Error(`openssl could not make a certificate: ${made.stderr.toString()}`);
  return { cert, key };
}

/**
 * nginx in the foreground with `http` (the contents of an `http { }` block) in a directory of its
 * own, its pid, logs and temporary files kept there, stopped after the test file. Resolves once
 * it accepts connections on `port`.
 */
export class TestNginx {
  private constructor(
    readonly child: ChildProcess,
    readonly dir: string,
    private readonly output: () => string,
  ) {}

  static async start(http: string, port: number, timeoutMs = 10_000): Promise<TestNginx> {
    const dir = mkdtempSync(join(tmpdir(), 'termchat-nginx-'));
    for (const sub of ['body', 'proxy', 'fastcgi', 'uwsgi', 'scgi']) mkdirSync(join(dir, sub));
    const temp = ['client_body', 'proxy', 'fastcgi', 'uwsgi', 'scgi'].map((kind) => `${kind}_temp_path ${join(dir, kind === 'client_body' ? 'body' : kind)};`).join('\n    ');
    // Workers run as the user that started nginx: the test's files are readable by it alone.
    const user = process.getuid?.() === 0 ? 'user root;' : '';
    writeFileSync(
      join(dir, 'nginx.conf'),
      `${user}\ndaemon off;\nworker_processes 1;\npid ${join(dir, 'nginx.pid')};\nerror_log ${join(dir, 'error.log')} warn;\nevents { worker_connections 1024; }\nhttp {\n    access_log off;\n    ${temp}\n${http}\n}\n`,
    );
    const child = spawn('nginx', ['-p', dir, '-c', join(dir, 'nginx.conf'), '-e', join(dir, 'error.log')], { stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    child.stdout!.on('data', (chunk: Buffer) => (out += chunk.toString()));
    child.stderr!.on('data', (chunk: Buffer) => (out += chunk.toString()));
    const nginx = new TestNginx(child, dir, () => `${out}${readFileSync(join(dir, 'error.log'), 'utf8')}`);
    running.add(nginx);
    try {
      await waitFor(
        async () => {
          if (child.exitCode !== null) throw new Error(`nginx exited (${child.exitCode}): ${nginx.output()}`);
          return accepts(port);
        },
        timeoutMs,
        `nginx to listen on ${port}`,
        50,
      );
    } catch (error) {
      await nginx.stop();
      throw error;
    }
    return nginx;
  }

  /** What nginx said: its output and its error log. */
  log(): string {
    return this.output();
  }

  /** Stops nginx (quickly: SIGTERM), waits for it to exit and removes its directory. */
  async stop(): Promise<void> {
    if (this.child.exitCode === null && this.child.signalCode === null) {
      const exited = new Promise<void>((resolve) => this.child.once('exit', () => resolve()));
      this.child.kill('SIGTERM');
      await Promise.race([exited, new Promise((resolve) => setTimeout(resolve, 5000).unref())]);
      if (this.child.exitCode === null && this.child.signalCode === null) this.child.kill('SIGKILL');
    }
    running.delete(this);
    rmSync(this.dir, { recursive: true, force: true });
  }
}

/** Whether something accepts TCP connections on 127.0.0.1:`port`. */
function accepts(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = connect(port, '127.0.0.1');
    socket.once('connect', () => {
      socket.destroy();
      resolve(true);
    });
    socket.once('error', () => resolve(false));
  });
}
