/**
 * @fileoverview Table tests, in memory, of the conf.* rules from anonymous-network-listener to
 * listener-options-without-listener (alphabetically): every message form and severity variant, and the edges the
 * checks handle (loopback and socket listeners, per_listener_settings, include_dir files, bridge sections).
 */
import type { ConfigFacts } from '../../../src/model/config.js';
import { cert, confFacts, type ConfOptions } from '../../helpers/facts.js';
import { ruleTester } from '../../helpers/rule-tester.js';

/** The facts of a configuration, ready to be a case's `facts`. */
const conf = (text: string, o?: ConfOptions): { config: ConfigFacts } => ({ config: confFacts(text, o) });

/** As conf(), with the include_dir lines of included files listed as ignored, the way the real loader lists them. */
function confWithIgnoredIncludes(text: string, o: ConfOptions): { config: ConfigFacts } {
  const f = confFacts(text, o);
  const unit = f.configs[0];
  const ignoredIncludes = unit.directives.filter((d) => d.keyword === 'include_dir' && d.path !== unit.main.path);
  return { config: { ...f, configs: [{ ...unit, ignoredIncludes }] } };
}

/** TLS lines of a listener (certfile and keyfile both set). */
const TLS = 'certfile /etc/mosquitto/server.crt\nkeyfile /etc/mosquitto/server.key\n';

ruleTester('conf.anonymous-network-listener', {
  valid: [
    { name: 'a loopback listener may accept anonymous clients', facts: conf('listener 1883 127.0.0.1\nallow_anonymous true\n') },
    { name: 'a listener bound to localhost or ::1 is loopback too', facts: conf('listener 1883 localhost\nlistener 1884 ::1\nallow_anonymous true\n') },
    { name: 'a unix socket listener is not reachable from the network', facts: conf('listener 0 /run/mosquitto/mqtt.sock\nallow_anonymous true\n') },
    { name: 'a listener bound to the lo interface is local', facts: conf('listener 1883\nbind_interface lo\nallow_anonymous true\n') },
    { name: 'local-only mode (no listener at all) is exempt', facts: conf('allow_anonymous true\n') },
    { name: 'allow_anonymous false refuses anonymous clients', facts: conf('listener 1883\nallow_anonymous false\n') },
    { name: 'allow_anonymous is false by default for configured listeners', facts: conf('listener 1883\npassword_file /etc/mosquitto/passwd\n') },
    {
      name: 'required client certificates that become the username leave no client anonymous',
      facts: conf(`listener 8883\n${TLS}cafile /etc/mosquitto/ca.crt\nrequire_certificate true\nuse_identity_as_username true\nallow_anonymous true\n`),
    },
    {
      name: 'use_subject_as_username with require_certificate is exempt as well',
      facts: conf(`listener 8883\n${TLS}cafile /etc/mosquitto/ca.crt\nrequire_certificate true\nuse_subject_as_username true\nallow_anonymous true\n`),
    },
    {
      name: 'with per_listener_settings true only the listener whose block allows anonymous counts',
      facts: conf('per_listener_settings true\nlistener 1883 127.0.0.1\nallow_anonymous true\nlistener 8883\nallow_anonymous false\n'),
    },
  ],
  invalid: [
    {
      name: 'per_listener_settings true: the default listener a password_file creates accepts anonymous clients (its own allow_anonymous is unset)',
      facts: { config: confFacts('per_listener_settings true\npassword_file /etc/mosquitto/passwd\nlistener 8883 127.0.0.1\nallow_anonymous false\n') },
      findings: [{ message: 'anonymous clients are accepted on the default listener 1883 on all addresses', severity: 'critical', line: 2 }],
    },
    {
      name: 'a global allow_anonymous true opens a network listener',
      facts: conf('listener 1883\nallow_anonymous true\n'),
      findings: [{ message: 'anonymous clients are accepted on listener 1883 on all addresses', line: 2 }],
    },
    {
      name: 'one finding per allow_anonymous line names every network listener it opens, and skips the loopback ones',
      facts: conf('listener 1883 127.0.0.1\nlistener 8883 10.0.0.5\nlistener 9001\nallow_anonymous true\n'),
      findings: [{ message: 'anonymous clients are accepted on listener 8883 on 10.0.0.5, listener 9001 on all addresses', line: 4 }],
    },
    {
      name: 'allow_anonymous 1 is true as mosquitto reads booleans',
      facts: conf('listener 1883 192.168.1.10\nallow_anonymous 1\n'),
      findings: [{ message: 'anonymous clients are accepted on listener 1883 on 192.168.1.10', line: 2 }],
    },
    {
      name: 'an acl_file makes it high (acl-restricted)',
      facts: conf('listener 1883\nallow_anonymous true\nacl_file /etc/mosquitto/acl\n'),
      findings: [{ message: 'anonymous clients are accepted on listener 1883 on all addresses (an ACL limits what they may do)', severity: 'high', line: 2 }],
    },
    {
      name: 'an auth plugin makes it high (acl-restricted)',
      facts: conf('listener 1883\nallow_anonymous true\nplugin /usr/lib/mosquitto_dynamic_security.so\n'),
      findings: [{ message: 'anonymous clients are accepted on listener 1883 on all addresses (an ACL limits what they may do)', severity: 'high', line: 2 }],
    },
    {
      name: 'a listener on a network interface is a network listener',
      facts: conf('listener 1883\nbind_interface eth0\nallow_anonymous true\n'),
      findings: [{ message: 'anonymous clients are accepted on listener 1883 on interface eth0', line: 3 }],
    },
    {
      name: 'the default listener opened by port counts',
      facts: conf('port 1883\nallow_anonymous true\n'),
      findings: [{ message: 'anonymous clients are accepted on the default listener 1883 on all addresses', line: 2 }],
    },
    {
      name: 'certificate identity without TLS (no certfile/keyfile) leaves clients anonymous',
      facts: conf('listener 8883\ncafile /etc/mosquitto/ca.crt\nrequire_certificate true\nuse_identity_as_username true\nallow_anonymous true\n'),
      findings: [{ message: 'anonymous clients are accepted on listener 8883 on all addresses', line: 5 }],
    },
    {
      name: 'certificate identity without require_certificate leaves clients anonymous',
      facts: conf(`listener 8883\n${TLS}use_identity_as_username true\nallow_anonymous true\n`),
      findings: [{ message: 'anonymous clients are accepted on listener 8883 on all addresses', line: 5 }],
    },
    {
      name: 'with per_listener_settings true each listener block is judged on its own line and its own ACL',
      facts: conf('per_listener_settings true\nlistener 1883\nallow_anonymous true\nlistener 8883 10.0.0.5\nallow_anonymous true\nacl_file /etc/mosquitto/acl\n'),
      findings: [
        { message: 'anonymous clients are accepted on listener 1883 on all addresses', line: 3 },
        { message: 'anonymous clients are accepted on listener 8883 on 10.0.0.5 (an ACL limits what they may do)', severity: 'high', line: 5 },
      ],
    },
  ],
});

ruleTester('conf.auth-plugin-special-chars-allowed', {
  valid: [
    { name: 'the default (option absent) denies + and # in usernames', facts: conf('listener 1883\nplugin /usr/lib/auth.so\n') },
    { name: 'auth_plugin_deny_special_chars true is the safe value', facts: conf('listener 1883\nauth_plugin /usr/lib/auth.so\nauth_plugin_deny_special_chars true\n') },
  ],
  invalid: [
    {
      name: 'auth_plugin_deny_special_chars false lets + and # through to ACL checks',
      facts: conf('listener 1883\nauth_plugin /usr/lib/auth.so\nauth_plugin_deny_special_chars false\n'),
      findings: [{ message: 'auth_plugin_deny_special_chars false lets + and # in usernames act as wildcards', line: 3 }],
    },
    {
      name: 'the value 0 is false as mosquitto reads booleans',
      facts: conf('auth_plugin /usr/lib/auth.so\nauth_plugin_deny_special_chars 0\nlistener 1883\n'),
      findings: [{ message: 'auth_plugin_deny_special_chars false lets + and # in usernames act as wildcards', line: 2 }],
    },
  ],
});

ruleTester('conf.bridge-insecure', {
  valid: [
    { name: 'a TLS bridge that verifies the hostname', facts: conf('connection up\naddress broker.example:8883\nbridge_cafile /etc/mosquitto/ca.crt\n') },
    { name: 'bridge_insecure false is the safe value', facts: conf('connection up\naddress broker.example:8883\nbridge_cafile /etc/mosquitto/ca.crt\nbridge_insecure false\n') },
  ],
  invalid: [
    {
      name: 'bridge_insecure true is reported at its line, naming the bridge',
      facts: conf('connection up\naddress broker.example:8883\nbridge_cafile /etc/mosquitto/ca.crt\nbridge_insecure true\n'),
      findings: [{ message: 'bridge_insecure true lets anyone impersonate the remote broker of bridge up', line: 4 }],
    },
    {
      name: 'only the bridge that sets it is reported',
      facts: conf('connection a\naddress a.example:8883\nbridge_cafile /ca.crt\nconnection b\naddress b.example:8883\nbridge_cafile /ca.crt\nbridge_insecure true\n'),
      findings: [{ message: 'bridge_insecure true lets anyone impersonate the remote broker of bridge b', line: 7 }],
    },
  ],
});

ruleTester('conf.bridge-no-tls', {
  valid: [
    { name: 'bridge_cafile turns TLS on', facts: conf('connection up\naddress broker.example:8883\nbridge_cafile /etc/mosquitto/ca.crt\n') },
    { name: 'bridge_capath turns TLS on', facts: conf('connection up\naddress broker.example:8883\nbridge_capath /etc/ssl/certs\n') },
    { name: 'a PSK bridge is encrypted', facts: conf('connection up\naddress broker.example:8883\nbridge_identity me\nbridge_psk 00112233\n') },
    { name: 'a bridge to a loopback address stays on the host', facts: conf('connection local\naddress 127.0.0.1:1884\n') },
    { name: 'localhost and [::1] are loopback', facts: conf('connection local\naddresses localhost:1884 [::1]:1885\n') },
  ],
  invalid: [
    {
      name: 'a bridge to a remote broker without TLS is reported at its address line',
      facts: conf('connection up\naddress 10.0.0.1:1883\nremote_username bridge\n'),
      findings: [{ message: 'bridge up connects to 10.0.0.1:1883 without TLS', line: 2 }],
    },
    {
      name: 'an address without a port means 1883',
      facts: conf('connection up\naddress broker.example\n'),
      findings: [{ message: 'bridge up connects to broker.example:1883 without TLS', line: 2 }],
    },
    {
      name: 'the first non-loopback address of several is named',
      facts: conf('connection up\naddresses 127.0.0.1:1884 broker.example:1883 other.example:1883\n'),
      findings: [{ message: 'bridge up connects to broker.example:1883 without TLS', line: 2 }],
    },
    {
      name: 'bridge_certfile alone does not turn TLS on',
      facts: conf('listener 1883\nconnection up\naddress broker.example:8883\nbridge_certfile /etc/mosquitto/client.crt\nbridge_keyfile /etc/mosquitto/client.key\n'),
      findings: [{ message: 'bridge up connects to broker.example:8883 without TLS', line: 3 }],
    },
  ],
});

ruleTester('conf.bridge-option-outside-bridge', {
  valid: [
    { name: 'bridge options after a connection line', facts: conf('listener 1883\nconnection up\naddress broker.example:8883\ntopic # both 0\nbridge_cafile /ca.crt\n') },
    { name: 'a configuration without bridges', facts: conf('listener 1883\nallow_anonymous false\n') },
  ],
  invalid: [
    {
      name: 'each bridge option before the first connection line is fatal',
      facts: conf('listener 1883\naddress broker.example:8883\ntopic # both 0\nconnection up\naddress broker.example:8883\n'),
      findings: [
        { message: 'address is a bridge option but no connection section is open: the broker will not start', line: 2 },
        { message: 'topic is a bridge option but no connection section is open: the broker will not start', line: 3 },
      ],
    },
    {
      name: 'an alias keeps the name it was written with',
      facts: conf('username bridge\nconnection up\naddress broker.example\n'),
      findings: [{ message: 'username is a bridge option but no connection section is open: the broker will not start', line: 1 }],
    },
    {
      name: 'an included file starts outside any bridge, even after a connection in the main file',
      facts: conf('connection up\naddress broker.example:8883\ninclude_dir /etc/mosquitto/conf.d\n', { included: ['bridge_cafile /etc/mosquitto/ca.crt\n'] }),
      findings: [{ message: 'bridge_cafile is a bridge option but no connection section is open: the broker will not start', path: 'conf.d/10.conf', line: 1 }],
    },
  ],
});

/** A client-certificate listener on 8883 whose CA is `ca`. */
const certLogin = (ca: string, identity = 'use_identity_as_username true') => `listener 8883\n${TLS}${ca}\nrequire_certificate true\n${identity}\n`;

ruleTester('conf.client-auth-public-ca', {
  valid: [
    { name: 'a private client CA', facts: conf(certLogin('cafile /etc/mosquitto/clients-ca.crt'), { certs: { '/etc/mosquitto/clients-ca.crt': [cert({ isCA: true })] } }) },
    { name: 'the system store without certificate identity (the password file still decides who logs in)', facts: conf(`listener 8883\n${TLS}cafile /etc/ssl/certs/ca-certificates.crt\nrequire_certificate true\n`) },
    { name: 'the system store without require_certificate', facts: conf(`listener 8883\n${TLS}cafile /etc/ssl/certs/ca-certificates.crt\nuse_identity_as_username true\n`) },
    {
      name: 'a CA file with exactly 20 certificates is not yet a trust store',
      facts: conf(certLogin('cafile /etc/mosquitto/ca-chain.pem'), { certs: { '/etc/mosquitto/ca-chain.pem': Array.from({ length: 20 }, (_, i) => cert({ subject: `CN=CA ${i}`, isCA: true })) } }),
    },
  ],
  invalid: [
    {
      name: 'the Debian bundle as cafile for certificate logins',
      facts: conf(certLogin('cafile /etc/ssl/certs/ca-certificates.crt')),
      findings: [{ message: 'cafile /etc/ssl/certs/ca-certificates.crt is a public trust store (it is the system trust store) while client certificates are the identity on listener 8883 on all addresses', line: 4 }],
    },
    {
      name: 'the system certificate directory as capath, with use_subject_as_username',
      facts: conf(certLogin('capath /etc/ssl/certs', 'use_subject_as_username true')),
      findings: [{ message: 'capath /etc/ssl/certs is a public trust store (it is the system trust store) while client certificates are the identity on listener 8883 on all addresses', line: 4 }],
    },
    {
      name: 'the Red Hat bundle is a public trust store too',
      facts: conf(certLogin('cafile /etc/pki/tls/certs/ca-bundle.crt')),
      findings: [{ message: 'cafile /etc/pki/tls/certs/ca-bundle.crt is a public trust store (it is the system trust store) while client certificates are the identity on listener 8883 on all addresses', line: 4 }],
    },
    {
      name: 'a CA file with more than 20 certificates is a trust store whatever its name',
      facts: conf(certLogin('cafile /etc/mosquitto/roots.pem'), { certs: { '/etc/mosquitto/roots.pem': Array.from({ length: 21 }, (_, i) => cert({ subject: `CN=Root ${i}`, isCA: true })) } }),
      findings: [{ message: 'cafile /etc/mosquitto/roots.pem is a public trust store (it holds 21 CA certificates) while client certificates are the identity on listener 8883 on all addresses', line: 4 }],
    },
  ],
});

ruleTester('conf.client-cert-without-crl', {
  valid: [
    { name: 'a crlfile lets certificates be revoked', facts: conf(`listener 8883\n${TLS}cafile /ca.crt\nrequire_certificate true\ncrlfile /etc/mosquitto/clients.crl\n`) },
    { name: 'client certificates not required', facts: conf(`listener 8883\n${TLS}cafile /ca.crt\n`) },
    { name: 'require_certificate false', facts: conf(`listener 8883\n${TLS}cafile /ca.crt\nrequire_certificate false\n`) },
    { name: 'a loopback listener is exempt', facts: conf(`listener 8883 127.0.0.1\n${TLS}cafile /ca.crt\nrequire_certificate true\n`) },
    { name: 'a listener without TLS (keyfile missing) is exempt', facts: conf('listener 8883\ncertfile /server.crt\ncafile /ca.crt\nrequire_certificate true\n') },
  ],
  invalid: [
    {
      name: 'a network TLS listener requiring client certificates without crlfile, at the require_certificate line',
      facts: conf(`listener 8883\n${TLS}cafile /ca.crt\nrequire_certificate true\n`),
      findings: [{ message: 'client certificates on listener 8883 on all addresses cannot be revoked: no crlfile', line: 5 }],
    },
    {
      name: 'a crlfile on another listener does not count',
      facts: conf(`listener 8883 10.0.0.5\n${TLS}cafile /ca.crt\nrequire_certificate true\nlistener 8884\n${TLS}cafile /ca.crt\nrequire_certificate true\ncrlfile /c.crl\n`),
      findings: [{ message: 'client certificates on listener 8883 on 10.0.0.5 cannot be revoked: no crlfile', line: 5 }],
    },
    {
      name: 'the default listener opened by options before the first listener counts',
      facts: conf(`${TLS}require_certificate true\nlistener 8883\ncrlfile /c.crl\n`),
      findings: [{ message: 'client certificates on the default listener 1883 on all addresses cannot be revoked: no crlfile', line: 3 }],
    },
  ],
});

ruleTester('conf.connection-messages-disabled', {
  valid: [
    { name: 'connection messages are on by default', facts: conf('listener 1883\n') },
    { name: 'connection_messages true', facts: conf('listener 1883\nconnection_messages true\n') },
  ],
  invalid: [
    {
      name: 'connection_messages false, at its line',
      facts: conf('listener 1883\nconnection_messages false\n'),
      findings: [{ message: 'connection_messages false removes connect and disconnect records from the log', line: 2 }],
    },
    {
      name: 'the last value wins: false after true',
      facts: conf('connection_messages true\nlistener 1883\nconnection_messages false\n'),
      findings: [{ message: 'connection_messages false removes connect and disconnect records from the log', line: 3 }],
    },
  ],
});

ruleTester('conf.debug-logging', {
  valid: [
    { name: 'the default log types', facts: conf('listener 1883\n') },
    { name: 'ordinary log types', facts: conf('listener 1883\nlog_type error\nlog_type warning\nlog_type notice\n') },
  ],
  invalid: [
    {
      name: 'log_type all',
      facts: conf('listener 1883\nlog_type all\n'),
      findings: [{ message: 'log_type all logs debug detail', line: 2 }],
    },
    {
      name: 'log_type debug',
      facts: conf('log_type debug\nlistener 1883\n'),
      findings: [{ message: 'log_type debug logs debug detail', line: 1 }],
    },
  ],
});

ruleTester('conf.deprecated-option', {
  valid: [
    { name: 'current keywords', facts: conf('listener 1883\nplugin /usr/lib/auth.so\nplugin_opt_host db\nconnection up\naddress b.example\nremote_username u\nremote_clientid c\n') },
    { name: 'unknown keywords are another rule\'s business', facts: conf('listener 1883\nportt 1883\n') },
  ],
  invalid: [
    {
      name: 'port and bind_address name the listener line that replaces them',
      facts: conf('port 1883\nbind_address 10.0.0.5\n'),
      findings: [
        { message: 'port is deprecated: use listener PORT', line: 1 },
        { message: 'bind_address is deprecated: use listener PORT ADDRESS', line: 2 },
      ],
    },
    {
      name: 'auth_plugin and auth_opt_* name plugin and plugin_opt_*',
      facts: conf('listener 1883\nauth_plugin /usr/lib/auth.so\nauth_opt_backends files\n'),
      findings: [
        { message: 'auth_plugin is deprecated: use plugin', line: 2 },
        { message: 'auth_opt_backends is deprecated: use plugin_opt_*', line: 3 },
      ],
    },
    {
      name: 'the bridge aliases name their remote_* replacements',
      facts: conf('listener 1883\nconnection up\naddress b.example\nusername u\npassword p\nclientid c\n'),
      findings: [
        { message: 'username is deprecated: use remote_username', line: 4 },
        { message: 'password is deprecated: use remote_password', line: 5 },
        { message: 'clientid is deprecated: use remote_clientid', line: 6 },
      ],
    },
    {
      name: 'options without a replacement say so',
      facts: conf('listener 1883\nclientid_prefixes sensor-\nretry_interval 20\nallow_duplicate_messages true\n'),
      findings: [
        { message: 'clientid_prefixes is deprecated: use an ACL or auth plugin', line: 2 },
        { message: 'retry_interval is deprecated: use (none: it has no effect since 2.0)', line: 3 },
        { message: 'allow_duplicate_messages is deprecated: use (none: duplicates are always allowed)', line: 4 },
      ],
    },
    {
      name: 'a deprecated keyword in an included file is reported there',
      facts: conf('listener 1883\ninclude_dir /etc/mosquitto/conf.d\n', { included: ['# limits\nauth_plugin /usr/lib/auth.so\n'] }),
      findings: [{ message: 'auth_plugin is deprecated: use plugin', path: 'conf.d/10.conf', line: 2 }],
    },
  ],
});

ruleTester('conf.duplicate-listener', {
  valid: [
    { name: 'listeners on different ports', facts: conf('listener 1883\nlistener 8883\n') },
    { name: 'one port on two distinct addresses', facts: conf('listener 1883 127.0.0.1\nlistener 1883 10.0.0.5\n') },
    { name: 'unix sockets are not ports', facts: conf('listener 0 /run/a.sock\nlistener 0 /run/b.sock\n') },
    { name: 'listeners on an interface are not compared', facts: conf('listener 1883\nlistener 1883\nbind_interface eth0\n') },
    { name: 'local-only mode has a single listener', facts: conf('allow_anonymous true\n') },
    { name: 'the default listener on its own port', facts: conf('port 1884\nlistener 1883\n') },
    { name: 'two loopback addresses (seen on mosquitto 2.0.11)', facts: conf('listener 1883 127.0.0.1\nlistener 1883 127.0.0.2\n') },
    { name: 'the IPv4 wildcard and an IPv6 address', facts: conf('listener 1883 0.0.0.0\nlistener 1883 ::1\n') },
  ],
  invalid: [
    {
      name: '0.0.0.0 clashes with 127.0.0.1 on the same port (seen on mosquitto 2.0.11)',
      facts: conf('listener 1883 0.0.0.0\nlistener 1883 127.0.0.1\n'),
      findings: [{ message: 'listener 1883 on 127.0.0.1 clashes with listener 1883 on 0.0.0.0: the broker will not start (address already in use)', line: 2 }],
    },
    {
      name: 'localhost is 127.0.0.1 (and ::1)',
      facts: conf('listener 1883 localhost\nlistener 1883 127.0.0.1\n'),
      findings: [{ message: 'listener 1883 on 127.0.0.1 clashes with listener 1883 on localhost: the broker will not start (address already in use)', line: 2 }],
    },
    {
      name: 'the same port twice on all addresses, at the second listener',
      facts: conf('listener 1883\nallow_anonymous false\nlistener 1883\n'),
      findings: [{ message: 'listener 1883 on all addresses clashes with listener 1883 on all addresses: the broker will not start (address already in use)', line: 3 }],
    },
    {
      name: 'one listener on all addresses clashes with another on one address of the same port',
      facts: conf('listener 8883 10.0.0.5\nlistener 8883\n'),
      findings: [{ message: 'listener 8883 on all addresses clashes with listener 8883 on 10.0.0.5: the broker will not start (address already in use)', line: 2 }],
    },
    {
      name: 'the same port on the same address',
      facts: conf('listener 1883 10.0.0.5\nlistener 1883 10.0.0.5\n'),
      findings: [{ message: 'listener 1883 on 10.0.0.5 clashes with listener 1883 on 10.0.0.5: the broker will not start (address already in use)', line: 2 }],
    },
    {
      name: 'an option before the first listener opens the default listener on 1883, which clashes with listener 1883',
      facts: conf('max_connections 100\nlistener 1883\n'),
      findings: [{ message: 'listener 1883 on all addresses clashes with the default listener 1883 on all addresses: the broker will not start (address already in use)', line: 2 }],
    },
    {
      name: 'each clash of three listeners on one port is reported once, naming the first',
      facts: conf('listener 1883\nlistener 1883 127.0.0.1\nlistener 1883 10.0.0.5\n'),
      findings: [
        { message: 'listener 1883 on 127.0.0.1 clashes with listener 1883 on all addresses: the broker will not start (address already in use)', line: 2 },
        { message: 'listener 1883 on 10.0.0.5 clashes with listener 1883 on all addresses: the broker will not start (address already in use)', line: 3 },
      ],
    },
  ],
});

ruleTester('conf.duplicate-option', {
  valid: [
    { name: 'with per_listener_settings true each listener has its own password_file', facts: conf('per_listener_settings true\nlistener 1883\npassword_file /a\nlistener 8883\npassword_file /b\n') },
    { name: 'each listener has its own certfile', facts: conf(`listener 8883\n${TLS}listener 8884\n${TLS}`) },
    { name: 'booleans and numbers set twice keep the last value', facts: conf('listener 1883\nmax_connections 10\nmax_connections 20\nallow_anonymous false\nallow_anonymous false\n') },
    { name: 'repeatable options (plugin, log_dest other than file, log_type)', facts: conf('listener 1883\nplugin /a.so\nplugin /b.so\nlog_dest stdout\nlog_dest syslog\nlog_type error\nlog_type warning\n') },
    { name: 'one log_dest file among other destinations', facts: conf('listener 1883\nlog_dest file /var/log/m.log\nlog_dest stdout\n') },
    { name: 'two bridges each with their own remote_username', facts: conf('connection a\naddress a.example\nremote_username u\nconnection b\naddress b.example\nremote_username u\n') },
  ],
  invalid: [
    {
      name: 'password_file twice in the global scope, at the second line naming the first',
      facts: conf('listener 1883\npassword_file /etc/mosquitto/a\npassword_file /etc/mosquitto/b\n'),
      findings: [{ message: 'password_file is already set at mosquitto.conf:2: the broker will not start', line: 3 }],
    },
    {
      name: 'without per_listener_settings, security options in two listener blocks share one scope',
      facts: conf('listener 1883\nacl_file /a\nlistener 8883\nacl_file /b\n'),
      findings: [{ message: 'acl_file is already set at mosquitto.conf:2: the broker will not start', line: 4 }],
    },
    {
      name: 'certfile twice in one listener',
      facts: conf('listener 8883\ncertfile /a.crt\nkeyfile /a.key\ncertfile /b.crt\n'),
      findings: [{ message: 'certfile is already set at mosquitto.conf:2: the broker will not start', line: 4 }],
    },
    {
      name: 'two log_dest file lines',
      facts: conf('listener 1883\nlog_dest file /var/log/a.log\nlog_dest stdout\nlog_dest file /var/log/b.log\n'),
      findings: [{ message: 'log_dest is already set at mosquitto.conf:2: the broker will not start', line: 4 }],
    },
    {
      name: 'two bridges with the same connection name',
      facts: conf('connection up\naddress a.example\nconnection up\naddress b.example\n'),
      findings: [{ message: 'connection is already set at mosquitto.conf:1: the broker will not start', line: 3 }],
    },
    {
      name: 'a deprecated alias and its replacement in one bridge are the same option',
      facts: conf('connection up\naddress a.example\nusername u\nremote_username v\n'),
      findings: [{ message: 'remote_username is already set at mosquitto.conf:3: the broker will not start', line: 4 }],
    },
    {
      name: 'a global string option set again in an included file points at both files',
      facts: conf('listener 1883\npid_file /run/a.pid\ninclude_dir /etc/mosquitto/conf.d\n', { included: ['pid_file /run/b.pid\n'] }),
      findings: [{ message: 'pid_file is already set at mosquitto.conf:2: the broker will not start', path: 'conf.d/10.conf', line: 1 }],
    },
  ],
});

ruleTester('conf.http-dir-enabled', {
  valid: [
    { name: 'a websockets listener without http_dir', facts: conf('listener 9001\nprotocol websockets\n') },
    { name: 'http_dir before any listener configures no listener (it does not open the default one)', facts: conf('http_dir /var/www\nlistener 9001\nprotocol websockets\n') },
    { name: 'http_dir in local-only mode applies to no listener', facts: conf('http_dir /var/www\n') },
  ],
  invalid: [
    {
      name: 'http_dir on a websockets listener, at its line',
      facts: conf('listener 9001\nprotocol websockets\nhttp_dir /var/www/html\n'),
      findings: [{ message: 'listener 9001 serves files from /var/www/html', line: 3 }],
    },
    {
      name: 'each listener with http_dir is reported',
      facts: conf('listener 9001\nprotocol websockets\nhttp_dir /srv/a\nlistener 9002\nprotocol websockets\nhttp_dir /srv/b\n'),
      findings: [
        { message: 'listener 9001 serves files from /srv/a', line: 3 },
        { message: 'listener 9002 serves files from /srv/b', line: 6 },
      ],
    },
    {
      name: 'the default listener opened by port is named by its port',
      facts: conf('port 8080\nprotocol websockets\nhttp_dir /var/www\n'),
      findings: [{ message: 'listener 8080 serves files from /var/www', line: 3 }],
    },
  ],
});

ruleTester('conf.identity-without-require-certificate', {
  valid: [
    { name: 'require_certificate true with certificate identity', facts: conf(`listener 8883\n${TLS}cafile /ca.crt\nrequire_certificate true\nuse_identity_as_username true\n`) },
    { name: 'no certificate identity', facts: conf(`listener 8883\n${TLS}\n`) },
    { name: 'use_identity_as_username false', facts: conf(`listener 8883\n${TLS}use_identity_as_username false\n`) },
    { name: 'a listener without TLS is conf.ineffective-option\'s case', facts: conf('listener 1883\nuse_identity_as_username true\n') },
  ],
  invalid: [
    {
      name: 'use_identity_as_username on a TLS listener without require_certificate, at its line',
      facts: conf(`listener 8883\n${TLS}use_identity_as_username true\n`),
      findings: [{ message: 'use_identity_as_username without require_certificate true refuses every client on listener 8883 on all addresses', line: 4 }],
    },
    {
      name: 'use_subject_as_username with require_certificate false',
      facts: conf(`listener 8883 10.0.0.5\n${TLS}require_certificate false\nuse_subject_as_username true\n`),
      findings: [{ message: 'use_subject_as_username without require_certificate true refuses every client on listener 8883 on 10.0.0.5', line: 5 }],
    },
    {
      name: 'require_certificate on another listener does not count',
      facts: conf(`listener 8883\n${TLS}require_certificate true\nuse_identity_as_username true\nlistener 8884\n${TLS}use_identity_as_username true\n`),
      findings: [{ message: 'use_identity_as_username without require_certificate true refuses every client on listener 8884 on all addresses', line: 9 }],
    },
  ],
});

ruleTester('conf.implicit-default-listener', {
  valid: [
    { name: 'port and bind_address before the listeners declare the default listener the user asked for', facts: conf('port 1884\nbind_address 10.0.0.5\nlistener 8883\n') },
    { name: 'port with TLS options before the listeners: the declared default listener with TLS', facts: conf('port 8883\ncafile /ca.crt\ncertfile /c.crt\nkeyfile /c.key\nlistener 1883 127.0.0.1\n') },
    { name: 'options at their default values create nothing', facts: conf('max_connections -1\nprotocol mqtt\nmax_qos 2\nrequire_certificate false\nuse_identity_as_username false\ntls_keyform pem\nlistener 8883\n') },
    { name: 'every listener option inside a listener block', facts: conf('listener 8883\nmax_connections 100\ncertfile /c\nkeyfile /k\n') },
    { name: 'allow_anonymous, acl_file, tls_version and http_dir before the first listener do not open it', facts: conf('allow_anonymous false\nacl_file /acl\ntls_version tlsv1.2\nhttp_dir /www\nlistener 8883\n') },
    { name: 'default values (protocol mqtt, max_qos 2, tls_keyform pem) do not open it', facts: conf('protocol mqtt\nmax_qos 2\ntls_keyform pem\nlistener 8883\n') },
    { name: 'password_file before the first listener is global without per_listener_settings', facts: conf('password_file /etc/mosquitto/passwd\nlistener 8883\n') },
    { name: 'with no listener line, port opens the only listener (nothing extra)', facts: conf('port 1883\nmax_connections 10\n') },
    { name: 'a listener option in an included file after its own listener line', facts: conf('listener 1883\ninclude_dir /etc/mosquitto/conf.d\n', { included: ['listener 8883\nmax_connections 10\n'] }) },
  ],
  invalid: [
    {
      name: 'a listener option before the first listener opens the default listener on 1883',
      facts: conf('max_connections 100\nlistener 8883\n'),
      findings: [{ message: 'max_connections before the first listener creates the default listener 1883 on all addresses', line: 1 }],
    },
    {
      name: 'port after a listener still configures the default listener: reported where it stands',
      facts: conf('listener 8883\ncertfile /c.crt\nkeyfile /c.key\nport 8884\n'),
      findings: [{ message: 'port after a listener creates the default listener 8884 on all addresses', line: 4 }],
    },
    {
      name: 'an option at a value other than its default creates the listener (max_connections 10, max_qos 1, require_certificate true)',
      facts: conf('max_connections 10\nmax_qos 1\nrequire_certificate true\nlistener 8883\n'),
      findings: [
        { message: 'max_connections before the first listener creates the default listener 1883 on all addresses', line: 1 },
        { message: 'max_qos before the first listener creates the default listener 1883 on all addresses', line: 2 },
        { message: 'require_certificate before the first listener creates the default listener 1883 on all addresses', line: 3 },
      ],
    },
    {
      name: 'per_listener_settings true: allow_zero_length_clientid false creates it too',
      facts: conf('per_listener_settings true\nallow_zero_length_clientid false\nlistener 8883\n'),
      findings: [{ message: 'allow_zero_length_clientid before the first listener creates the default listener 1883 on all addresses', line: 2 }],
    },
    {
      name: 'a non-default protocol before the first listener',
      facts: conf('protocol websockets\nlistener 8883\n'),
      findings: [{ message: 'protocol before the first listener creates the default listener 1883 on all addresses', line: 1 }],
    },
    {
      name: 'with per_listener_settings true, password_file before the first listener opens it',
      facts: conf('per_listener_settings true\npassword_file /etc/mosquitto/passwd\nlistener 8883\n'),
      findings: [{ message: 'password_file before the first listener creates the default listener 1883 on all addresses', line: 2 }],
    },
    {
      name: 'an included file starts on the default listener',
      facts: conf('listener 8883\ninclude_dir /etc/mosquitto/conf.d\n', { included: ['# limits\nmax_connections 10\n'] }),
      findings: [{ message: 'max_connections at the top of an included file creates the default listener 1883 on all addresses', path: 'conf.d/10.conf', line: 2 }],
    },
  ],
});

ruleTester('conf.ineffective-option', {
  valid: [
    { name: 'certificate identity on a TLS listener without a password file', facts: conf(`listener 8883\n${TLS}require_certificate true\nuse_identity_as_username true\n`) },
    {
      name: 'a shared password_file still serves a listener without certificate identity',
      facts: conf(`listener 8883\n${TLS}require_certificate true\nuse_identity_as_username true\nlistener 1883\npassword_file /etc/mosquitto/passwd\n`),
    },
    { name: 'TLS options a plain MQTT listener applies', facts: conf(`listener 8883\n${TLS}tls_version tlsv1.2\ncrlfile /c.crl\ncapath /etc/ca\ndhparamfile /dh.pem\n`) },
    { name: 'the TLS options websockets does apply', facts: conf(`listener 8081\nprotocol websockets\n${TLS}cafile /ca.crt\nciphers HIGH\n`) },
    { name: 'include_dir in the main file', facts: confWithIgnoredIncludes('listener 1883\ninclude_dir /etc/mosquitto/conf.d\n', { included: ['max_connections 10\n'] }) },
  ],
  invalid: [
    {
      name: 'include_dir in an included file is ignored',
      facts: confWithIgnoredIncludes('listener 1883\ninclude_dir /etc/mosquitto/conf.d\n', { included: ['include_dir /etc/mosquitto/more.d\n'] }),
      findings: [{ message: 'include_dir has no effect: include_dir is only read in the main configuration file, not in included files', path: 'conf.d/10.conf', line: 1 }],
    },
    {
      name: 'use_identity_as_username on a listener without TLS',
      facts: conf('listener 1883\nuse_identity_as_username true\n'),
      findings: [{ message: 'use_identity_as_username has no effect: listener 1883 on all addresses has no TLS, so there is no certificate to take the identity from', line: 2 }],
    },
    {
      name: 'use_subject_as_username where keyfile is missing',
      facts: conf('listener 8883 10.0.0.5\ncertfile /c.crt\nrequire_certificate true\nuse_subject_as_username true\n'),
      findings: [{ message: 'use_subject_as_username has no effect: listener 8883 on 10.0.0.5 has no TLS, so there is no certificate to take the identity from', line: 4 }],
    },
    {
      name: 'a shared password_file where every listener takes usernames from certificates',
      facts: conf(`listener 8883\n${TLS}require_certificate true\nuse_identity_as_username true\npassword_file /etc/mosquitto/passwd\n`),
      findings: [{ message: 'password_file has no effect: use_identity_as_username is set, so every listener takes usernames from certificates and never consults the password file', line: 6 }],
    },
    {
      name: 'shared settings: reported once whatever the listener order (a plaintext identity listener first)',
      facts: conf(`listener 1884 127.0.0.1\nuse_identity_as_username true\nlistener 8883\n${TLS}require_certificate true\nuse_identity_as_username true\npassword_file /etc/mosquitto/passwd\n`),
      findings: [
        { message: 'use_identity_as_username has no effect: listener 1884 on 127.0.0.1 has no TLS, so there is no certificate to take the identity from', line: 2 },
        { message: 'password_file has no effect: use_identity_as_username is set, so every listener takes usernames from certificates and never consults the password file', line: 8 },
      ],
    },
    {
      name: 'with per_listener_settings true, the password_file of one certificate-identity listener',
      facts: conf(`per_listener_settings true\nlistener 8883\n${TLS}require_certificate true\nuse_subject_as_username true\npassword_file /etc/mosquitto/passwd\nlistener 1883\npassword_file /etc/mosquitto/passwd2\n`),
      findings: [{ message: 'password_file has no effect: use_subject_as_username is set, so listener 8883 on all addresses takes usernames from certificates and never consults the password file', line: 7 }],
    },
    {
      name: 'TLS options a websockets listener does not apply, one finding each',
      facts: conf(`listener 8081\nprotocol websockets\n${TLS}tls_version tlsv1.2\ncrlfile /c.crl\ncapath /etc/ca\ndhparamfile /dh.pem\n`),
      findings: [
        { message: 'tls_version has no effect: listener 8081 on all addresses speaks websockets, which does not apply tls_version', line: 5 },
        { message: 'crlfile has no effect: listener 8081 on all addresses speaks websockets, which does not apply crlfile', line: 6 },
        { message: 'capath has no effect: listener 8081 on all addresses speaks websockets, which does not apply capath', line: 7 },
        { message: 'dhparamfile has no effect: listener 8081 on all addresses speaks websockets, which does not apply dhparamfile', line: 8 },
      ],
    },
  ],
});

ruleTester('conf.inline-comment', {
  valid: [
    { name: 'a comment on its own line', facts: conf('# the ACL\nacl_file /etc/mosquitto/acl\n') },
    { name: 'booleans and numbers read only their first word', facts: conf('listener 1883\nallow_anonymous false # no guests\nmax_connections 10 # enough\n') },
    { name: 'a # inside a word is not a comment', facts: conf('listener 1883\nmount_point site#1/\n') },
    { name: 'a value that starts with # is another problem', facts: conf('listener 1883\nacl_file #/etc/acl\n') },
    { name: 'unknown keywords are skipped', facts: conf('listener 1883\nacl_fil /etc/acl # x\n') },
  ],
  invalid: [
    {
      name: 'a comment after a path becomes part of the path, pointing at the #',
      facts: conf('listener 1883\nacl_file /etc/mosquitto/acl # who may do what\n'),
      findings: [{ message: 'the # comment becomes part of the acl_file value "/etc/mosquitto/acl # who may do what"', line: 2, column: 29 }],
    },
    {
      name: 'the value of a secret option is redacted',
      facts: conf('listener 1883\npassword_file /etc/mosquitto/passwd # users\n'),
      findings: [{ message: 'the # comment becomes part of the password_file value "<redacted>"', line: 2, column: 37 }],
    },
    {
      name: 'include_dir is checked too',
      facts: conf('listener 1883\ninclude_dir /etc/mosquitto/conf.d #extra\n'),
      findings: [{ message: 'the # comment becomes part of the include_dir value "/etc/mosquitto/conf.d #extra"', line: 2, column: 35 }],
    },
    {
      name: 'a bridge string option',
      facts: conf('connection up\naddress b.example:8883\nbridge_cafile /etc/ca.crt # the bridge CA\n'),
      findings: [{ message: 'the # comment becomes part of the bridge_cafile value "/etc/ca.crt # the bridge CA"', line: 3, column: 27 }],
    },
  ],
});

ruleTester('conf.invalid-value', {
  valid: [
    {
      name: 'well-formed values of every type',
      facts: conf(
        'listener 1883\nallow_anonymous 1\nmax_connections -1\nmax_qos 2\ntls_version tlsv1.2\nlog_dest file /var/log/m.log\nlog_dest stdout\n' +
          'persistent_client_expiration 14d\nlistener 0 /run/m.sock\nlog_type debug\nconnection up\naddress b.example:8883 [::1]:1883\nrestart_timeout 10 30\ntopic sensors/# out 1\nkeepalive_interval 60\n',
      ),
    },
    { name: 'a trailing comment after a number or boolean is not read', facts: conf('listener 1883 # plain\nallow_anonymous false # no\nmax_connections 10 # ten\nconnection up\ntopic # both 2 # all\nrestart_timeout 5 # s\n') },
    { name: 'an IPv6 address without brackets is not taken for host:port', facts: conf('connection up\naddress 2001:db8::1\n') },
    { name: 'unknown keywords are not judged', facts: conf('listener 1883\nmax_conections ten\n') },
  ],
  invalid: [
    {
      name: 'an empty value',
      facts: conf('listener 1883\ncertfile\n'),
      findings: [{ message: 'certfile: the value is empty', line: 2 }],
    },
    {
      name: 'a word that is not a boolean',
      facts: conf('listener 1883\nallow_anonymous yes\n'),
      findings: [{ message: 'allow_anonymous: "yes" is not a boolean (true or false)', line: 2 }],
    },
    {
      name: 'a word where a number belongs is read as 0',
      facts: conf('listener 1883\nmax_connections ten\n'),
      findings: [{ message: 'max_connections: "ten" is not a number: mosquitto reads it as 0', line: 2 }],
    },
    {
      name: 'numbers below the minimum and above the maximum',
      facts: conf('listener 1883\nmax_qos 3\nmax_packet_size 10\nconnection up\naddress b.example\nkeepalive_interval 2\n'),
      findings: [
        { message: 'max_qos: 3 is above the maximum 2', line: 2 },
        { message: 'max_packet_size: 10 is below the minimum 20', line: 3 },
        { message: 'keepalive_interval: 2 is below the minimum 5', line: 6 },
      ],
    },
    {
      name: 'an enum value mosquitto 2.0 refuses (tls_version tlsv1)',
      facts: conf(`listener 8883\n${TLS}tls_version tlsv1\n`),
      findings: [{ message: 'tls_version: "tlsv1" is not one of tlsv1.3, tlsv1.2, tlsv1.1', line: 4 }],
    },
    {
      name: 'listener ports: not a number, above 65535, 0 without a socket path',
      facts: conf('listener mqtt\nlistener 70000\nlistener 0\n'),
      findings: [
        { message: 'listener: port "mqtt" is not a number', line: 1 },
        { message: 'listener: port 70000 is above 65535', line: 2 },
        { message: 'listener: port 0 needs a unix socket path', line: 3 },
      ],
    },
    {
      name: 'log_dest: an unknown destination, and file without a path',
      facts: conf('listener 1883\nlog_dest syslogd\nlog_dest file\n'),
      findings: [
        { message: 'log_dest: "syslogd" is not one of stderr, stdout, syslog, topic, file, dlt, none', line: 2 },
        { message: 'log_dest: log_dest file needs a path', line: 3 },
      ],
    },
    {
      name: 'persistent_client_expiration without a unit',
      facts: conf('listener 1883\npersistent_client_expiration 14\n'),
      findings: [{ message: 'persistent_client_expiration: "14" is not a duration such as 14d (h, d, w, m or y)', line: 2 }],
    },
    {
      name: 'restart_timeout with a word',
      facts: conf('connection up\naddress b.example\nrestart_timeout 10 forever\n'),
      findings: [{ message: 'restart_timeout: expects one or two numbers of seconds', line: 3 }],
    },
    {
      name: 'a bridge topic with a bad direction, and one with a bad qos',
      facts: conf('connection up\naddress b.example\ntopic sensors/# upstream\ntopic sensors/# out 3\n'),
      findings: [
        { message: 'topic: direction "upstream" is not in, out or both', line: 3 },
        { message: 'topic: qos "3" is not 0, 1 or 2', line: 4 },
      ],
    },
    {
      name: 'bridge addresses with an empty, zero or too large port',
      facts: conf('connection a\naddress a.example:\nconnection b\naddress b.example:0\nconnection c\naddresses c.example:1883 d.example:70000\n'),
      findings: [
        { message: 'address: address "a.example:" has an invalid port', line: 2 },
        { message: 'address: address "b.example:0" has an invalid port', line: 4 },
        { message: 'addresses: address "d.example:70000" has an invalid port', line: 6 },
      ],
    },
  ],
});

ruleTester('conf.listener-options-without-listener', {
  valid: [
    { name: 'listener options under an explicit listener', facts: conf(`listener 8883\n${TLS}`) },
    { name: 'local-only mode without listener options', facts: conf('allow_anonymous true\npersistence true\n') },
    { name: 'port makes a listener for the options to apply to', facts: conf(`port 8883\n${TLS}`) },
    { name: 'bind_address makes a listener for the options to apply to', facts: conf('bind_address 10.0.0.5\nmax_connections 10\n') },
  ],
  invalid: [
    {
      name: 'each listener option in local-only mode, at its line',
      facts: conf(`allow_anonymous false\n${TLS}`),
      findings: [
        { message: 'certfile has no listener to apply to: mosquitto ≥ 2.0.12 ignores it, 2.0.0–2.0.11 open 0.0.0.0:1883 with anonymous access', line: 2 },
        { message: 'keyfile has no listener to apply to: mosquitto ≥ 2.0.12 ignores it, 2.0.0–2.0.11 open 0.0.0.0:1883 with anonymous access', line: 3 },
      ],
    },
    {
      name: 'a listener option in an included file with no listener anywhere',
      facts: conf('include_dir /etc/mosquitto/conf.d\n', { included: ['max_connections 100\n'] }),
      findings: [{ message: 'max_connections has no listener to apply to: mosquitto ≥ 2.0.12 ignores it, 2.0.0–2.0.11 open 0.0.0.0:1883 with anonymous access', path: 'conf.d/10.conf', line: 1 }],
    },
  ],
});
