/** @fileoverview Promises kept, by test: a recording broker (aedes with hooks) sees no PUBLISH without --intrusive and no credential without being given one; no password reaches any output; output files are whole or absent. */
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import type { Server } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Aedes } from 'aedes';
import { listenOn } from '../helpers/brokers.js';
import { isOneLineError, runCliAsync } from '../helpers/cli.js';

const HOST = '127.0.0.120';
const PORT = 1883;
const SECRET_USER_PASSWORD = 'Giv3n-Passw0rd!';
const GUESSED = 'guessed-s3cret';
interface Seen { connects: { username?: string; password?: string; clientId: string }[]; publishes: string[] }
const seen: Seen = { connects: [], publishes: [] };
let server: Server;
let aedes: Awaited<ReturnType<typeof Aedes.createBroker>>;

before(async () => {
  aedes = await Aedes.createBroker({
    // Anonymous clients are refused: a scanner that wants in must be given (or guess) a credential.
    authenticate: (client, username, password, done) => {
      seen.connects.push({ username, password: password?.toString(), clientId: client.id });
      const ok = (username === 'operator' && password?.toString() === SECRET_USER_PASSWORD) || (username === 'admin' && password?.toString() === GUESSED);
      done(ok ? null : Object.assign(new Error('refused'), { returnCode: 5 }), ok);
    },
    authorizePublish: (client, packet, done) => {
      if (client) seen.publishes.push(packet.topic);
      done(null);
    },
  });
  server = await listenOn(HOST, PORT, (s) => aedes.handle(s));
});
after(async () => {
  await new Promise((r) => server.close(() => r(null)));
  await new Promise((r) => aedes.close(() => r(null)));
});

test('a default scan tries no credential and publishes nothing', async () => {
  seen.connects.length = 0;
  seen.publishes.length = 0;
  const r = await runCliAsync(['scan', `${HOST}:${PORT}`, '--listen', '0.3', '--timeout', '3000', '--format', 'json', '--fail-on', 'none']);
  assert.equal(r.code, 0, r.stderr);
  assert.ok(seen.connects.length >= 1, 'it did connect');
  assert.deepEqual(seen.connects.filter((c) => c.username !== undefined || c.password !== undefined), [], 'no CONNECT carried a user name or password');
  assert.ok(seen.connects.every((c) => /^mqtt-audit-[0-9a-f]{12}$/.test(c.clientId)), 'a client id an operator can recognise');
  assert.deepEqual(seen.publishes, []);
});

test('--username/--password is the only credential tried without --credentials; --credentials tries its pairs, paused, and stops at the first that works', async () => {
  seen.connects.length = 0;
  const r = await runCliAsync(['scan', `${HOST}:${PORT}`, '--listen', '0.3', '--timeout', '3000', '--username', 'operator', '--password', SECRET_USER_PASSWORD, '--format', 'json', '--fail-on', 'none']);
  assert.equal(r.code, 0, r.stderr);
  assert.deepEqual([...new Set(seen.connects.filter((c) => c.username).map((c) => c.username))], ['operator']);

  const dir = mkdtempSync(join(tmpdir(), 'mqtt-audit-creds-'));
  writeFileSync(join(dir, 'creds.txt'), `root:toor\nadmin:${GUESSED}\nguest:never-tried\n`);
  seen.connects.length = 0;
  const g = await runCliAsync(['scan', `${HOST}:${PORT}`, '--listen', '0.3', '--timeout', '3000', '--credentials', join(dir, 'creds.txt'), '--format', 'json', '--fail-on', 'none']);
  assert.equal(g.code, 0, g.stderr);
  assert.deepEqual(seen.connects.filter((c) => c.username).map((c) => c.username), ['root', 'admin']);
  assert.ok(!seen.connects.some((c) => c.username === 'guest'), 'it stopped at the first pair that worked');
});

test('no password — given, guessed — appears in any output format', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'mqtt-audit-nopw-'));
  writeFileSync(join(dir, 'creds.txt'), `root:toor\nadmin:${GUESSED}\n`);
  const outs = ['r.json', 'r.sarif', 'r.html', 'r.md', 'r.txt', 'r.xml'];
  const r = await runCliAsync(['scan', `${HOST}:${PORT}`, '--listen', '0.3', '--timeout', '3000', '--username', 'operator', '--password', SECRET_USER_PASSWORD, '--credentials', join(dir, 'creds.txt'), ...outs.flatMap((o) => ['-o', join(dir, o)])]);
  assert.equal(r.code, 1, r.stderr);
  for (const text of [r.stdout, r.stderr, ...outs.map((o) => readFileSync(join(dir, o), 'utf8'))]) {
    assert.doesNotMatch(text, new RegExp(`${SECRET_USER_PASSWORD}|${GUESSED}|toor`));
  }
  assert.match(readFileSync(join(dir, 'r.json'), 'utf8'), /"mqtt\.weak-credentials"/);
});

test('an output file is written whole or not at all: a rename that fails leaves neither the file nor a temporary', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'mqtt-audit-atomic-'));
  mkdirSync(join(dir, 'taken.json')); // a directory where the report should go: the rename must fail
  const r = await runCliAsync(['report', join(process.cwd(), 'fixtures', 'results', 'lint-example.json'), '-o', join(dir, 'ok.md'), '-o', join(dir, 'taken.json'), '--quiet']);
  assert.equal(r.code, 2);
  assert.ok(isOneLineError(r.stderr), r.stderr);
  assert.match(r.stderr, /taken\.json: cannot write the output file/);
  assert.deepEqual(readdirSync(dir).filter((f) => f.endsWith('.tmp')), []);
  assert.ok(existsSync(join(dir, 'ok.md')), 'the other report was written whole');
  assert.ok(readFileSync(join(dir, 'ok.md'), 'utf8').endsWith('\n'));
});
