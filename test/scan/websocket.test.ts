/**
 * @fileoverview MQTT over WebSockets (ws:// and wss:// targets, --ws-ports), against aedes served by the `ws` package.
 * NOTE: Debian's mosquitto 2.0.11 (libwebsockets 4.1) cannot open a websockets listener here ("Unable to start any
 * listening sockets", with a bind address, with bind_interface, and on all addresses inside a network namespace),
 * so the real broker these tests use is aedes.
 */
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { createServer as createHttp, type Server as HttpServer } from 'node:http';
import { createServer as createHttps } from 'node:https';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Aedes } from 'aedes';
import { WebSocketServer, createWebSocketStream } from 'ws';
import { testPki } from '../helpers/harness.js';
import { runCliAsync } from '../helpers/cli.js';
import { resultErrors, sarifErrors } from '../helpers/schemas.js';
import type { Result } from '../../src/model/types.js';

const WS = '127.0.0.130';
const WSS = '127.0.0.131';
const HTTP = '127.0.0.132';
const servers: HttpServer[] = [];
let aedes: Awaited<ReturnType<typeof Aedes.createBroker>>;
let result: Result;
let sarif: any;

function listen(server: HttpServer, host: string, port: number): Promise<void> {
  return new Promise((r) => server.listen(port, host, () => r()));
}

before(async () => {
  aedes = await Aedes.createBroker();
  const attach = (server: HttpServer) => {
    const wss = new WebSocketServer({ server, path: '/mqtt' });
    wss.on('connection', (ws) => aedes.handle(createWebSocketStream(ws) as never));
    servers.push(server);
    return server;
  };
  await listen(attach(createHttp()), WS, 9001);
  const pki = testPki();
  await listen(attach(createHttps({ key: readFileSync(join(pki, 'server.key')), cert: readFileSync(join(pki, 'server.crt')) })), WSS, 9443);
  const plain = createHttp((_req, res) => res.writeHead(404).end('not here'));
  servers.push(plain);
  await listen(plain, HTTP, 8080);
  const dir = mkdtempSync(join(tmpdir(), 'mqtt-audit-ws-'));
  const r = await runCliAsync(['scan', `ws://${WS}:9001/mqtt`, `wss://${WSS}:9443/mqtt`, HTTP, '--ports', '8080', '--ws-ports', '8080', '--listen', '0.3', '--timeout', '3000', '--format', 'json', '-o', join(dir, 'r.sarif'), '--fail-on', 'none']);
  assert.equal(r.code, 0, r.stderr);
  result = JSON.parse(r.stdout) as Result;
  sarif = JSON.parse(readFileSync(join(dir, 'r.sarif'), 'utf8'));
});
after(async () => {
  for (const s of servers) {
    s.closeAllConnections?.();
    await new Promise((r) => s.close(() => r(null)));
  }
  await new Promise((r) => aedes.close(() => r(null)));
});

const t = (host: string) => result.targets.find((x) => x.host === host) as Record<string, any>;
const ids = (host: string) => result.findings.filter((f) => f.target?.host === host).map((f) => f.ruleId).sort();

test('ws://: MQTT over a plain WebSocket is probed like MQTT over TCP: anonymous access, plaintext', () => {
  assert.deepEqual(resultErrors(result), []);
  assert.equal(t(WS).state, 'open');
  assert.equal(t(WS).websocket, '/mqtt');
  assert.equal(t(WS).transport, 'tcp');
  assert.equal(t(WS).mqtt.anonymous, true);
  assert.ok(ids(WS).includes('mqtt.anonymous-access') && ids(WS).includes('mqtt.plaintext-listener'), ids(WS).join());
});

test('wss://: the TLS probe runs before the WebSocket upgrade: certificate facts and TLS findings, no plaintext finding', () => {
  assert.equal(t(WSS).state, 'open');
  assert.equal(t(WSS).transport, 'tls');
  assert.match(t(WSS).tls.protocol, /^TLSv1\.[23]$/);
  assert.equal(t(WSS).tls.cert.subject, 'CN=localhost');
  assert.ok(ids(WSS).includes('mqtt.anonymous-access'));
  assert.ok(ids(WSS).includes('tls.hostname-mismatch'), 'the certificate names localhost and 127.0.0.1, not 127.0.0.131');
  assert.ok(!ids(WSS).includes('mqtt.plaintext-listener'));
});

test('--ws-ports: an HTTP server that refuses the upgrade is not MQTT, and says why', () => {
  assert.equal(t(HTTP).state, 'not-mqtt');
  assert.match(t(HTTP).reason, /the WebSocket upgrade was refused \(HTTP 404\)/);
  assert.deepEqual(ids(HTTP), []);
});

test('SARIF names WebSocket targets by their ws:// and wss:// URIs', () => {
  assert.deepEqual(sarifErrors(sarif), []);
  const uris = new Set(sarif.runs[0].results.map((x: any) => x.locations[0].physicalLocation.artifactLocation.uri));
  assert.ok(uris.has(`ws://${WS}:9001/mqtt`) && uris.has(`wss://${WSS}:9443/mqtt`), [...uris].join(' '));
});

test('every message is rendered whole, also for a broker that does not tell its version ($SYS readable on aedes)', () => {
  const sys = result.findings.find((f) => f.ruleId === 'mqtt.sys-exposed' && f.target?.host === WS);
  assert.ok(sys, ids(WS).join());
  assert.equal(sys.message, `an anonymous client on ${WS}:9001 can read $SYS`);
  for (const f of result.findings) assert.doesNotMatch(f.message, /\{[A-Za-z][\w.]*\}/, `${f.ruleId}: ${f.message}`);
});
