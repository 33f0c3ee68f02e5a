/** @fileoverview Real brokers on loopback for scanner tests: mosquitto processes with generated configs and certificates, aedes, liars. */
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { pbkdf2Sync, randomBytes } from 'node:crypto';
import { chmodSync, mkdtempSync, readdirSync, statSync, writeFileSync } from 'node:fs';
import { connect, createServer, type Server, type Socket } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/** The mosquitto binary, if installed (Debian's package puts it in /usr/sbin). */
export const MOSQUITTO = ['/usr/sbin/mosquitto', '/usr/bin/mosquitto'].find((p) => !spawnSync(p, ['-h']).error);

/** A password-file line mosquitto 2.0 reads: `$7$` PBKDF2-SHA512 with a 12-byte salt. */
export function passwdLine(user: string, password: string, iterations = 101): string {
  const salt = randomBytes(12);
  const hash = pbkdf2Sync(password, salt, iterations, 64, 'sha512');
  return `${user}:$7$${iterations}$${salt.toString('base64')}$${hash.toString('base64')}`;
}

/** A TCP port nothing listens on at host right now (the OS picks it). */
export function freePort(host = '127.0.0.1'): Promise<number> {
  return new Promise((res, rej) => {
    const s = createServer();
    s.on('error', rej);
    s.listen(0, host, () => {
      const { port } = s.address() as { port: number };
      s.close(() => res(port));
    });
  });
}

/** A folder mosquitto (which drops root for the mosquitto user) can read. */
export function labDir(prefix: string): string {
  const dir = mkdtempSync(join(tmpdir(), prefix));
  chmodSync(dir, 0o755);
  return dir;
}

/** Let the broker user read everything in dir (test keys only). */
export function openUp(dir: string): void {
  for (const n of readdirSync(dir)) {
    const p = join(dir, n);
    if (statSync(p).isDirectory()) {
      chmodSync(p, 0o755);
      openUp(p);
    } else chmodSync(p, 0o644);
  }
}

/** Wait until host:port accepts TCP connections (or throw after ms). */
export async function waitForPort(host: string, port: number, ms = 5000): Promise<void> {
  const until = Date.now() + ms;
  for (;;) {
    const ok = await new Promise<boolean>((res) => {
      const s = connect({ host, port });
      s.once('connect', () => {
        s.destroy();
        res(true);
      });
      s.once('error', () => res(false));
    });
    if (ok) return;
    if (Date.now() > until) throw new Error(`nothing listens on ${host}:${port} after ${ms} ms`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

/** A running mosquitto. */
export interface Broker {
  host: string;
  port: number;
  proc: ChildProcess;
  log(): string;
}

/** Start mosquitto with a config (written into dir) and wait for its port. */
export async function startMosquitto(dir: string, name: string, host: string, port: number, config: string): Promise<Broker> {
  if (!MOSQUITTO) throw new Error('mosquitto is not installed');
  const conf = join(dir, `${name}.conf`);
  writeFileSync(conf, config);
  chmodSync(conf, 0o644);
  const proc = spawn(MOSQUITTO, ['-c', conf], { stdio: ['ignore', 'pipe', 'pipe'] });
  let log = '';
  proc.stdout!.on('data', (d) => (log += d));
  proc.stderr!.on('data', (d) => (log += d));
  try {
    await waitForPort(host, port);
  } catch (e) {
    proc.kill('SIGKILL');
    throw new Error(`${name}: ${(e as Error).message}\n${log}`);
  }
  return { host, port, proc, log: () => log };
}

/** A TCP service that is not MQTT: it greets like an SSH server. */
export function startBanner(host: string, port: number, banner = 'SSH-2.0-OpenSSH_9.2p1 Debian-2\r\n'): Promise<Server> {
  return listenOn(host, port, (s) => s.write(banner));
}

/** A listener that accepts and never says anything. */
export function startSilent(host: string, port: number): Promise<Server> {
  return listenOn(host, port, (s) => s.resume()); // reads (so it sees the client leave), never writes
}

/** Make server.close() also destroy the connections it accepted (a test server must not keep the process alive). */
export function closingAll(server: Server): Server {
  const sockets = new Set<Socket>();
  server.on('connection', (s: Socket) => {
    sockets.add(s);
    s.on('error', () => undefined);
    s.on('close', () => sockets.delete(s));
  });
  const close = server.close.bind(server);
  server.close = ((cb?: (err?: Error) => void) => {
    for (const s of sockets) s.destroy();
    return close(cb);
  }) as Server['close'];
  return server;
}

/** Listen on host:port; resolves the listening server. */
export function listenServer(server: Server, host: string, port: number): Promise<Server> {
  return new Promise((res, rej) => {
    server.once('error', rej);
    server.listen(port, host, () => res(server));
  });
}

/** Listen with a connection handler; every socket is destroyed when the server closes. */
export function listenOn(host: string, port: number, onConn: (s: Socket) => void): Promise<Server> {
  return listenServer(closingAll(createServer(onConn)), host, port);
}

/** Stop brokers and servers. */
export async function stopAll(things: (Broker | Server | { close(): unknown })[]): Promise<void> {
  for (const t of things) {
    if ('proc' in t) {
      t.proc.kill('SIGTERM');
      await new Promise((r) => (t.proc.exitCode !== null ? r(null) : t.proc.once('exit', r)));
    } else await new Promise((r) => { try { (t as Server).close(() => r(null)); } catch { r(null); } });
  }
}
