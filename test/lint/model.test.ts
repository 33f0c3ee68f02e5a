/** @fileoverview The effective model: what mosquitto 2.0 really opens and applies (docs/lint.md, "Listeners"). */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { buildModel, type DirectiveSource } from '../../src/lint/model.js';
import { isLoopback } from '../../src/common/conf-values.js';
import { parseConf } from '../../src/lint/parse/conf.js';

const src = (text: string, includes: [number, string][] = []): DirectiveSource => {
  const c = parseConf('main.conf', text);
  const map = new Map();
  for (const [line, inc] of includes) map.set(c.directives.find((d) => d.line === line)!, [{ directives: parseConf('inc.conf', inc).directives, includes: new Map() }]);
  return { directives: c.directives, includes: map };
};
const shape = (text: string, includes: [number, string][] = []) =>
  buildModel(src(text, includes)).listeners.map((l) => `${l.kind} ${l.bind ?? '*'}:${l.port} net=${l.network} tls=${l.tls} anon=${l.allowAnonymous}`);

const cases: [string, string, string[], [number, string][]?][] = [
  ['no listener: local-only mode, anonymous forced on', 'allow_anonymous false\n', ['local-only 127.0.0.1:1883 net=false tls=false anon=true']],
  ['an explicit listener; allow_anonymous defaults to false in 2.0', 'listener 1883\n', ['explicit *:1883 net=true tls=false anon=false']],
  ['port alone declares the default listener on all addresses', 'port 1884\n', ['default *:1884 net=true tls=false anon=false']],
  ['a listener option above the first listener opens an extra default listener', 'max_connections 5\nlistener 8883 127.0.0.1\n', ['default *:1883 net=true tls=false anon=false', 'explicit 127.0.0.1:8883 net=false tls=false anon=false']],
  ['allow_anonymous and acl_file are not triggers', 'allow_anonymous true\nacl_file /x\nlistener 8883 127.0.0.1\n', ['explicit 127.0.0.1:8883 net=false tls=false anon=true']],
  ['TLS only with both certfile and keyfile', 'listener 8883\ncertfile /c\nlistener 8884\ncertfile /c\nkeyfile /k\n', ['explicit *:8883 net=true tls=false anon=false', 'explicit *:8884 net=true tls=true anon=false']],
  ['security options are global without per_listener_settings, wherever they stand', 'listener 1883\nlistener 1884\nallow_anonymous true\n', ['explicit *:1883 net=true tls=false anon=true', 'explicit *:1884 net=true tls=false anon=true']],
  ['per_listener_settings true scopes security options to their listener', 'per_listener_settings true\nlistener 1883\nlistener 1884\nallow_anonymous true\n', ['explicit *:1883 net=true tls=false anon=false', 'explicit *:1884 net=true tls=false anon=true']],
  ['bind_interface lo and unix sockets are local', 'listener 1883\nbind_interface lo\nlistener 0 /run/m.sock\n', ['explicit *:1883 net=false tls=false anon=false', 'explicit *:0 net=false tls=false anon=false']],
  ['an included file starts on the default listener', 'listener 8883 127.0.0.1\ninclude_dir /d\n', ['default *:1883 net=true tls=false anon=false', 'explicit 127.0.0.1:8883 net=false tls=false anon=false'], [[2, 'max_connections 10\n']]],
  ['listener options of the main file continue after an include', 'listener 8883\ninclude_dir /d\ncertfile /c\nkeyfile /k\n', ['explicit *:8883 net=true tls=true anon=false'], [[2, 'persistence true\n']]],
];
for (const [name, text, expected, inc] of cases) test(`model: ${name}`, () => assert.deepEqual(shape(text, inc), expected));

test('model: duplicates, misplaced per_listener_settings and bridge options outside a bridge', () => {
  const m = buildModel(src('password_file /a\nper_listener_settings true\naddress 10.0.0.1\nlistener 1\ncertfile /a\ncertfile /b\nconnection b\naddress 192.0.2.1\nconnection b\n'));
  assert.equal(m.misplacedPerListener?.line, 2);
  assert.deepEqual(m.bridgeOutside.map((d) => d.line), [3]);
  assert.deepEqual(m.duplicates.map((x) => [x.first.line, x.second.line]), [[5, 6], [7, 9]]);
  assert.deepEqual(m.bridges[0].addresses.map((a) => `${a.host}:${a.port}`), ['192.0.2.1:1883']);
});

test('loopback classification', () => {
  for (const h of ['127.0.0.1', '127.1.2.3', '::1', 'localhost', '[::1]']) assert.ok(isLoopback(h), h);
  for (const h of ['0.0.0.0', '::', '10.0.0.1', 'broker.example', undefined]) assert.ok(!isLoopback(h), String(h));
});

/** The same config as another release line reads it (docs/lint.md, "Mosquitto versions"). */
const shapeFor = (version: '1.6' | '2.1', text: string) =>
  buildModel(src(text), version).listeners.map((l) => `${l.kind} ${l.bind ?? '*'}:${l.port} net=${l.network} anon=${l.allowAnonymous}`);

const versionCases: [string, '1.6' | '2.1', string, string[]][] = [
  ['1.6: nothing configured opens 1883 on all interfaces, anonymous', '1.6', 'persistence true\n', ['default *:1883 net=true anon=true']],
  ['1.6: a listener accepts anonymous clients by default', '1.6', 'listener 1883\n', ['explicit *:1883 net=true anon=true']],
  ['1.6: a password_file turns the default off', '1.6', 'listener 1883\npassword_file /p\n', ['explicit *:1883 net=true anon=false']],
  ['1.6: a psk_file too', '1.6', 'listener 8883\npsk_hint h\npsk_file /p\n', ['explicit *:8883 net=true anon=false']],
  ['1.6: an auth plugin too', '1.6', 'listener 1883\nauth_plugin /go-auth.so\n', ['explicit *:1883 net=true anon=false']],
  ['1.6: an explicit allow_anonymous true wins over the password file', '1.6', 'listener 1883\npassword_file /p\nallow_anonymous true\n', ['explicit *:1883 net=true anon=true']],
  ['2.1: listener_allow_anonymous decides for its listener', '2.1', 'allow_anonymous false\nlistener 1883\nlistener_allow_anonymous true\nlistener 1884\n', ['explicit *:1883 net=true anon=true', 'explicit *:1884 net=true anon=false']],
  ['2.1: local-only mode as in 2.0', '2.1', 'persistence true\n', ['local-only 127.0.0.1:1883 net=false anon=true']],
];
for (const [name, v, text, expected] of versionCases) test(`model: ${name}`, () => assert.deepEqual(shapeFor(v, text), expected));

test('model: 2.1 PROXY protocol v2 with proxy_protocol_v2_require_tls is TLS ended at the proxy', () => {
  const m = buildModel(src('listener 1883\nenable_proxy_protocol 2\nproxy_protocol_v2_require_tls true\nrequire_certificate true\nuse_identity_as_username true\n'), '2.1');
  assert.deepEqual([m.listeners[0].tls, m.listeners[0].tlsAtProxy], [true, true]);
  const v1 = buildModel(src('listener 1883\nenable_proxy_protocol 1\n'), '2.1');
  assert.deepEqual([v1.listeners[0].tls, v1.listeners[0].tlsAtProxy], [false, undefined]);
});
