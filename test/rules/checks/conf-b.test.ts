/**
 * @fileoverview Table tests of configuration rules (conf.local-only-mode … conf.weak-ciphers), in memory: listeners
 * (loopback, network, default, local-only, unix socket, bind_interface), per_listener_settings, include_dir files,
 * bridge sections and the files a configuration names (with and without --root).
 */
import test from 'node:test';
import assert from 'node:assert/strict';
import { candidatePaths } from '../../../src/lint/paths.js';
import type { ConfigFacts, FileRef } from '../../../src/model/config.js';
import { confFacts } from '../../helpers/facts.js';
import { findingsOf, ruleTester } from '../../helpers/rule-tester.js';

// ---------------------------------------------------------------------------------------------------------------
// Local builders

/** A TLS listener on all addresses: `listener PORT`, certfile, keyfile (lines 1–3), then `extra`. */
const tlsListener = (port: number, extra = '') => `listener ${String(port)}\ncertfile /etc/mosquitto/server.pem\nkeyfile /etc/mosquitto/server.key\n${extra}`;

/**
 * The same configuration linted with --root: every named file (and the main file's include_dir) is looked for where
 * candidatePaths puts it, and is found only when listed in `exists`.
 */
function withRoot(c: ConfigFacts, root: string, exists: string[] = []): ConfigFacts {
  return {
    ...c,
    configs: c.configs.map((u) => {
      const refs: FileRef[] = [];
      for (const d of u.main.directives.filter((x) => x.keyword === 'include_dir')) {
        const candidates = candidatePaths(d.value, d.path, root);
        const resolved = candidates.find((p) => exists.includes(p));
        refs.push({ keyword: 'include_dir', d, kind: 'dir', candidates, ...(resolved ? { resolved } : {}) });
      }
      for (const r of u.refs) {
        const candidates = candidatePaths(r.d.value, r.d.path, root);
        const resolved = candidates.find((p) => exists.includes(p));
        refs.push({ keyword: r.keyword, d: r.d, kind: r.kind, candidates, ...(resolved ? { resolved } : {}) });
      }
      refs.sort((a, b) => a.d.line - b.d.line);
      return { ...u, root, refs };
    }),
  };
}

// ---------------------------------------------------------------------------------------------------------------
// Listeners and local-only mode

ruleTester('conf.local-only-mode', {
  valid: [
    { name: 'an explicit loopback listener is not local-only mode', facts: { config: confFacts('listener 1883 127.0.0.1\n') } },
    { name: 'a port line opens the default listener, so the broker is not in local-only mode', facts: { config: confFacts('port 1883\n') } },
    { name: 'a bind_address line opens the default listener too', facts: { config: confFacts('bind_address 127.0.0.1\n') } },
    {
      name: 'a listener declared in an include_dir file ends local-only mode',
      facts: { config: confFacts('include_dir /etc/mosquitto/conf.d\n', { exists: ['/etc/mosquitto/conf.d'], included: ['listener 8883\n'] }) },
    },
  ],
  invalid: [
    {
      name: 'a configuration without listener, port or bind_address points at its first directive',
      facts: { config: confFacts('# broker\npersistence true\nlog_dest syslog\n') },
      findings: [{ message: 'no listener is configured: mosquitto listens on loopback only, with anonymous access', line: 2 }],
    },
    {
      name: 'an empty configuration is local-only mode, reported at line 1',
      facts: { config: confFacts('') },
      findings: [{ message: 'no listener is configured: mosquitto listens on loopback only, with anonymous access', line: 1 }],
    },
    {
      name: 'listener options without a listener do not open one (mosquitto 2.0.12+)',
      facts: { config: confFacts('max_connections 10\ncertfile /etc/mosquitto/server.pem\n') },
      findings: [{ message: 'no listener is configured: mosquitto listens on loopback only, with anonymous access', line: 1 }],
    },
    {
      name: 'allow_anonymous false is overridden in local-only mode, and the message says so',
      facts: { config: confFacts('password_file /etc/mosquitto/passwd\nallow_anonymous false\n') },
      findings: [{ message: 'no listener is configured: mosquitto listens on loopback only, with anonymous access (allow_anonymous false is overridden)', line: 1 }],
    },
    {
      name: 'allow_anonymous true asks for what local-only mode does: nothing is overridden',
      facts: { config: confFacts('allow_anonymous true\n') },
      findings: [{ message: 'no listener is configured: mosquitto listens on loopback only, with anonymous access', line: 1 }],
    },
  ],
});

ruleTester('conf.max-connections-unlimited', {
  valid: [
    { name: 'a loopback listener may accept unlimited connections', facts: { config: confFacts('listener 1883 127.0.0.1\n') } },
    { name: 'an IPv6 loopback listener too', facts: { config: confFacts('listener 1883 ::1\n') } },
    { name: 'a listener bound to interface lo is local', facts: { config: confFacts('listener 1883\nbind_interface lo\n') } },
    { name: 'a unix socket listener is not reachable from the network', facts: { config: confFacts('listener 0 /run/mosquitto.sock\n') } },
    { name: 'local-only mode has no network listener', facts: { config: confFacts('persistence true\n') } },
    { name: 'a network listener with a positive max_connections is bounded', facts: { config: confFacts('listener 1883\nmax_connections 500\n') } },
    { name: 'max_connections 0 is a limit, not unlimited (only a negative value is)', facts: { config: confFacts('listener 1883\nmax_connections 0\n') } },
  ],
  invalid: [
    {
      name: 'a network listener without max_connections points at its listener line',
      facts: { config: confFacts('persistence true\nlistener 1883\n') },
      findings: [{ message: 'listener 1883 on all addresses accepts unlimited connections', line: 2 }],
    },
    {
      name: 'a negative max_connections is unlimited, and the finding points at it',
      facts: { config: confFacts('listener 8883 10.0.0.5\nmax_connections -1\n') },
      findings: [{ message: 'listener 8883 on 10.0.0.5 accepts unlimited connections', line: 2 }],
    },
    {
      name: 'max_connections belongs to the listener it follows: the other listener is still unlimited',
      facts: { config: confFacts('listener 1883 127.0.0.1\nlistener 8883\nlistener 9001 127.0.0.1\nmax_connections 100\n') },
      findings: [{ message: 'listener 8883 on all addresses accepts unlimited connections', line: 2 }],
    },
    {
      name: 'the default listener opened by a port line is a network listener',
      facts: { config: confFacts('port 1883\n') },
      findings: [{ message: 'listener 1883 on all addresses accepts unlimited connections', line: 1 }],
    },
  ],
});

ruleTester('conf.max-packet-size-unset', {
  valid: [
    { name: 'local-only mode has no network listener', facts: { config: confFacts('persistence true\n') } },
    { name: 'loopback listeners only', facts: { config: confFacts('listener 1883 127.0.0.1\nlistener 1884 localhost\n') } },
    { name: 'max_packet_size bounds packets', facts: { config: confFacts('max_packet_size 1048576\nlistener 1883\n') } },
    { name: 'message_size_limit bounds them too', facts: { config: confFacts('message_size_limit 1048576\nlistener 1883\n') } },
    { name: 'mosquitto 2.1 bounds packets by default (2,000,000 bytes)', facts: { config: confFacts('listener 1883\n', { version: '2.1' }) } },
    {
      name: 'a limit set in an include_dir file counts',
      facts: { config: confFacts('listener 1883\ninclude_dir /etc/mosquitto/conf.d\n', { exists: ['/etc/mosquitto/conf.d'], included: ['max_packet_size 65536\n'] }) },
    },
  ],
  invalid: [
    {
      name: 'a network listener without either limit points at that listener, not at the first directive',
      facts: { config: confFacts('# limits\npid_file /run/mosquitto.pid\nuser mosquitto\nlistener 1883\n') },
      findings: [{ message: 'no max_packet_size or message_size_limit: clients may send packets up to 256 MB', line: 4 }],
    },
    {
      name: 'one network listener among loopback ones is enough, and the finding points at it',
      facts: { config: confFacts('listener 1883 127.0.0.1\nlistener 8883 0.0.0.0\n') },
      findings: [{ message: 'no max_packet_size or message_size_limit: clients may send packets up to 256 MB', line: 2 }],
    },
  ],
});

ruleTester('conf.plaintext-network-listener', {
  valid: [
    { name: 'a loopback listener may speak plaintext', facts: { config: confFacts('listener 1883 127.0.0.1\n') } },
    { name: 'localhost is loopback', facts: { config: confFacts('listener 1883 localhost\n') } },
    { name: 'a listener on interface lo is local', facts: { config: confFacts('listener 1883\nbind_interface lo\n') } },
    { name: 'a unix socket is local', facts: { config: confFacts('listener 0 /run/mosquitto.sock\n') } },
    { name: 'local-only mode listens on loopback only', facts: { config: confFacts('persistence true\n') } },
    { name: 'certfile and keyfile make a TLS listener', facts: { config: confFacts(tlsListener(8883)) } },
    { name: 'psk_hint makes a TLS-PSK listener', facts: { config: confFacts('listener 8883\npsk_hint broker\n') } },
    { name: 'a websockets listener with certfile and keyfile is wss', facts: { config: confFacts(tlsListener(9001, 'protocol websockets\n')) } },
  ],
  invalid: [
    {
      name: 'a listener on all addresses without TLS speaks mqtt in clear',
      facts: { config: confFacts('listener 1883\n') },
      findings: [{ message: 'listener 1883 on all addresses speaks mqtt without TLS', line: 1 }],
    },
    {
      name: 'a websockets listener on 0.0.0.0 names its protocol',
      facts: { config: confFacts('listener 9001 0.0.0.0\nprotocol websockets\n') },
      findings: [{ message: 'listener 9001 on 0.0.0.0 speaks websockets without TLS', line: 1 }],
    },
    {
      name: 'a listener bound to a network interface is named by it',
      facts: { config: confFacts('listener 1883\nbind_interface eth0\n') },
      findings: [{ message: 'listener 1883 on interface eth0 speaks mqtt without TLS', line: 1 }],
    },
    {
      name: 'an IPv6 wildcard listener is a network listener',
      facts: { config: confFacts('listener 1883 ::\n') },
      findings: [{ message: 'listener 1883 on :: speaks mqtt without TLS', line: 1 }],
    },
    {
      name: 'certfile without keyfile is still plaintext',
      facts: { config: confFacts('listener 8883\ncertfile /etc/mosquitto/server.pem\n', { exists: ['/etc/mosquitto/server.pem'] }) },
      findings: [{ message: 'listener 8883 on all addresses speaks mqtt without TLS', line: 1 }],
    },
    {
      name: 'the default listener opened by port points at the port line',
      facts: { config: confFacts('persistence true\nport 1883\n') },
      findings: [{ message: 'the default listener 1883 on all addresses speaks mqtt without TLS', line: 2 }],
    },
    {
      name: 'a listener option before the first listener opens a plaintext default listener beside a TLS one',
      facts: { config: confFacts(`max_connections 100\n${tlsListener(8883)}`) },
      findings: [{ message: 'the default listener 1883 on all addresses speaks mqtt without TLS', line: 1 }],
    },
    {
      name: 'an include_dir file starts on the default listener: its listener option opens a plaintext one',
      facts: { config: confFacts(`${tlsListener(8883)}include_dir /etc/mosquitto/conf.d\n`, { exists: ['/etc/mosquitto/conf.d'], included: ['max_connections 100\n'] }) },
      findings: [{ message: 'the default listener 1883 on all addresses speaks mqtt without TLS', path: 'conf.d/10.conf', line: 1 }],
    },
  ],
});

ruleTester('conf.tls-incomplete', {
  valid: [
    { name: 'certfile and keyfile together make TLS', facts: { config: confFacts(tlsListener(8883, 'cafile /etc/mosquitto/ca.pem\nrequire_certificate true\ntls_version tlsv1.2\n')) } },
    { name: 'psk_hint makes TLS-PSK, whatever else is set', facts: { config: confFacts('listener 8883\npsk_hint broker\nciphers PSK-AES128-GCM-SHA256\n') } },
    { name: 'a plaintext listener without any TLS option is not incomplete TLS', facts: { config: confFacts('listener 1883 127.0.0.1\n') } },
    { name: 'local-only mode ignores listener options, TLS ones included', facts: { config: confFacts('certfile /etc/mosquitto/server.pem\n') } },
    { name: 'TLS options of one listener do not spill onto the next', facts: { config: confFacts(`${tlsListener(8883)}listener 1883 127.0.0.1\n`) } },
  ],
  invalid: [
    {
      name: 'certfile without keyfile',
      facts: { config: confFacts('listener 8883\ncertfile /etc/mosquitto/server.pem\n') },
      findings: [{ message: 'certfile is set but keyfile is missing, so listener 8883 on all addresses silently speaks plaintext', line: 2 }],
    },
    {
      name: 'keyfile without certfile, on a loopback listener too',
      facts: { config: confFacts('listener 8883 127.0.0.1\nkeyfile /etc/mosquitto/server.key\n') },
      findings: [{ message: 'keyfile is set but certfile is missing, so listener 8883 on 127.0.0.1 silently speaks plaintext', line: 2 }],
    },
    {
      name: 'the finding names the first TLS option of the listener',
      facts: { config: confFacts('listener 8883\ntls_version tlsv1.2\nrequire_certificate true\ncertfile /etc/mosquitto/server.pem\n') },
      findings: [{ message: 'tls_version is set but keyfile is missing, so listener 8883 on all addresses silently speaks plaintext', line: 2 }],
    },
    {
      name: 'ciphers_tls1.3 counts as a TLS option',
      facts: { config: confFacts('listener 8883\nciphers_tls1.3 TLS_AES_256_GCM_SHA384\nkeyfile /etc/mosquitto/server.key\n') },
      findings: [{ message: 'ciphers_tls1.3 is set but certfile is missing, so listener 8883 on all addresses silently speaks plaintext', line: 2 }],
    },
    {
      name: 'a keyfile before the first listener opens a default listener that lacks certfile',
      facts: { config: confFacts(`keyfile /etc/mosquitto/old.key\n${tlsListener(8883)}`) },
      findings: [{ message: 'keyfile is set but certfile is missing, so the default listener 1883 on all addresses silently speaks plaintext', line: 1 }],
    },
    {
      name: 'a certfile at the top of an include_dir file configures the default listener, not the listener above it',
      facts: { config: confFacts(`${tlsListener(8883)}include_dir /etc/mosquitto/conf.d\n`, { exists: ['/etc/mosquitto/conf.d'], included: ['# TLS\ncertfile /etc/mosquitto/other.pem\n'] }) },
      findings: [{ message: 'certfile is set but keyfile is missing, so the default listener 1883 on all addresses silently speaks plaintext', path: 'conf.d/10.conf', line: 2 }],
    },
    {
      name: 'each incomplete listener is reported on its own',
      facts: { config: confFacts('listener 8883\ncertfile /etc/mosquitto/a.pem\nlistener 8884\nkeyfile /etc/mosquitto/b.key\n') },
      findings: [
        { message: 'certfile is set but keyfile is missing, so listener 8883 on all addresses silently speaks plaintext', line: 2 },
        { message: 'keyfile is set but certfile is missing, so listener 8884 on all addresses silently speaks plaintext', line: 4 },
      ],
    },
  ],
});

ruleTester('conf.require-certificate-without-ca', {
  valid: [
    { name: 'require_certificate with a cafile', facts: { config: confFacts(tlsListener(8883, 'cafile /etc/mosquitto/ca.pem\nrequire_certificate true\n')) } },
    { name: 'require_certificate with a capath', facts: { config: confFacts(tlsListener(8883, 'require_certificate true\ncapath /etc/ssl/certs\n')) } },
    { name: 'require_certificate false needs no CA', facts: { config: confFacts(tlsListener(8883, 'require_certificate false\n')) } },
    { name: 'a listener that is not TLS is conf.tls-incomplete, not this rule', facts: { config: confFacts('listener 8883\nrequire_certificate true\n') } },
  ],
  invalid: [
    {
      name: 'require_certificate true on a TLS listener without cafile or capath points at require_certificate',
      facts: { config: confFacts(tlsListener(8883, 'require_certificate true\n')) },
      findings: [{ message: 'require_certificate on listener 8883 on all addresses has no cafile or capath to verify client certificates against', line: 4 }],
    },
    {
      name: 'require_certificate 1 is true as well, on a loopback listener too',
      facts: { config: confFacts('listener 8883 127.0.0.1\ncertfile /etc/mosquitto/server.pem\nkeyfile /etc/mosquitto/server.key\nrequire_certificate 1\n') },
      findings: [{ message: 'require_certificate on listener 8883 on 127.0.0.1 has no cafile or capath to verify client certificates against', line: 4 }],
    },
    {
      name: 'the cafile of another listener does not count',
      facts: { config: confFacts(`${tlsListener(8883, 'cafile /etc/mosquitto/ca.pem\nrequire_certificate true\n')}listener 8884\ncertfile /etc/mosquitto/server.pem\nkeyfile /etc/mosquitto/server.key\nrequire_certificate true\n`) },
      findings: [{ message: 'require_certificate on listener 8884 on all addresses has no cafile or capath to verify client certificates against', line: 9 }],
    },
    {
      name: 'a TLS-PSK listener is TLS too',
      facts: { config: confFacts('listener 8883\npsk_hint broker\nrequire_certificate true\n') },
      findings: [{ message: 'require_certificate on listener 8883 on all addresses has no cafile or capath to verify client certificates against', line: 3 }],
    },
  ],
});

ruleTester('conf.weak-ciphers', {
  valid: [
    { name: 'no ciphers line keeps mosquitto’s default', facts: { config: confFacts(tlsListener(8883)) } },
    { name: 'a modern AEAD list', facts: { config: confFacts(tlsListener(8883, 'ciphers ECDHE+AESGCM:ECDHE+CHACHA20\n')) } },
    { name: 'ALL with aNULL and eNULL excluded', facts: { config: confFacts(tlsListener(8883, 'ciphers ALL:!aNULL:!eNULL\n')) } },
    { name: 'weak suites excluded with ! are not enabled', facts: { config: confFacts(tlsListener(8883, 'ciphers HIGH:!aNULL:!MD5:!RC4\n')) } },
    { name: 'a suite both named and excluded with ! stays excluded', facts: { config: confFacts(tlsListener(8883, 'ciphers ECDHE-RSA-AES128-GCM-SHA256:RC4-SHA:!RC4-SHA\n')) } },
    { name: '@STRENGTH is a directive, not a suite', facts: { config: confFacts(tlsListener(8883, 'ciphers ECDHE+AESGCM:@STRENGTH\n')) } },
  ],
  invalid: [
    {
      name: 'ALL alone includes anonymous and NULL suites',
      facts: { config: confFacts(tlsListener(8883, 'ciphers ALL\n')) },
      findings: [{ message: 'ciphers enables weak suites: ALL without !aNULL:!eNULL', line: 4 }],
    },
    {
      name: 'anonymous Diffie-Hellman suites by name (ADH-, AECDH-) authenticate no server',
      facts: { config: confFacts(tlsListener(8883, 'ciphers ECDHE-RSA-AES128-GCM-SHA256:ADH-AES256-GCM-SHA384:AECDH-AES128-SHA\n')) },
      findings: [{ message: 'ciphers enables weak suites: ADH-AES256-GCM-SHA384, AECDH-AES128-SHA', line: 4 }],
    },
    {
      name: 'ALL with only aNULL excluded',
      facts: { config: confFacts(tlsListener(8883, 'ciphers ALL:!aNULL\n')) },
      findings: [{ message: 'ciphers enables weak suites: ALL without !aNULL:!eNULL', line: 4 }],
    },
    {
      name: 'named RC4 and 3DES suites are listed in order',
      facts: { config: confFacts(tlsListener(8883, 'ciphers ECDHE-RSA-AES128-GCM-SHA256:RC4-SHA:DES-CBC3-SHA\n')) },
      findings: [{ message: 'ciphers enables weak suites: RC4-SHA, DES-CBC3-SHA', line: 4 }],
    },
    {
      name: 'cipher classes EXPORT, LOW and eNULL, separated by commas or spaces',
      facts: { config: confFacts(tlsListener(8883, 'ciphers HIGH, EXPORT LOW,eNULL\n')) },
      findings: [{ message: 'ciphers enables weak suites: EXPORT, LOW, eNULL', line: 4 }],
    },
    {
      name: 'a + combination or a + move with a weak part',
      facts: { config: confFacts(tlsListener(8883, 'ciphers kRSA+RC4:HIGH:+MD5\n')) },
      findings: [{ message: 'ciphers enables weak suites: kRSA+RC4, MD5', line: 4 }],
    },
    {
      name: 'a NULL or MD5 suite by name',
      facts: { config: confFacts(tlsListener(8883, 'ciphers NULL-SHA256:EXP-RC4-MD5\n')) },
      findings: [{ message: 'ciphers enables weak suites: NULL-SHA256, EXP-RC4-MD5', line: 4 }],
    },
    {
      name: 'each listener is judged on its own ciphers, loopback ones too',
      facts: { config: confFacts(`${tlsListener(8883, 'ciphers HIGH:!aNULL\n')}listener 8884 127.0.0.1\ncertfile /etc/mosquitto/server.pem\nkeyfile /etc/mosquitto/server.key\nciphers RC4\n`) },
      findings: [{ message: 'ciphers enables weak suites: RC4', line: 8 }],
    },
  ],
});

// ---------------------------------------------------------------------------------------------------------------
// Authentication and authorisation

ruleTester('conf.no-acl', {
  valid: [
    { name: 'a password file with an ACL', facts: { config: confFacts('listener 1883\npassword_file /etc/mosquitto/passwd\nacl_file /etc/mosquitto/acl\n') } },
    { name: 'a password file with an auth plugin', facts: { config: confFacts('listener 1883\npassword_file /etc/mosquitto/passwd\nplugin /usr/lib/mosquitto_dynamic_security.so\n') } },
    { name: 'a loopback listener is not judged', facts: { config: confFacts('listener 1883 127.0.0.1\npassword_file /etc/mosquitto/passwd\n') } },
    { name: 'a listener that authenticates nobody (anonymous) is another rule’s business', facts: { config: confFacts('listener 1883\nallow_anonymous true\n') } },
    {
      name: 'without per_listener_settings an acl_file anywhere applies to every listener',
      facts: { config: confFacts('listener 1883\npassword_file /etc/mosquitto/passwd\nlistener 8883 127.0.0.1\nacl_file /etc/mosquitto/acl\n') },
    },
    {
      name: 'an acl_file in an include_dir file applies globally',
      facts: { config: confFacts('listener 1883\npassword_file /etc/mosquitto/passwd\ninclude_dir /etc/mosquitto/conf.d\n', { exists: ['/etc/mosquitto/conf.d'], included: ['acl_file /etc/mosquitto/acl\n'] }) },
    },
  ],
  invalid: [
    {
      name: 'a password file without ACL points at the listener line',
      facts: { config: confFacts('listener 1883\npassword_file /etc/mosquitto/passwd\n') },
      findings: [{ message: 'listener 1883 on all addresses authenticates clients with password_file but no ACL limits what they may read and write', line: 1 }],
    },
    {
      name: 'use_identity_as_username authenticates with client certificates',
      facts: { config: confFacts(tlsListener(8883, 'cafile /etc/mosquitto/ca.pem\nrequire_certificate true\nuse_identity_as_username true\n')) },
      findings: [{ message: 'listener 8883 on all addresses authenticates clients with client certificates but no ACL limits what they may read and write', line: 1 }],
    },
    {
      name: 'use_subject_as_username does too',
      facts: { config: confFacts(tlsListener(8883, 'cafile /etc/mosquitto/ca.pem\nrequire_certificate true\nuse_subject_as_username true\n')) },
      findings: [{ message: 'listener 8883 on all addresses authenticates clients with client certificates but no ACL limits what they may read and write', line: 1 }],
    },
    {
      name: 'a psk_file authenticates TLS-PSK clients',
      facts: { config: confFacts('listener 8883\npsk_hint broker\npsk_file /etc/mosquitto/psk\n') },
      findings: [{ message: 'listener 8883 on all addresses authenticates clients with psk_file but no ACL limits what they may read and write', line: 1 }],
    },
    {
      name: 'the default listener is named as such',
      facts: { config: confFacts('port 1883\npassword_file /etc/mosquitto/passwd\n') },
      findings: [{ message: 'the default listener 1883 on all addresses authenticates clients with password_file but no ACL limits what they may read and write', line: 1 }],
    },
    {
      name: 'with per_listener_settings true an ACL protects only the listener it follows',
      facts: { config: confFacts('per_listener_settings true\nlistener 1883\npassword_file /etc/mosquitto/passwd\nacl_file /etc/mosquitto/acl\nlistener 1884\npassword_file /etc/mosquitto/passwd2\n') },
      findings: [{ message: 'listener 1884 on all addresses authenticates clients with password_file but no ACL limits what they may read and write', line: 5 }],
    },
  ],
});

ruleTester('conf.per-listener-settings-misplaced', {
  valid: [
    { name: 'per_listener_settings true at the top', facts: { config: confFacts('per_listener_settings true\nlistener 1883\npassword_file /etc/mosquitto/passwd\n') } },
    { name: 'per_listener_settings false may come anywhere', facts: { config: confFacts('listener 1883\npassword_file /etc/mosquitto/passwd\nper_listener_settings false\n') } },
    { name: 'listener options are not security options', facts: { config: confFacts('listener 1883\nmax_connections 10\nper_listener_settings true\nallow_anonymous false\n') } },
  ],
  invalid: [
    {
      name: 'per_listener_settings true after allow_anonymous stops the broker',
      facts: { config: confFacts('listener 1883\nallow_anonymous false\nper_listener_settings true\n') },
      findings: [{ message: 'per_listener_settings true must come before every security option: the broker will not start', line: 3 }],
    },
    {
      name: 'after a plugin line too',
      facts: { config: confFacts('plugin /usr/lib/mosquitto_dynamic_security.so\nper_listener_settings 1\nlistener 1883\n') },
      findings: [{ message: 'per_listener_settings true must come before every security option: the broker will not start', line: 2 }],
    },
    {
      name: 'a per_listener_settings true in an include_dir file after a security option in the main file',
      facts: { config: confFacts('password_file /etc/mosquitto/passwd\ninclude_dir /etc/mosquitto/conf.d\nlistener 1883\n', { exists: ['/etc/mosquitto/conf.d'], included: ['# per listener\nper_listener_settings true\n'] }) },
      findings: [{ message: 'per_listener_settings true must come before every security option: the broker will not start', path: 'conf.d/10.conf', line: 2 }],
    },
  ],
});

ruleTester('conf.retain-source-check-disabled', {
  valid: [
    { name: 'the default (no line) re-checks the publisher', facts: { config: confFacts('listener 1883\n') } },
    { name: 'check_retain_source true', facts: { config: confFacts('check_retain_source true\nlistener 1883\n') } },
  ],
  invalid: [
    {
      name: 'check_retain_source false',
      facts: { config: confFacts('listener 1883\ncheck_retain_source false\n') },
      findings: [{ message: 'check_retain_source false delivers retained messages of publishers that lost access', line: 2 }],
    },
    {
      name: 'check_retain_source 0 is false as well; the last value wins',
      facts: { config: confFacts('check_retain_source true\nlistener 1883\ncheck_retain_source 0\n') },
      findings: [{ message: 'check_retain_source false delivers retained messages of publishers that lost access', line: 3 }],
    },
  ],
});

// ---------------------------------------------------------------------------------------------------------------
// Logging, limits, persistence, privileges

ruleTester('conf.log-to-topic', {
  valid: [
    { name: 'no log_dest (the default logs to stderr)', facts: { config: confFacts('listener 1883\n') } },
    { name: 'syslog and a file', facts: { config: confFacts('log_dest syslog\nlog_dest file /var/log/mosquitto/mosquitto.log\n') } },
  ],
  invalid: [
    {
      name: 'log_dest topic publishes the log on $SYS',
      facts: { config: confFacts('listener 1883\nlog_dest topic\n') },
      findings: [{ message: 'log_dest topic publishes the log to $SYS/broker/log', line: 2 }],
    },
  ],
});

ruleTester('conf.logging-disabled', {
  valid: [
    { name: 'no log settings keep the default (errors, warnings, notices, information to stderr)', facts: { config: confFacts('listener 1883\n') } },
    { name: 'log_type with error and warning', facts: { config: confFacts('log_dest syslog\nlog_type error\nlog_type warning\nlog_type notice\n') } },
    { name: 'log_type all', facts: { config: confFacts('log_type all\n') } },
    { name: 'none resets, and the lines after it add again (src/conf.c)', facts: { config: confFacts('log_dest none\nlog_dest stdout\nlog_type none\nlog_type error\nlog_type warning\n') } },
  ],
  invalid: [
    {
      name: 'log_dest none sends the log nowhere',
      facts: { config: confFacts('listener 1883\nlog_dest none\n') },
      findings: [{ message: 'logging is disabled: log_dest none sends the log nowhere', line: 2 }],
    },
    {
      name: 'log_type none logs nothing',
      facts: { config: confFacts('log_type none\nlistener 1883\n') },
      findings: [{ message: 'logging is disabled: log_type none logs nothing', line: 1 }],
    },
    {
      name: 'log_dest none and log_type none are two findings',
      facts: { config: confFacts('log_dest none\nlog_type none\n') },
      findings: [
        { message: 'logging is disabled: log_dest none sends the log nowhere', line: 1 },
        { message: 'logging is disabled: log_type none logs nothing', line: 2 },
      ],
    },
    {
      name: 'a none after other values still turns logging off',
      facts: { config: confFacts('log_dest stdout\nlog_dest none\n') },
      findings: [{ message: 'logging is disabled: log_dest none sends the log nowhere', line: 2 }],
    },
    {
      name: 'log_type without warning points at the first log_type line',
      facts: { config: confFacts('listener 1883\nlog_type error\nlog_type notice\n') },
      findings: [{ message: 'logging is disabled: log_type leaves out warning', line: 2 }],
    },
    {
      name: 'log_type without error and warning',
      facts: { config: confFacts('log_type information\nlog_type subscribe\n') },
      findings: [{ message: 'logging is disabled: log_type leaves out error and warning', line: 1 }],
    },
    {
      name: 'log_type lines in an include_dir file count, and point there',
      facts: { config: confFacts('listener 1883\ninclude_dir /etc/mosquitto/conf.d\n', { exists: ['/etc/mosquitto/conf.d'], included: ['log_type warning\n'] }) },
      findings: [{ message: 'logging is disabled: log_type leaves out error', path: 'conf.d/10.conf', line: 1 }],
    },
  ],
});

ruleTester('conf.max-keepalive', {
  valid: [
    { name: 'no max_keepalive keeps the default (65535)', facts: { config: confFacts('listener 1883\n') } },
    { name: 'a bound of 300 seconds', facts: { config: confFacts('max_keepalive 300\n') } },
  ],
  invalid: [
    {
      name: 'max_keepalive 0',
      facts: { config: confFacts('listener 1883\nmax_keepalive 0\n') },
      findings: [{ message: 'max_keepalive 0 lets clients disable keepalive', line: 2 }],
    },
  ],
});

ruleTester('conf.unbounded-queues', {
  valid: [
    { name: 'no queue options keep the defaults', facts: { config: confFacts('listener 1883\n') } },
    { name: 'explicit positive limits', facts: { config: confFacts('max_queued_messages 100\nmax_inflight_messages 10\n') } },
  ],
  invalid: [
    {
      name: 'max_queued_messages 0',
      facts: { config: confFacts('listener 1883\nmax_queued_messages 0\n') },
      findings: [{ message: 'an explicit 0 makes client queues unbounded', line: 2 }],
    },
    {
      name: 'max_inflight_messages 0',
      facts: { config: confFacts('listener 1883\nmax_inflight_messages 0\n') },
      findings: [{ message: 'an explicit 0 makes client queues unbounded', line: 2 }],
    },
    {
      name: 'both at 0 are one finding, at max_queued_messages',
      facts: { config: confFacts('max_inflight_messages 0\nmax_queued_messages 0\n') },
      findings: [{ message: 'an explicit 0 makes client queues unbounded', line: 2 }],
    },
  ],
});

ruleTester('conf.persistence-disabled', {
  valid: [
    { name: 'persistence true', facts: { config: confFacts('listener 1883\npersistence true\npersistence_location /var/lib/mosquitto/\n') } },
    { name: 'retained_persistence is an alias of persistence', facts: { config: confFacts('retained_persistence true\n') } },
    { name: 'the last value wins', facts: { config: confFacts('persistence false\npersistence true\n') } },
  ],
  invalid: [
    {
      name: 'no persistence line: off by default, reported at the first directive',
      facts: { config: confFacts('# broker\nlistener 1883\n') },
      findings: [{ message: 'persistence is off: retained and queued messages are lost on restart', line: 2 }],
    },
    {
      name: 'persistence false points at its line',
      facts: { config: confFacts('listener 1883\npersistence false\n') },
      findings: [{ message: 'persistence is off: retained and queued messages are lost on restart', line: 2 }],
    },
    {
      name: 'a later persistence false overrides an earlier true',
      facts: { config: confFacts('persistence true\nlistener 1883\npersistence false\n') },
      findings: [{ message: 'persistence is off: retained and queued messages are lost on restart', line: 3 }],
    },
  ],
});

ruleTester('conf.run-as-root', {
  valid: [
    { name: 'no user line drops to mosquitto', facts: { config: confFacts('listener 1883\n') } },
    { name: 'a dedicated user', facts: { config: confFacts('user mosquitto\nlistener 1883\n') } },
    { name: 'the last user line wins', facts: { config: confFacts('user root\nlistener 1883\nuser mosquitto\n') } },
  ],
  invalid: [
    {
      name: 'user root',
      facts: { config: confFacts('listener 1883\nuser root\n') },
      findings: [{ message: 'user root keeps the broker running as root', line: 2 }],
    },
    {
      name: 'a later user root overrides an earlier user, and the finding points at it',
      facts: { config: confFacts('user mosquitto\nlistener 1883\nuser root\n') },
      findings: [{ message: 'user root keeps the broker running as root', line: 3 }],
    },
  ],
});

// ---------------------------------------------------------------------------------------------------------------
// Directives: secrets, unknown keywords, missing files

ruleTester('conf.secret-in-config', {
  valid: [
    { name: 'usernames and file names are not secrets', facts: { config: confFacts('password_file /etc/mosquitto/passwd\nconnection cloud\naddress cloud.example:8883\nremote_username bridge\ntopic # both 0\n') } },
    { name: 'an empty remote_password holds no secret', facts: { config: confFacts('connection cloud\naddress cloud.example:8883\nremote_password\n') } },
    {
      name: 'plugin options that name a password file, a hasher or a host are not secrets',
      facts: { config: confFacts('listener 1883\nauth_plugin /usr/lib/go-auth.so\nauth_opt_backends files\nauth_opt_password_path /etc/mosquitto/go-passwords\nauth_opt_hasher pbkdf2\nauth_opt_password_hasher bcrypt\nauth_opt_pg_host db.internal\nplugin_opt_key_file /etc/keys/jwt.pem\n') },
    },
  ],
  invalid: [
    {
      name: 'remote_password and local_password of a bridge, one finding each',
      facts: { config: confFacts('connection cloud\naddress cloud.example:8883\nremote_username bridge\nremote_password s3cret\nlocal_password l0cal\ntopic # both 0\n') },
      findings: [
        { message: 'remote_password stores a secret in the configuration in clear', line: 4 },
        { message: 'local_password stores a secret in the configuration in clear', line: 5 },
      ],
    },
    {
      name: 'the deprecated alias password is named as written',
      facts: { config: confFacts('connection cloud\naddress cloud.example:8883\npassword s3cret\n') },
      findings: [{ message: 'password stores a secret in the configuration in clear', line: 3 }],
    },
    {
      name: 'bridge_psk',
      facts: { config: confFacts('connection cloud\naddress cloud.example:8884\nbridge_identity bridge\nbridge_psk 0123456789abcdef\n') },
      findings: [{ message: 'bridge_psk stores a secret in the configuration in clear', line: 4 }],
    },
    {
      name: 'tls_engine_kpass_sha1 on a listener',
      facts: { config: confFacts('listener 8883\ntls_engine pkcs11\ntls_keyform engine\ntls_engine_kpass_sha1 0123456789abcdef0123456789abcdef01234567\n') },
      findings: [{ message: 'tls_engine_kpass_sha1 stores a secret in the configuration in clear', line: 4 }],
    },
    {
      name: 'plugin secrets: auth_opt_* and plugin_opt_* named for a password, secret, token or key',
      facts: { config: confFacts('listener 1883\nauth_plugin /usr/lib/go-auth.so\nauth_opt_pg_password s3cret\nauth_opt_jwt_secret abc\nplugin_opt_api_token t0k3n\nauth_opt_redis_pass r3d1s\nauth_opt_http_psk 0011\n') },
      findings: [
        { message: 'auth_opt_pg_password stores a secret in the configuration in clear', line: 3 },
        { message: 'auth_opt_jwt_secret stores a secret in the configuration in clear', line: 4 },
        { message: 'plugin_opt_api_token stores a secret in the configuration in clear', line: 5 },
        { message: 'auth_opt_redis_pass stores a secret in the configuration in clear', line: 6 },
        { message: 'auth_opt_http_psk stores a secret in the configuration in clear', line: 7 },
      ],
    },
    {
      name: 'a secret in an include_dir file points there',
      facts: { config: confFacts('include_dir /etc/mosquitto/conf.d\nlistener 1883\n', { exists: ['/etc/mosquitto/conf.d'], included: ['connection cloud\naddress cloud.example:8883\nremote_password s3cret\n'] }) },
      findings: [{ message: 'remote_password stores a secret in the configuration in clear', path: 'conf.d/10.conf', line: 3 }],
    },
  ],
});

test('conf.secret-in-config: the secret itself appears nowhere in the finding', () => {
  const found = findingsOf('conf.secret-in-config', { name: 'secret', facts: { config: confFacts('connection cloud\naddress cloud.example:8883\nremote_password Hunter2-Secret\n') } });
  assert.equal(found.length, 1);
  assert.doesNotMatch(JSON.stringify(found), /Hunter2-Secret/);
});

ruleTester('conf.unknown-option', {
  valid: [
    { name: 'known keywords, a column-1 comment and aliases', facts: { config: confFacts('# a comment\nlistener 1883\nmaximum_qos 1\nauth_plugin /usr/lib/auth.so\n') } },
    { name: 'plugin_opt_* and auth_opt_* are matched by prefix', facts: { config: confFacts('plugin /usr/lib/auth.so\nplugin_opt_db_host localhost\nauth_opt_backend files\n') } },
  ],
  invalid: [
    {
      name: 'a UTF-8 byte-order mark at the start of the file makes the first word unknown (mosquitto 2.0.11 refuses to start)',
      facts: { config: confFacts('\uFEFFlistener 1883 127.0.0.1\nallow_anonymous false\n') },
      findings: [{ message: 'unknown option "<BOM>listener": the file starts with a UTF-8 byte-order mark, which mosquitto reads as part of the first word: save it without one', line: 1 }],
    },
    {
      name: 'a byte-order mark before a comment too: the comment is no longer one',
      facts: { config: confFacts('\uFEFF# broker\nlistener 1883 127.0.0.1\n') },
      findings: [{ message: 'unknown option "<BOM>#": the file starts with a UTF-8 byte-order mark, which mosquitto reads as part of the first word: save it without one', line: 1 }],
    },
    {
      name: 'a misspelt keyword gets a suggestion',
      facts: { config: confFacts('listener 1883\npasword_file /etc/mosquitto/passwd\n') },
      findings: [{ message: 'unknown option "pasword_file": did you mean "password_file"?', line: 2, column: 1 }],
    },
    {
      name: 'keywords are case-sensitive; the suggestion is the lower-case one',
      facts: { config: confFacts('Listener 1883\n') },
      findings: [{ message: 'unknown option "Listener": did you mean "listener"?', line: 1 }],
    },
    {
      name: 'a tab after a known keyword is one unknown keyword',
      facts: { config: confFacts('listener 1883\nmax_connections\t10\n') },
      findings: [{ message: 'unknown option "max_connections\\t10": a tab after "max_connections": mosquitto separates with spaces only', line: 2 }],
    },
    {
      name: 'an indented comment is the keyword #',
      facts: { config: confFacts('listener 1883\n  # note\n') },
      findings: [{ message: 'unknown option "#": an indented comment: only a # in column 1 starts a comment', line: 2, column: 3 }],
    },
    {
      name: 'an option of mosquitto 2.1',
      facts: { config: confFacts('plugin_load dynsec /usr/lib/mosquitto_dynamic_security.so\n') },
      findings: [{ message: 'unknown option "plugin_load": this option exists only in mosquitto 2.1 (this config is judged for mosquitto 2.0: set --mosquitto-version if that is wrong)', line: 1 }],
    },
    {
      name: 'a word far from every keyword',
      facts: { config: confFacts('listener 1883\nfrobnicate_everything yes\n') },
      findings: [{ message: 'unknown option "frobnicate_everything": not a mosquitto 2.0 option', line: 2 }],
    },
    {
      name: 'unknown keywords in an include_dir file point there',
      facts: { config: confFacts('include_dir /etc/mosquitto/conf.d\nlistener 1883\n', { exists: ['/etc/mosquitto/conf.d'], included: ['# limits\nmax_conections 10\n'] }) },
      findings: [{ message: 'unknown option "max_conections": did you mean "max_connections"?', path: 'conf.d/10.conf', line: 2 }],
    },
  ],
});

ruleTester('conf.referenced-file-missing', {
  valid: [
    {
      name: 'every named file exists',
      facts: { config: confFacts(`${tlsListener(8883, 'cafile /etc/mosquitto/ca.pem\npassword_file /etc/mosquitto/passwd\n')}`, { exists: ['/etc/mosquitto/server.pem', '/etc/mosquitto/server.key', '/etc/mosquitto/ca.pem', '/etc/mosquitto/passwd'] }) },
    },
    { name: 'a relative acl_file found beside the configuration', facts: { config: confFacts('listener 1883\nacl_file acl\n', { acl: { acl: 'topic read #\n' } }) } },
    { name: 'a keyword without a value names no file', facts: { config: confFacts('listener 1883\npassword_file\n') } },
    {
      name: 'under --root, /etc/mosquitto/ is also looked for at the top of the root',
      facts: { config: withRoot(confFacts('include_dir /etc/mosquitto/conf.d\nlistener 1883\npassword_file /etc/mosquitto/passwd\n'), '/repo/deploy', ['/repo/deploy/conf.d', '/repo/deploy/etc/mosquitto/passwd']) },
    },
  ],
  invalid: [
    {
      name: 'a missing absolute password_file',
      facts: { config: confFacts('listener 1883\npassword_file /etc/mosquitto/passwd\n') },
      findings: [{ message: 'password_file /etc/mosquitto/passwd does not exist (looked for /etc/mosquitto/passwd)', line: 2 }],
    },
    {
      name: 'a relative path is looked for beside the configuration and shown relative to the working directory',
      facts: { config: confFacts('listener 1883\nacl_file conf/acl\n') },
      findings: [{ message: 'acl_file conf/acl does not exist (looked for conf/acl)', line: 2 }],
    },
    {
      name: 'each missing file of a listener, in line order; the present one is not reported',
      facts: { config: confFacts(tlsListener(8883, 'cafile /etc/mosquitto/ca.pem\ncrlfile /etc/mosquitto/crl.pem\n'), { exists: ['/etc/mosquitto/server.pem', '/etc/mosquitto/ca.pem'] }) },
      findings: [
        { message: 'keyfile /etc/mosquitto/server.key does not exist (looked for /etc/mosquitto/server.key)', line: 3 },
        { message: 'crlfile /etc/mosquitto/crl.pem does not exist (looked for /etc/mosquitto/crl.pem)', line: 5 },
      ],
    },
    {
      name: 'bridge files and capath directories count',
      facts: { config: confFacts('connection cloud\naddress cloud.example:8883\nbridge_capath /etc/ssl/certs\nbridge_certfile /etc/mosquitto/bridge.pem\ntopic # both 0\n', { exists: ['/etc/ssl/certs'] }) },
      findings: [{ message: 'bridge_certfile /etc/mosquitto/bridge.pem does not exist (looked for /etc/mosquitto/bridge.pem)', line: 4 }],
    },
    {
      name: 'psk_file, dhparamfile and http_dir count',
      facts: { config: confFacts('listener 8883\npsk_hint broker\npsk_file /etc/mosquitto/psk\ndhparamfile /etc/mosquitto/dh.pem\nlistener 8080 127.0.0.1\nprotocol websockets\nhttp_dir /srv/www\n') },
      findings: [
        { message: 'psk_file /etc/mosquitto/psk does not exist (looked for /etc/mosquitto/psk)', line: 3 },
        { message: 'dhparamfile /etc/mosquitto/dh.pem does not exist (looked for /etc/mosquitto/dh.pem)', line: 4 },
        { message: 'http_dir /srv/www does not exist (looked for /srv/www)', line: 7 },
      ],
    },
    {
      name: 'a file named in an include_dir file points there',
      facts: { config: confFacts('include_dir /etc/mosquitto/conf.d\nlistener 1883\n', { exists: ['/etc/mosquitto/conf.d'], included: ['password_file /etc/mosquitto/passwd\n'] }) },
      findings: [{ message: 'password_file /etc/mosquitto/passwd does not exist (looked for /etc/mosquitto/passwd)', path: 'conf.d/10.conf', line: 1 }],
    },
    {
      name: 'under --root every candidate is listed, include_dir included; a password file is made at deploy time: low',
      facts: { config: withRoot(confFacts('include_dir /etc/mosquitto/conf.d\nlistener 1883\npassword_file passwd\n'), '/repo/deploy') },
      findings: [
        { message: 'include_dir /etc/mosquitto/conf.d does not exist (looked for deploy/etc/mosquitto/conf.d, deploy/conf.d, conf.d)', line: 1 },
        { message: 'password_file passwd is not in the repository (looked for passwd, deploy/passwd): its password hashes and permissions could not be checked', line: 3, severity: 'low' },
      ],
    },
    {
      name: 'in a repository, keys, certificates and PSK files are deploy-time files (low); an ACL file is not (high)',
      facts: { config: withRoot(confFacts('listener 8883\ncertfile /etc/mosquitto/certs/server.crt\nkeyfile /etc/mosquitto/certs/server.key\npsk_file /etc/mosquitto/psk\nacl_file /etc/mosquitto/acl\n'), '/repo') },
      findings: [
        { message: 'certfile /etc/mosquitto/certs/server.crt is not in the repository (looked for etc/mosquitto/certs/server.crt, certs/server.crt): its expiry, key size and signature could not be checked', line: 2, severity: 'low' },
        { message: 'keyfile /etc/mosquitto/certs/server.key is not in the repository (looked for etc/mosquitto/certs/server.key, certs/server.key): its size, permissions and whether it matches the certificate could not be checked', line: 3, severity: 'low' },
        { message: 'psk_file /etc/mosquitto/psk is not in the repository (looked for etc/mosquitto/psk, psk): its key lengths and permissions could not be checked', line: 4, severity: 'low' },
        { message: 'acl_file /etc/mosquitto/acl does not exist (looked for etc/mosquitto/acl, acl)', line: 5 },
      ],
    },
  ],
});

test('conf.secret-in-config: a plugin secret is masked in the line a report shows and never hashed', () => {
  const found = findingsOf('conf.secret-in-config', { name: 'plugin secret', facts: { config: confFacts('listener 1883\nauth_opt_jwt_api_key k3y-Value-11\n') } });
  assert.equal(found.length, 1);
  assert.equal(found[0].location?.snippet, 'auth_opt_jwt_api_key <redacted>');
  assert.doesNotMatch(JSON.stringify(found), /k3y-Value-11/);
});
