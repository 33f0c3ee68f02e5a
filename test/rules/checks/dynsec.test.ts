/**
 * @fileoverview Table tests of the dynamic-security and PSK rules, in memory: a config that loads
 * mosquitto_dynamic_security with plugin_opt_config_file, and the JSON file it names (docs/lint.md, "Dynamic security").
 */
import { confFacts } from '../../helpers/facts.js';
import { ruleTester } from '../../helpers/rule-tester.js';

const CONF = 'listener 8883\ncertfile /c\nkeyfile /k\nplugin /usr/lib/x86_64-linux-gnu/mosquitto_dynamic_security.so\nplugin_opt_config_file dynsec.json\n';
const DENY = { publishClientSend: false, publishClientReceive: true, subscribe: false, unsubscribe: true };
const hash = { password: 'cGFzc3dvcmQ=', salt: 'c2FsdA==', iterations: 101 };
const acl = (acltype: string, topic: string, allow = true) => ({ acltype, topic, priority: 0, allow });
const ADMIN_ROLE = { rolename: 'admin', acls: [acl('publishClientSend', '$CONTROL/dynamic-security/#'), acl('subscribePattern', '#')] };

/** The JSON text of a dynsec file, two-space indented as tests count lines. */
const json = (o: Record<string, unknown>) => `${JSON.stringify({ defaultACLAccess: DENY, clients: [{ username: 'admin', roles: [{ rolename: 'admin' }], ...hash }], groups: [], roles: [ADMIN_ROLE], ...o }, null, 2)}\n`;
/** The 1-based line of the nth line containing `needle`. */
const lineOf = (text: string, needle: string, nth = 1) => text.split('\n').map((l, i) => (l.includes(needle) ? i + 1 : 0)).filter(Boolean)[nth - 1];
const facts = (text: string, conf = CONF) => ({ config: confFacts(conf, { dynsec: { 'dynsec.json': text } }) });

const open = json({ defaultACLAccess: { publishClientSend: true, publishClientReceive: true, subscribe: true, unsubscribe: true } });
ruleTester('dynsec.default-access-allows', {
  valid: [
    { name: 'the defaults mosquitto_ctrl dynsec init writes', facts: facts(json({})) },
    { name: 'a missing defaultACLAccess denies all four', facts: facts(`${JSON.stringify({ clients: [], roles: [] })}\n`) },
    { name: 'a non-boolean value denies ("allow" as a string, what mosquitto_ctrl 2.0.11 sent)', facts: facts(json({ defaultACLAccess: { publishClientSend: 'allow', subscribe: 'allow' } })) },
  ],
  invalid: [
    {
      name: 'publish and subscribe allowed by default',
      facts: facts(open),
      findings: [
        { message: 'defaultACLAccess publishClientSend is true: a client without roles may publish to any ordinary topic', path: 'dynsec.json', line: lineOf(open, '"publishClientSend": true') },
        { message: 'defaultACLAccess subscribe is true: a client without roles may subscribe to any topic', path: 'dynsec.json', line: lineOf(open, '"subscribe": true') },
      ],
    },
  ],
});

const guests = (acls: object[]) => json({ anonymousGroup: 'guests', groups: [{ groupname: 'guests', roles: [{ rolename: 'guest' }] }], roles: [ADMIN_ROLE, { rolename: 'guest', acls }] });
const wideGuests = guests([acl('subscribePattern', '#'), acl('publishClientSend', '$CONTROL/dynamic-security/#'), acl('subscribePattern', 'public/#')]);
ruleTester('dynsec.anonymous-group-wide', {
  valid: [
    { name: 'guests read public/# only', facts: facts(guests([acl('subscribePattern', 'public/#'), acl('publishClientReceive', '#')])) },
    { name: 'a wide role of a group that is not the anonymous group', facts: facts(json({ groups: [{ groupname: 'ops', roles: [{ rolename: 'ops' }] }], roles: [ADMIN_ROLE, { rolename: 'ops', acls: [acl('subscribePattern', '#')] }] })) },
    { name: 'a denied # is not a grant', facts: facts(guests([acl('subscribePattern', '#', false)])) },
  ],
  invalid: [
    {
      name: 'subscribe to everything; publish to $CONTROL is critical',
      facts: facts(wideGuests),
      findings: [
        { message: 'anonymous clients (group guests) get subscribePattern # through role guest', path: 'dynsec.json', line: lineOf(wideGuests, '"topic": "#"', 2) },
        { message: 'anonymous clients (group guests) may publish to $CONTROL/dynamic-security/# through role guest: any of them can make itself admin', path: 'dynsec.json', line: lineOf(wideGuests, '"topic": "$CONTROL/dynamic-security/#"', 2), severity: 'critical' },
      ],
    },
  ],
});

const ops = json({ clients: [{ username: 'admin', roles: [{ rolename: 'admin' }], ...hash }, { username: 'sensor1', groups: [{ groupname: 'ops' }], roles: [], ...hash }], groups: [{ groupname: 'ops', roles: [{ rolename: 'ops' }] }], roles: [ADMIN_ROLE, { rolename: 'ops', acls: [acl('publishClientSend', '#'), acl('publishClientSend', '$CONTROL/dynamic-security/v1')] }] });
ruleTester('dynsec.role-wildcard-all', {
  valid: [
    { name: 'only the admin holds the admin role', facts: facts(json({})) },
    { name: 'a user named in --acl-admin may hold it', facts: facts(json({ clients: [{ username: 'ops-bot', roles: [{ rolename: 'admin' }], ...hash }] })), settings: { adminUsers: ['ops-bot'] } },
    { name: 'a wide role nobody holds', facts: facts(json({ roles: [ADMIN_ROLE, { rolename: 'spare', acls: [acl('subscribePattern', '#')] }] })) },
  ],
  invalid: [
    {
      name: 'through a group: # publish (high) and the control topic (critical)',
      facts: facts(ops),
      findings: [
        { message: 'role ops grants publishClientSend # to client sensor1', path: 'dynsec.json', line: lineOf(ops, '"topic": "#"', 2) },
        { message: 'role ops lets client sensor1 publish to $CONTROL/dynamic-security/v1: each can make itself admin', path: 'dynsec.json', line: lineOf(ops, '"topic": "$CONTROL/dynamic-security/v1"'), severity: 'critical' },
      ],
    },
  ],
});

const nopw = json({ clients: [{ username: 'admin', roles: [{ rolename: 'admin' }], ...hash }, { username: 'gateway', roles: [] }] });
ruleTester('dynsec.client-without-password', {
  valid: [{ name: 'every client has a password', facts: facts(json({})) }],
  invalid: [{ name: 'a client without one', facts: facts(nopw), findings: [{ message: 'client gateway has no password, so it can never log in', path: 'dynsec.json', line: lineOf(nopw, '"username": "gateway"') }] }],
});

const iters = json({ clients: [{ username: 'admin', roles: [], ...hash, iterations: 1 }, { username: 'b', roles: [], ...hash, iterations: 101 }, { username: 'c', roles: [], ...hash, iterations: 210000 }] });
ruleTester('dynsec.low-iterations', {
  valid: [{ name: 'OWASP\'s 210000', facts: facts(json({ clients: [{ username: 'admin', roles: [], ...hash, iterations: 600000 }] })) }],
  invalid: [
    {
      name: 'a hand-edited 1 is medium; mosquitto_ctrl\'s 101 is low',
      facts: facts(iters),
      findings: [
        { message: 'client admin has 1 PBKDF2 iterations, fewer than mosquitto\'s own 101', path: 'dynsec.json', line: lineOf(iters, '"iterations": 1,'), severity: 'medium' },
        { message: 'client b has 101 PBKDF2 iterations (OWASP: 210000)', path: 'dynsec.json', line: lineOf(iters, '"iterations": 101') },
      ],
    },
  ],
});

ruleTester('dynsec.parse-error', {
  valid: [{ name: 'valid JSON', facts: facts(json({})) }],
  invalid: [{ name: 'a trailing comma', facts: facts('{\n  "clients": [],\n}\n'), findings: [{ message: 'the dynamic-security file is not valid JSON (a property name expected)', path: 'dynsec.json', line: 3 }] }],
});

ruleTester('dynsec.file-permissions', {
  valid: [{ name: '0600', facts: { config: confFacts(CONF, { dynsec: { 'dynsec.json': json({}) }, modes: { 'dynsec.json': 0o600 } }) } }],
  invalid: [
    {
      name: 'the 0644 mosquitto_ctrl dynsec init leaves',
      facts: { config: confFacts(CONF, { dynsec: { 'dynsec.json': json({}) }, modes: { 'dynsec.json': 0o644 } }) },
      findings: [{ message: 'dynamic-security file dynsec.json has mode 0644', line: 5 }],
    },
  ],
});

ruleTester('psk.weak-key', {
  valid: [{ name: '128 bits and more', facts: { config: confFacts('listener 8883\npsk_hint b\npsk_file psk\n', { psk: { psk: 'a:7c3b9e0f61a24d8b95e3c0a1f4d27b68\nb:0d5f8a3c7e9b1d4f6a2c8e0b3d5f7a9c1e3b5d7f\n' } }) } }],
  invalid: [
    {
      name: 'a 32-bit key and a key that is not hex; the key never shows',
      facts: { config: confFacts('listener 8883\npsk_hint b\npsk_file psk\n', { psk: { psk: '# keys\ngw2:a1b2c3d4\ngw3:0x7c3b\n' } }) },
      findings: [
        { message: 'the key of PSK identity gw2 has 32 bits (at least 128 needed)', path: 'psk', line: 2, column: 5 },
        { message: 'the key of PSK identity gw3 is not hex digits only: mosquitto refuses to start', path: 'psk', line: 3, severity: 'high' },
      ],
    },
  ],
});
