/**
 * @fileoverview Table tests of the configuration rules issue 11 added, in memory: plugin options before their plugin,
 * bridges that mirror everything or lose their prefixes, weak PSKs.
 */
import { confFacts } from '../../helpers/facts.js';
import { ruleTester } from '../../helpers/rule-tester.js';

const ERR_20 = '"Error: An auth_opt_ option exists in the config file without an auth_plugin."';

ruleTester('conf.plugin-option-without-plugin', {
  valid: [
    { name: 'options right after their plugin', facts: { config: confFacts('listener 1883 127.0.0.1\nauth_plugin /usr/lib/go-auth.so\nauth_opt_backends files\nauth_plugin_deny_special_chars true\n') } },
    { name: 'plugin_opt_ after plugin', facts: { config: confFacts('plugin /usr/lib/mosquitto_dynamic_security.so\nplugin_opt_config_file /var/lib/mosquitto/dynamic-security.json\nlistener 1883 127.0.0.1\n') } },
    { name: 'plugin and options together in an include_dir file', facts: { config: confFacts('include_dir /etc/mosquitto/conf.d\nlistener 1883 127.0.0.1\n', { exists: ['/etc/mosquitto/conf.d'], included: ['plugin /p.so\nplugin_opt_x 1\n'] }) } },
    { name: 'an option after a listener line still belongs to the global plugin without per_listener_settings', facts: { config: confFacts('plugin /p.so\nlistener 1883 127.0.0.1\nplugin_opt_x 1\n') } },
    { name: 'per_listener_settings: each listener with its own plugin and options', facts: { config: confFacts('per_listener_settings true\nlistener 1883 127.0.0.1\nplugin /a.so\nplugin_opt_a 1\nlistener 1884 127.0.0.1\nplugin /b.so\nplugin_opt_b 1\n') } },
    { name: '2.1: global_plugin counts as a plugin line', facts: { config: confFacts('global_plugin /p.so\nplugin_opt_x 1\nlistener 1883 127.0.0.1\n', { version: '2.1' }) } },
  ],
  invalid: [
    {
      name: 'auth_opt_ before auth_plugin: the broker refuses to start',
      facts: { config: confFacts('listener 1883 127.0.0.1\nauth_opt_backends files\nauth_plugin /usr/lib/go-auth.so\n') },
      findings: [{ message: `auth_opt_backends comes before any plugin line in this file: mosquitto refuses to start (${ERR_20})`, line: 2 }],
    },
    {
      name: 'plugin_opt_ before plugin gets the same error text (mosquitto says auth_opt_)',
      facts: { config: confFacts('plugin_opt_config_file /x.json\nplugin /p.so\n') },
      findings: [{ message: `plugin_opt_config_file comes before any plugin line in this file: mosquitto refuses to start (${ERR_20})`, line: 1 }],
    },
    {
      name: 'auth_plugin_deny_special_chars before the plugin',
      facts: { config: confFacts('auth_plugin_deny_special_chars false\nauth_plugin /p.so\n') },
      findings: [{ message: 'auth_plugin_deny_special_chars comes before any plugin line in this file: mosquitto refuses to start ("Error: An auth_plugin_deny_special_chars option exists in the config file without an auth_plugin.")', line: 1 }],
    },
    {
      name: 'the plugin in the main file does not serve options in an include_dir file',
      facts: { config: confFacts('auth_plugin /p.so\ninclude_dir /etc/mosquitto/conf.d\nlistener 1883 127.0.0.1\n', { exists: ['/etc/mosquitto/conf.d'], included: ['auth_opt_backends files\n'] }) },
      findings: [{ message: `auth_opt_backends comes before any plugin line in this file: mosquitto refuses to start (${ERR_20}); the plugin line in mosquitto.conf does not count here`, path: 'conf.d/10.conf', line: 1 }],
    },
    {
      name: '2.1 words it differently',
      facts: { config: confFacts('plugin_opt_x 1\nplugin /p.so\n', { version: '2.1' }) },
      findings: [{ message: `plugin_opt_x comes before any plugin line in this file: mosquitto refuses to start ("Error: The 'plugin_opt_x' option requires plugin/global_plugin/plugin_load to be defined first.")`, line: 1 }],
    },
    {
      name: 'per_listener_settings true: an option under a listener without a plugin configures the previous listener\'s plugin',
      facts: { config: confFacts('per_listener_settings true\nlistener 1883 127.0.0.1\nauth_plugin /a.so\nlistener 1884 127.0.0.1\nauth_opt_backends files\n') },
      findings: [{ message: 'auth_opt_backends configures the plugin of listener 1883 127.0.0.1 (line 3), not a plugin of this listener: with per_listener_settings true each listener needs its own plugin line above its options', line: 5, severity: 'medium' }],
    },
  ],
});

const bridge = (topics: string, extra = '') => `listener 1883 127.0.0.1\nconnection cloud\naddress 127.0.0.1:1884\n${extra}${topics}`;

ruleTester('conf.bridge-mirrors-all', {
  valid: [
    { name: 'chosen topics with prefixes', facts: { config: confFacts(bridge('topic sensors/# out 1 "" site1/\ntopic cmd/# in 1 "" site1/\n')) } },
    { name: '# out alone (everything up, nothing down) is a choice, not a mirror', facts: { config: confFacts(bridge('topic # out 1\n')) } },
    { name: '# in and # out on two different bridges', facts: { config: confFacts(bridge('topic # in 0\nconnection other\naddress 127.0.0.1:1885\ntopic # out 0\n')) } },
  ],
  invalid: [
    {
      name: 'topic # both',
      facts: { config: confFacts(bridge('topic # both 1\n')) },
      findings: [{ message: 'bridge cloud mirrors every topic in both directions (topic # both): all local traffic leaves and all remote traffic comes in, and a remote that bridges # back makes messages loop', line: 4 }],
    },
    {
      name: 'try_private false: each message also comes back once',
      facts: { config: confFacts(bridge('topic # both 0\n', 'try_private false\n')) },
      findings: [{ message: 'bridge cloud mirrors every topic in both directions (topic # both): all local traffic leaves and all remote traffic comes in, and a remote that bridges # back makes messages loop; with try_private false each message also comes back once', line: 5 }],
    },
    {
      name: '# out then # in mirrors both ways',
      facts: { config: confFacts(bridge('topic # out 0\ntopic # in 0\n')) },
      findings: [{ message: 'bridge cloud mirrors every topic in both directions (topic # in and topic # out): all local traffic leaves and all remote traffic comes in, and a remote that bridges # back makes messages loop', line: 4 }],
    },
    {
      name: '# in then # out: the out line unsubscribes the in line\'s #',
      facts: { config: confFacts(bridge('topic # in 0\ntopic # out 0\n')) },
      findings: [{ message: 'bridge cloud: topic # out (line 5) unsubscribes the # that topic # in (line 4) subscribed, so nothing comes in from the remote (set bridge_attempt_unsubscribe false, or bridge only the topics each side needs)', line: 5 }],
    },
    {
      name: '# in then # out with bridge_attempt_unsubscribe false is a mirror',
      facts: { config: confFacts(bridge('topic # in 0\ntopic # out 0\n', 'bridge_attempt_unsubscribe false\n')) },
      findings: [{ message: 'bridge cloud mirrors every topic in both directions (topic # in and topic # out): all local traffic leaves and all remote traffic comes in, and a remote that bridges # back makes messages loop', line: 5 }],
    },
  ],
});

ruleTester('conf.bridge-topic-comment', {
  valid: [
    { name: 'QoS then prefixes', facts: { config: confFacts(bridge('topic temp out 0 local/ remote/\n')) } },
    { name: 'a comment after the direction, with no prefixes in it, loses nothing', facts: { config: confFacts(bridge('topic temp out # send temperatures up\n')) } },
    { name: 'a # in the prefix field is mosquitto\'s own "no prefix"', facts: { config: confFacts(bridge('topic temp out 1 # no prefixes\n')) } },
  ],
  invalid: [
    {
      name: 'a # where the QoS goes swallows the prefixes',
      facts: { config: confFacts(bridge('topic temp out # local/ remote/\n')) },
      findings: [{ message: 'topic temp out # local/ remote/: the # in the QoS field starts a comment, so mosquitto uses QoS 0 and drops the prefixes written after it', line: 4, column: 16 }],
    },
    {
      name: 'a commented QoS with the empty-prefix marker',
      facts: { config: confFacts(bridge('topic telemetry out #1 "" devices/edge1/\n')) },
      findings: [{ message: 'topic telemetry out #1 "" devices/edge1/: the # in the QoS field starts a comment, so mosquitto uses QoS 0 and drops the prefixes written after it', line: 4, column: 21 }],
    },
  ],
});

// False alarms the corpus (fixtures/corpus) showed: TLS-PSK identities and 2.1's PROXY protocol.
const PSK = 'listener 8883\npsk_hint line\npsk_file /etc/mosquitto/psk\nuse_identity_as_username true\nlistener 1883 127.0.0.1\nallow_anonymous true\n';
const PROXIED = 'listener 1883\nenable_proxy_protocol 2\nproxy_protocol_v2_require_tls true\nrequire_certificate true\nuse_identity_as_username true\nlistener 1884 127.0.0.1\nallow_anonymous true\n';
ruleTester('conf.identity-without-require-certificate', {
  valid: [{ name: 'a TLS-PSK listener takes the PSK identity: no certificate is needed', facts: { config: confFacts(PSK) } }],
  invalid: [{ name: 'a certificate listener still needs require_certificate', facts: { config: confFacts('listener 8883\ncertfile /c\nkeyfile /k\nuse_identity_as_username true\n') }, findings: [{ message: 'use_identity_as_username without require_certificate true refuses every client on listener 8883 on all addresses', line: 4 }] }],
});
ruleTester('conf.anonymous-network-listener', {
  valid: [
    { name: 'TLS-PSK only with use_identity_as_username: every client has a PSK identity', facts: { config: confFacts(PSK) } },
    { name: '2.1 PROXY v2 with TLS and client certificates as usernames', facts: { config: confFacts(PROXIED, { version: '2.1' }) } },
  ],
  invalid: [{ name: 'PSK next to a certificate: certificate clients need no PSK identity', facts: { config: confFacts('listener 8883\npsk_hint line\ncertfile /c\nkeyfile /k\nuse_identity_as_username true\nallow_anonymous true\n') }, findings: [{ message: 'anonymous clients are accepted on listener 8883 on all addresses', line: 6 }] }],
});
ruleTester('conf.require-certificate-without-ca', {
  valid: [{ name: '2.1 PROXY v2: the proxy verifies client certificates', facts: { config: confFacts(PROXIED, { version: '2.1' }) } }],
  invalid: [{ name: 'a listener that ends TLS itself needs a CA', facts: { config: confFacts('listener 8883\ncertfile /c\nkeyfile /k\nrequire_certificate true\n') }, findings: [{ message: 'require_certificate on listener 8883 on all addresses has no cafile or capath to verify client certificates against', line: 4 }] }],
});
ruleTester('conf.plaintext-network-listener', {
  valid: [{ name: '2.1 PROXY v2 requiring TLS at the proxy', facts: { config: confFacts(PROXIED, { version: '2.1' }) } }],
  invalid: [{ name: 'PROXY v1 carries no TLS information: plaintext', facts: { config: confFacts('listener 1883\nenable_proxy_protocol 1\n', { version: '2.1' }) }, findings: [{ message: 'listener 1883 on all addresses speaks mqtt without TLS', line: 1 }] }],
});
