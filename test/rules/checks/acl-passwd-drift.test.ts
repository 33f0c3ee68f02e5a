/**
 * @fileoverview Table tests of the ACL (acl.*), password-file (passwd.*) and drift (drift.*) rules, in memory: ACL and
 * password files named by a configuration (confFacts) and linted alone (aclFacts, passwdFacts), file modes, and
 * configuration facts against scan facts for drift (no broker).
 */
import type { CertFacts, ConfigFacts } from '../../../src/model/config.js';
import type { MqttFacts, TargetFacts, WireCert } from '../../../src/model/wire.js';
import type { AuditFacts } from '../../../src/rules/subjects.js';
import { aclFacts, cert, confFacts, passwdFacts, scanFacts, target } from '../../helpers/facts.js';
import { ruleTester } from '../../helpers/rule-tester.js';

// ---------------------------------------------------------------------------------------------------------------
// Local builders

/** An ACL file named by a config at line 2 (`acl_file NAME`); findings in it show NAME (relative to /repo or absolute). */
function aclInConf(text: string, name = 'acl', mode?: number): AuditFacts {
  return { config: confFacts(`listener 1883\nacl_file ${name}\n`, { acl: { [name]: text }, ...(mode === undefined ? {} : { modes: { [name]: mode } }) }) };
}

/** A password file named by a config at line 2 (`password_file NAME`). */
function passwdInConf(text: string, name = 'passwd', mode?: number): AuditFacts {
  return { config: confFacts(`listener 1883\npassword_file ${name}\n`, { passwd: { [name]: text }, ...(mode === undefined ? {} : { modes: { [name]: mode } }) }) };
}

/** The same facts with every file mode marked as not meaningful (a git work tree under --file-modes auto). */
function unchecked(c: ConfigFacts): ConfigFacts {
  return { ...c, modes: new Map([...c.modes].map(([p, m]) => [p, { ...m, checked: false }])) };
}

const b64 = (bytes: number, fill: number) => Buffer.alloc(bytes, fill).toString('base64');
const SALT = b64(12, 1);
const HASH = b64(64, 2);
/** A well-formed `$7$` (PBKDF2-SHA512) secret. */
const pbkdf2 = (iterations: number) => `$7$${String(iterations)}$${SALT}$${HASH}`;
/** A well-formed `$6$` (one SHA-512) secret. */
const SHA512 = `$6$${SALT}$${HASH}`;
/** What mosquitto_passwd 2.0 writes by default. */
const STOCK = pbkdf2(101);
/** A hash with the OWASP iteration count. */
const STRONG = pbkdf2(210000);

/** MQTT facts of a probe: anonymous CONNECT accepted or refused. */
function mq(anonymous: boolean, over: Partial<MqttFacts> = {}): MqttFacts {
  return anonymous
    ? { protocolVersion: 5, anonymous: true, anonymousResult: 'accepted', connack: { v311: 0, v5: 0 }, ...over }
    : { protocolVersion: 5, anonymous: false, anonymousResult: 'not authorised', connack: { v311: 5, v5: 135 }, ...over };
}

const H = '10.0.0.5';
/** A target on H (open plaintext MQTT that refuses anonymous clients unless told otherwise). */
function on(port: number, over: Partial<TargetFacts> = {}): TargetFacts {
  return target({ host: H, port, mqtt: mq(false), ...over });
}
/** A TLS target on H that completed a TLS 1.3 handshake. */
function tlsOn(port: number, over: Partial<TargetFacts> = {}): TargetFacts {
  return on(port, { transport: 'tls', tls: { protocol: 'TLSv1.3', cipher: 'TLS_AES_256_GCM_SHA384' }, ...over });
}
/** A served certificate. */
function served(over: Parameters<typeof cert>[0] = {}): WireCert {
  return { ...cert(over), daysLeft: over.days ?? 365 };
}
/** Drift facts: a config and the targets of a scan whose hosts were named alone (unless `named` says otherwise). */
function drift(conf: string, targets: TargetFacts[], o: { certs?: Record<string, CertFacts[]>; named?: string[] } = {}): AuditFacts {
  return { config: confFacts(conf, o.certs ? { certs: o.certs } : {}), scan: scanFacts(targets, o.named ? { named: o.named } : {}) };
}

const TLS_8883 = 'listener 8883\ncertfile server.crt\nkeyfile server.key\n';

// ---------------------------------------------------------------------------------------------------------------
// acl.*

ruleTester('acl.anonymous-wide-access', {
  valid: [
    { name: 'the anonymous section may read a few public topics', facts: { config: aclFacts('topic read public/#\ntopic read $SYS/broker/uptime\n') } },
    { name: 'a deny line in the anonymous section takes access away', facts: { config: aclFacts('topic deny #\n') } },
    { name: 'write access inside a user block is not anonymous', facts: aclInConf('user bob\ntopic write sensors/#\ntopic read #\n') },
    { name: 'pattern lines are not the anonymous section (other rules judge them)', facts: { config: aclFacts('pattern write devices/%u/#\n') } },
  ],
  invalid: [
    {
      name: 'a write line before the first user gives anonymous clients write access',
      facts: { config: aclFacts('# public\ntopic write sensors/#\nuser bob\ntopic write bob/#\n') },
      findings: [{ message: 'anonymous clients get write access: topic write sensors/#', path: 'acl', line: 2, column: 1 }],
    },
    {
      name: 'a topic line without an access type is readwrite, so it is write access',
      facts: aclInConf('topic public/chat\n'),
      findings: [{ message: 'anonymous clients get write access: topic readwrite public/chat', path: 'acl', line: 1 }],
    },
    {
      name: 'reading # (or +/#) in the anonymous section is read access to every topic, in a file the config names by absolute path',
      facts: aclInConf('topic read #\ntopic read +/#\n', '/etc/mosquitto/acl'),
      findings: [
        { message: 'anonymous clients get read access to every topic: topic read #', path: '/etc/mosquitto/acl', line: 1 },
        { message: 'anonymous clients get read access to every topic: topic read +/#', path: '/etc/mosquitto/acl', line: 2 },
      ],
    },
  ],
});

ruleTester('acl.empty-file', {
  valid: [
    { name: 'a file with one topic line has rules', facts: { config: aclFacts('user bob\ntopic read bob/#\n') } },
    { name: 'a pattern line is a rule', facts: aclInConf('pattern read devices/%u/#\n') },
    { name: 'a file with a line the broker rejects is acl.parse-error, not empty', facts: { config: aclFacts('topic rw foo\n') } },
  ],
  invalid: [
    {
      name: 'an empty file linted alone points at its first line',
      facts: { config: aclFacts('') },
      findings: [{ message: 'the ACL file has no rules: every client is denied everything', path: 'acl', line: 1 }],
    },
    {
      name: 'comments and user lines without topics are no rules; the finding points at the acl_file line of the config',
      facts: aclInConf('# nothing yet\nuser bob\nuser alice\n'),
      findings: [{ message: 'the ACL file has no rules: every client is denied everything', line: 2 }],
    },
    {
      name: 'with per_listener_settings each listener has its own ACL file: only the empty one is reported, at its own acl_file line',
      facts: {
        config: confFacts('per_listener_settings true\nlistener 1883\nacl_file a1\nlistener 8883\nacl_file a2\n', { acl: { a1: 'topic read x\n', a2: '\n# empty\n' } }),
      },
      findings: [{ message: 'the ACL file has no rules: every client is denied everything', line: 5 }],
    },
  ],
});

ruleTester('acl.file-permissions', {
  valid: [
    { name: 'mode 0600 alone', facts: { config: aclFacts('topic read x\n', 0o600) } },
    { name: 'mode 0640 (group mosquitto may read) in a config', facts: aclInConf('topic read x\n', 'acl', 0o640) },
    { name: 'no mode known', facts: { config: aclFacts('topic read x\n') } },
    { name: 'a bad mode in a git work tree is not checked', facts: { config: unchecked(aclFacts('topic read x\n', 0o666)) } },
    { name: 'other execute bits do not matter', facts: { config: aclFacts('topic read x\n', 0o601) } },
  ],
  invalid: [
    {
      name: 'writable by group is high, at the acl_file line of the config',
      facts: aclInConf('topic read x\n', 'acl', 0o660),
      findings: [{ message: 'ACL file acl has mode 0660', line: 2, evidence: { file: 'acl', mode: '0660' } }],
    },
    {
      name: 'writable by others is high, on line 1 of a file linted alone',
      facts: { config: aclFacts('topic read x\n', 0o602) },
      findings: [{ message: 'ACL file acl has mode 0602', path: 'acl', line: 1 }],
    },
    {
      name: 'readable and writable by others is the write (high) form',
      facts: aclInConf('topic read x\n', '/etc/mosquitto/acl', 0o666),
      findings: [{ message: 'ACL file /etc/mosquitto/acl has mode 0666', line: 2, evidence: { file: '/etc/mosquitto/acl', mode: '0666' } }],
    },
    {
      name: 'readable by others only is low (readable variant)',
      facts: aclInConf('topic read x\n', 'acl', 0o644),
      findings: [{ message: 'ACL file acl has mode 0644: readable by others', severity: 'low', line: 2 }],
    },
    {
      name: 'the file-type bits of a stat mode are not shown',
      facts: { config: aclFacts('topic read x\n', 0o100604) },
      findings: [{ message: 'ACL file acl has mode 0604: readable by others', severity: 'low', path: 'acl', line: 1, evidence: { mode: '0604' } }],
    },
  ],
});

ruleTester('acl.parse-error', {
  valid: [
    {
      name: 'comments in column 1, blank lines, user/topic/pattern with every access type',
      facts: { config: aclFacts('# c\n\nuser bob\ntopic read a/#\ntopic write b\ntopic readwrite c/+/d\ntopic deny e\ntopic f\npattern read devices/%u/#\n') },
    },
    { name: 'a valid file the config names', facts: aclInConf('user bob\ntopic bob/#\n') },
    { name: 'a lone word after topic is the filter, not an access type', facts: { config: aclFacts('topic read\n') } },
  ],
  invalid: [
    {
      name: 'an unknown access type such as rw is rejected, pointing at the access word',
      facts: { config: aclFacts('user bob\ntopic rw bob/#\n') },
      findings: [{ message: 'unknown access type "rw" (read, write, readwrite or deny)', path: 'acl', line: 2, column: 7 }],
    },
    {
      name: 'an indented comment is rejected',
      facts: { config: aclFacts('topic read x\n  # note\n') },
      findings: [{ message: 'invalid line: an indented comment (only a `#` in column 1 starts a comment)', path: 'acl', line: 2, column: 3 }],
    },
    {
      name: 'a tab separator is rejected',
      facts: { config: aclFacts('topic\tread x\n') },
      findings: [{ message: 'invalid line: a tab where a space is needed', path: 'acl', line: 1 }],
    },
    {
      name: 'an unknown keyword is rejected',
      facts: { config: aclFacts('users bob\n') },
      findings: [{ message: 'invalid line: unknown keyword "users"', path: 'acl', line: 1 }],
    },
    {
      name: 'user and topic/pattern lines without their argument are rejected, in a file the config names',
      facts: aclInConf('user\ntopic\npattern \n'),
      findings: [
        { message: '`user` without a name', path: 'acl', line: 1 },
        { message: '`topic` without a topic filter', path: 'acl', line: 2 },
        { message: '`pattern` without a topic filter', path: 'acl', line: 3 },
      ],
    },
    {
      name: 'invalid topic filters are rejected (# not last, + not a whole level)',
      facts: aclInConf('topic read a/#/b\ntopic read a/b+\npattern read x#\n', '/etc/mosquitto/acl'),
      findings: [
        { message: 'invalid topic filter "a/#/b": `#` must be a whole, last level', path: '/etc/mosquitto/acl', line: 1, column: 12 },
        { message: 'invalid topic filter "a/b+": `+` must be a whole level', path: '/etc/mosquitto/acl', line: 2 },
        { message: 'invalid topic filter "x#": `#` must be a whole, last level', path: '/etc/mosquitto/acl', line: 3 },
      ],
    },
  ],
});

ruleTester('acl.pattern-deny-shadowed', {
  valid: [
    { name: 'a pattern deny no user grant overlaps', facts: { config: aclFacts('user bob\ntopic read bob/#\npattern deny devices/%u/secret\n') } },
    { name: 'a user deny line is not a grant', facts: { config: aclFacts('user bob\ntopic deny devices/#\npattern deny devices/%u/secret\n') } },
    { name: 'a pattern grant (not deny) is not shadowed', facts: aclInConf('user bob\ntopic devices/#\npattern read devices/%u/#\n') },
    { name: 'disjoint filters at the same depth do not overlap', facts: { config: aclFacts('user bob\ntopic a/b/c\npattern deny a/%u/d\n') } },
    { name: '%u is the user\'s own name: alice\'s grant on secret/bob is not where her pattern deny applies', facts: { config: aclFacts('user alice\ntopic read secret/bob/x\npattern deny secret/%u/#\n') } },
    { name: 'a pattern deny with %u never applies to clients without a username', facts: { config: aclFacts('topic read secret/#\npattern deny secret/%u/#\n') } },
  ],
  invalid: [
    {
      name: 'a user grant on a wider filter takes back the pattern deny',
      facts: { config: aclFacts('user bob\ntopic readwrite devices/#\npattern deny devices/%u/secret\n') },
      findings: [{ message: 'pattern deny devices/%u/secret does not apply to user bob, whose topic devices/# (line 2) is checked first', path: 'acl', line: 3, column: 1 }],
    },
    {
      name: 'only the first overlapping grant is named, once per pattern deny, in a file the config names',
      facts: aclInConf('user alice\ntopic read logs/+\nuser bob\ntopic write logs/#\npattern deny logs/secret\npattern deny logs/%c\n'),
      findings: [
        { message: 'pattern deny logs/secret does not apply to user alice, whose topic logs/+ (line 2) is checked first', path: 'acl', line: 5 },
        { message: 'pattern deny logs/%c does not apply to user alice, whose topic logs/+ (line 2) is checked first', path: 'acl', line: 6 },
      ],
    },
    {
      name: 'the anonymous section is checked before patterns too',
      facts: { config: aclFacts('topic read public/#\npattern deny public/%c/admin\n') },
      findings: [{ message: 'pattern deny public/%c/admin does not apply to clients without a username, whose anonymous-section topic public/# (line 1) is checked first', path: 'acl', line: 2 }],
    },
    {
      name: '%u matches the grant\'s own user',
      facts: { config: aclFacts('user alice\ntopic read secret/alice/#\npattern deny secret/%u/keys\n') },
      findings: [{ message: 'pattern deny secret/%u/keys does not apply to user alice, whose topic secret/alice/# (line 2) is checked first', path: 'acl', line: 3 }],
    },
  ],
});

ruleTester('acl.pattern-in-user-block', {
  valid: [
    { name: 'patterns before the first user line', facts: { config: aclFacts('pattern read devices/%u/#\nuser alice\ntopic read a/#\n') } },
    { name: 'topic lines inside user blocks', facts: { config: aclFacts('user alice\ntopic read a/#\nuser bob\ntopic read b/#\n') } },
    { name: 'device patterns set apart below the user blocks are meant for everyone', facts: { config: aclFacts('user alice\ntopic read a/#\n\n# devices publish under their own name\npattern write devices/%u/#\n') } },
  ],
  invalid: [
    {
      name: 'a pattern inside a user block still applies to every client',
      facts: aclInConf('pattern read status/%c\nuser alice\ntopic readwrite alice/#\n# alice may read her secrets\npattern read secret/%u/#\n\nuser admin\ntopic readwrite #\n'),
      findings: [{ message: 'pattern read secret/%u/# stands in user alice\'s block but applies to every client: pattern lines are never scoped to a user', path: 'acl', line: 5 }],
    },
    {
      name: 'without a substitution it gives every client the same access',
      facts: { config: aclFacts('user alice\npattern readwrite foo/#\n') },
      findings: [{ message: 'pattern readwrite foo/# stands in user alice\'s block but applies to every client: pattern lines are never scoped to a user', path: 'acl', line: 2, severity: 'high' }],
    },
  ],
});

ruleTester('acl.user-deny-cancels-grant', {
  valid: [
    { name: 'a deny carves a topic out of a wider grant (as intended: deny is checked first)', facts: { config: aclFacts('user alice\ntopic readwrite sensors/#\ntopic deny sensors/secret\n') } },
    { name: 'a deny in another user\'s block', facts: { config: aclFacts('user alice\ntopic deny sensors/#\nuser bob\ntopic read sensors/public\n') } },
    { name: 'a deny on # does not reach $SYS grants', facts: { config: aclFacts('user mon\ntopic deny #\ntopic read $SYS/broker/uptime\n') } },
  ],
  invalid: [
    {
      name: 'a wider deny cancels a narrower grant, whatever the order',
      facts: aclInConf('user alice\ntopic deny sensors/#\ntopic read sensors/public\ntopic write sensors/+/cmd\n'),
      findings: [
        { message: 'topic deny sensors/# also takes away topic read sensors/public (line 3) from user alice: deny lines are checked first, whatever their order', path: 'acl', line: 2 },
        { message: 'topic deny sensors/# also takes away topic write sensors/+/cmd (line 4) from user alice: deny lines are checked first, whatever their order', path: 'acl', line: 2 },
      ],
    },
    {
      name: 'in the anonymous section too, deny after the grant',
      facts: { config: aclFacts('topic read public/#\ntopic deny #\n') },
      findings: [{ message: 'topic deny # also takes away topic read public/# (line 1) from clients without a username: deny lines are checked first, whatever their order', path: 'acl', line: 2 }],
    },
  ],
});

ruleTester('acl.pattern-wildcard-all', {
  valid: [
    { name: 'a pattern scoped with %u', facts: { config: aclFacts('pattern readwrite devices/%u/#\n') } },
    { name: 'pattern deny # takes access away', facts: aclInConf('pattern deny #\n') },
    { name: 'topic # in a user block is acl.user-wildcard-all, not this rule', facts: { config: aclFacts('user admin\ntopic #\n') } },
    { name: 'a pattern that starts with a wildcard level but is not all topics', facts: { config: aclFacts('pattern read +/status\n') } },
  ],
  invalid: [
    {
      name: 'a pattern without access type on # is readwrite for every client',
      facts: { config: aclFacts('user bob\ntopic bob/#\npattern #\n') },
      findings: [{ message: 'pattern readwrite # gives every client access to every topic', path: 'acl', line: 3, column: 1 }],
    },
    {
      name: 'pattern read +/# and pattern write +/+/# match every topic too, in a file the config names',
      facts: aclInConf('pattern read +/#\npattern write +/+/#\n'),
      findings: [
        { message: 'pattern read +/# gives every client access to every topic', path: 'acl', line: 1 },
        { message: 'pattern write +/+/# gives every client access to every topic', path: 'acl', line: 2 },
      ],
    },
  ],
});

ruleTester('acl.pattern-without-substitution', {
  valid: [
    { name: 'a pattern with %u', facts: { config: aclFacts('pattern read devices/%u/#\n') } },
    { name: 'a pattern with %c', facts: aclInConf('pattern write clients/%c/out\n') },
    { name: 'a pattern deny needs no substitution', facts: { config: aclFacts('pattern deny secret/#\n') } },
    { name: 'pattern # is left to acl.pattern-wildcard-all', facts: { config: aclFacts('pattern read #\n') } },
    { name: 'a topic line is not a pattern', facts: { config: aclFacts('topic read public/#\n') } },
  ],
  invalid: [
    {
      name: 'a pattern without %u or %c applies to every client alike',
      facts: { config: aclFacts('# shared\npattern read public/#\n') },
      findings: [{ message: 'pattern public/# has no %u or %c and applies to every client', path: 'acl', line: 2, column: 1 }],
    },
    {
      name: 'each such pattern line is reported, in a file the config names',
      facts: aclInConf('user bob\ntopic bob/#\npattern write status\npattern +/status\n', '/etc/mosquitto/acl'),
      findings: [
        { message: 'pattern status has no %u or %c and applies to every client', path: '/etc/mosquitto/acl', line: 3 },
        { message: 'pattern +/status has no %u or %c and applies to every client', path: '/etc/mosquitto/acl', line: 4 },
      ],
    },
  ],
});

ruleTester('acl.sys-write-ineffective', {
  valid: [
    { name: 'read access to $SYS', facts: { config: aclFacts('user mon\ntopic read $SYS/#\n') } },
    { name: 'write to a bridge state topic is allowed by the broker', facts: aclInConf('user bridge\ntopic write $SYS/broker/connection/edge1/state\npattern write $SYS/broker/connection/%c/state\n') },
    { name: 'deny on $SYS', facts: { config: aclFacts('topic deny $SYS/#\n') } },
    { name: 'write access elsewhere', facts: { config: aclFacts('user bob\ntopic write sys/#\n') } },
  ],
  invalid: [
    {
      name: 'write access to $SYS/# has no effect',
      facts: { config: aclFacts('user bob\ntopic write $SYS/#\n') },
      findings: [{ message: 'write access to $SYS/# has no effect: clients can never publish to $SYS', path: 'acl', line: 2, column: 1 }],
    },
    {
      name: 'readwrite (the default) topic and pattern lines on $SYS, in a file the config names',
      facts: aclInConf('topic $SYS/broker/uptime\npattern readwrite $SYS/clients/%c\n'),
      findings: [
        { message: 'write access to $SYS/broker/uptime has no effect: clients can never publish to $SYS', path: 'acl', line: 1 },
        { message: 'write access to $SYS/clients/%c has no effect: clients can never publish to $SYS', path: 'acl', line: 2 },
      ],
    },
  ],
});

ruleTester('acl.user-wildcard-all', {
  valid: [
    { name: 'a user scoped to its own topics', facts: { config: aclFacts('user bob\ntopic readwrite bob/#\n') } },
    { name: 'a user named with --acl-admin may read and write #', facts: aclInConf('user admin\ntopic #\n'), settings: { adminUsers: ['admin'] } },
    { name: 'topic deny # in a user block', facts: { config: aclFacts('user bob\ntopic deny #\n') } },
    { name: 'the anonymous section is acl.anonymous-wide-access, not this rule', facts: { config: aclFacts('topic read #\n') } },
    {
      name: 'a suppression comment in the ACL file silences the next line',
      facts: { config: aclFacts('user monitor\n# mqtt-audit: ignore acl.user-wildcard-all -- monitoring account\ntopic read #\n') },
    },
  ],
  invalid: [
    {
      name: 'a user that may write # is high (readwrite by default)',
      facts: { config: aclFacts('user bob\ntopic #\n') },
      findings: [{ message: 'user bob may readwrite every topic (#)', path: 'acl', line: 2, column: 1 }],
    },
    {
      name: 'topic write +/# is high',
      facts: aclInConf('user bob\ntopic write +/#\n'),
      findings: [{ message: 'user bob may write every topic (+/#)', path: 'acl', line: 2 }],
    },
    {
      name: 'a user that may read # is medium (read variant); admin users are skipped but not others',
      facts: aclInConf('user admin\ntopic #\nuser mon\ntopic read #\n', '/etc/mosquitto/acl'),
      settings: { adminUsers: ['admin'] },
      findings: [{ message: 'user mon may read every topic (#)', severity: 'medium', path: '/etc/mosquitto/acl', line: 4 }],
    },
  ],
});

// ---------------------------------------------------------------------------------------------------------------
// passwd.*

ruleTester('passwd.duplicate-user', {
  valid: [
    { name: 'each user once', facts: { config: passwdFacts(`alice:${STOCK}\nbob:${STOCK}\n`) } },
    { name: 'a malformed line does not count as a listing', facts: passwdInConf(`alice:\nalice:${STOCK}\n`) },
    { name: 'user names are case-sensitive', facts: { config: passwdFacts(`alice:${STOCK}\nAlice:${STOCK}\n`) } },
  ],
  invalid: [
    {
      name: 'the second line of a user points back at the first',
      facts: { config: passwdFacts(`# users\nalice:${STOCK}\nbob:${STOCK}\nalice:${STRONG}\n`) },
      findings: [{ message: 'user alice is already listed on line 2', path: 'passwd', line: 4, column: 1 }],
    },
    {
      name: 'a third listing also names the first line, in a file the config names (whatever the secret kind)',
      facts: passwdInConf(`bob:${STOCK}\nbob:${SHA512}\nbob:secret\n`, '/etc/mosquitto/passwd'),
      findings: [
        { message: 'user bob is already listed on line 1', path: '/etc/mosquitto/passwd', line: 2 },
        { message: 'user bob is already listed on line 1', path: '/etc/mosquitto/passwd', line: 3 },
      ],
    },
  ],
});

ruleTester('passwd.file-permissions', {
  valid: [
    { name: 'mode 0600 alone', facts: { config: passwdFacts(`alice:${STOCK}\n`, 0o600) } },
    { name: 'mode 0640 (group mosquitto may read) in a config', facts: passwdInConf(`alice:${STOCK}\n`, 'passwd', 0o640) },
    { name: 'no mode known', facts: passwdInConf(`alice:${STOCK}\n`) },
    { name: 'a bad mode in a git work tree is not checked', facts: { config: unchecked(passwdFacts(`alice:${STOCK}\n`, 0o644)) } },
  ],
  invalid: [
    {
      name: 'readable by others, at the password_file line of the config',
      facts: passwdInConf(`alice:${STOCK}\n`, 'passwd', 0o644),
      findings: [{ message: 'password file passwd has mode 0644', line: 2, evidence: { file: 'passwd', mode: '0644' } }],
    },
    {
      name: 'writable by group, on line 1 of a file linted alone',
      facts: { config: passwdFacts(`alice:${STOCK}\n`, 0o660) },
      findings: [{ message: 'password file passwd has mode 0660', path: 'passwd', line: 1 }],
    },
    {
      name: 'writable by others (and the file-type bits are not shown), named by absolute path',
      facts: passwdInConf(`alice:${STOCK}\n`, '/etc/mosquitto/passwd', 0o100602),
      findings: [{ message: 'password file /etc/mosquitto/passwd has mode 0602', line: 2, evidence: { file: '/etc/mosquitto/passwd', mode: '0602' } }],
    },
  ],
});

ruleTester('passwd.legacy-sha512', {
  valid: [
    { name: 'a $7$ hash', facts: { config: passwdFacts(`alice:${STRONG}\n`) } },
    { name: 'a $6$ line with a bad salt is malformed, not legacy', facts: passwdInConf(`alice:$6$${b64(8, 1)}$${HASH}\n`) },
  ],
  invalid: [
    {
      name: 'a $6$ hash alone',
      facts: { config: passwdFacts(`alice:${STRONG}\nbob:${SHA512}\n`) },
      findings: [{ message: 'user bob has a $6$ (single SHA-512) hash', path: 'passwd', line: 2, column: 1 }],
    },
    {
      name: 'a $6$ hash in a file the config names',
      facts: passwdInConf(`carol:${SHA512}\n`),
      findings: [{ message: 'user carol has a $6$ (single SHA-512) hash', path: 'passwd', line: 1 }],
    },
  ],
});

ruleTester('passwd.low-pbkdf2-iterations', {
  valid: [
    { name: '210,000 iterations is enough', facts: { config: passwdFacts(`alice:${STRONG}\n`) } },
    { name: 'more is fine', facts: passwdInConf(`alice:${pbkdf2(600000)}\n`) },
    { name: 'a $6$ hash has no iterations (passwd.legacy-sha512)', facts: { config: passwdFacts(`alice:${SHA512}\n`) } },
  ],
  invalid: [
    {
      name: 'the 101 iterations mosquitto_passwd 2.0 writes',
      facts: { config: passwdFacts(`alice:${STOCK}\n`) },
      findings: [{ message: 'user alice has 101 PBKDF2 iterations (OWASP: 210000)', path: 'passwd', line: 1, column: 1 }],
    },
    {
      name: 'one below the minimum, in a file the config names',
      facts: passwdInConf(`alice:${STRONG}\nbob:${pbkdf2(209999)}\n`, '/etc/mosquitto/passwd'),
      findings: [{ message: 'user bob has 209999 PBKDF2 iterations (OWASP: 210000)', path: '/etc/mosquitto/passwd', line: 2 }],
    },
  ],
});

ruleTester('passwd.malformed-entry', {
  valid: [
    { name: 'hashes, comments and blank lines', facts: { config: passwdFacts(`# users\n\nalice:${STOCK}\nbob:${SHA512}\n`) } },
    { name: 'a clear-text password is passwd.plaintext-password, not malformed', facts: passwdInConf('alice:secret\n') },
  ],
  invalid: [
    {
      name: 'a line without a colon is skipped (and its text is never shown)',
      facts: { config: passwdFacts(`alice:${STOCK}\nhunter2\n`) },
      findings: [{ message: 'user (a line without user name): no `:` separator: the broker skips this line', path: 'passwd', line: 2, column: 1 }],
    },
    {
      name: 'an empty password is removed',
      facts: passwdInConf('alice:\n'),
      findings: [{ message: 'user alice: empty password', path: 'passwd', line: 1 }],
    },
    {
      name: 'an empty user name',
      facts: { config: passwdFacts(`:${STOCK}\n`) },
      findings: [{ message: 'user (no name): empty username', path: 'passwd', line: 1 }],
    },
    {
      name: 'an unknown hash type is removed',
      facts: { config: passwdFacts('alice:$5$abc$def\n') },
      findings: [{ message: 'user alice: unknown hash type: the broker removes this entry', path: 'passwd', line: 1 }],
    },
    {
      name: 'bad base64 and wrong salt or hash lengths, in a file the config names',
      facts: passwdInConf(`a:$7$101$!!!!$${HASH}\nb:$7$101$${b64(8, 1)}$${HASH}\nc:$6$${SALT}$${b64(32, 2)}\n`, '/etc/mosquitto/passwd'),
      findings: [
        { message: 'user a: salt is not base64', path: '/etc/mosquitto/passwd', line: 1 },
        { message: 'user b: salt decodes to 8 bytes, not 12', path: '/etc/mosquitto/passwd', line: 2 },
        { message: 'user c: hash decodes to 32 bytes, not 64', path: '/etc/mosquitto/passwd', line: 3 },
      ],
    },
    {
      name: 'an argon2id hash is only read by mosquitto 2.1',
      facts: { config: passwdFacts('alice:$argon2id$v=19$m=65536,t=3,p=4$c2FsdA$aGFzaA\n') },
      findings: [{ message: 'user alice: argon2id hashes are read by mosquitto 2.1 only; 2.0 removes this entry', path: 'passwd', line: 1 }],
    },
  ],
});

ruleTester('passwd.plaintext-password', {
  valid: [
    { name: 'hashed passwords', facts: { config: passwdFacts(`alice:${STOCK}\nbob:${SHA512}\n`) } },
    { name: 'an unknown $ hash is malformed, not clear text', facts: passwdInConf('alice:$5$abc$def\n') },
    { name: 'a line without a colon is never reported as a password', facts: { config: passwdFacts('hunter2\n') } },
  ],
  invalid: [
    {
      name: 'a clear-text password alone',
      facts: { config: passwdFacts(`alice:${STOCK}\nbob:hunter2\n`) },
      findings: [{ message: 'user bob has a clear-text password', path: 'passwd', line: 2, column: 1 }],
    },
    {
      name: 'clear-text passwords in a file the config names, each reported',
      facts: passwdInConf('alice:secret\ncarol:pa:ss\n', '/etc/mosquitto/passwd'),
      findings: [
        { message: 'user alice has a clear-text password', path: '/etc/mosquitto/passwd', line: 1 },
        { message: 'user carol has a clear-text password', path: '/etc/mosquitto/passwd', line: 2 },
      ],
    },
  ],
});

// ---------------------------------------------------------------------------------------------------------------
// drift.*

ruleTester('drift.listener-closed', {
  valid: [
    { name: 'every declared listener answers', facts: drift(`listener 1883\n${TLS_8883}`, [on(1883), tlsOn(8883)]) },
    { name: 'a listener bound to another address is not declared for this host', facts: drift('listener 1883 10.0.0.9\n', [on(1883, { state: 'closed', mqtt: undefined })]) },
    { name: 'a host scanned as part of a range (not named alone) is not compared', facts: drift('listener 1883\n', [on(1883, { state: 'closed', mqtt: undefined })], { named: [] }) },
    { name: 'a declared port the scan did not probe is not judged', facts: drift('listener 1883\nlistener 1884\n', [on(1883)]) },
    { name: 'a unix socket listener has no port', facts: drift('listener 0 /run/mosquitto.sock\nlistener 1883\n', [on(1883)]) },
  ],
  invalid: [
    {
      name: 'a declared listener whose port is closed',
      facts: drift(`listener 1883\n${TLS_8883}`, [on(1883), tlsOn(8883, { state: 'closed', mqtt: undefined, tls: undefined, reason: 'connection refused' })]),
      findings: [{ message: `listener 8883 on all addresses is declared but closed on ${H}`, target: `${H}:8883`, line: 2, evidence: { state: 'closed', reason: 'connection refused' } }],
    },
    {
      name: 'a filtered default listener (created by port), and a listener bound to the host itself',
      facts: drift(`port 1883\nlistener 8883 ${H}\n`, [on(1883, { state: 'filtered', mqtt: undefined }), on(8883, { state: 'filtered', mqtt: undefined })]),
      findings: [
        { message: `the default listener 1883 on all addresses is declared but filtered on ${H}`, target: `${H}:1883`, line: 1 },
        { message: `listener 8883 on ${H} is declared but filtered on ${H}`, target: `${H}:8883`, line: 2 },
      ],
    },
    {
      name: 'a listener bound to localhost is declared for 127.0.0.1',
      facts: { config: confFacts('listener 1883 localhost\n'), scan: scanFacts([target({ state: 'closed' })]) },
      findings: [{ message: 'listener 1883 on localhost is declared but closed on 127.0.0.1', target: '127.0.0.1:1883', line: 1 }],
    },
  ],
});

ruleTester('drift.undeclared-port', {
  valid: [
    { name: 'MQTT only on declared ports', facts: drift(`listener 1883\n${TLS_8883}`, [on(1883), tlsOn(8883)]) },
    { name: 'an open port that does not speak MQTT', facts: drift('listener 1883\n', [on(1883), on(8080, { state: 'not-mqtt', mqtt: undefined })]) },
    { name: 'a closed extra port', facts: drift('listener 1883\n', [on(1883), on(1884, { state: 'closed', mqtt: undefined })]) },
    { name: 'a host not named alone is not compared', facts: drift('listener 1883\n', [on(1884)], { named: ['10.0.0.6'] }) },
    { name: 'the default listener created by port declares its port', facts: drift('port 1884\n', [on(1884)]) },
  ],
  invalid: [
    {
      name: 'MQTT on a port no listener declares points at the first line of the config',
      facts: drift('# broker\nlistener 1883\n', [on(1883), on(1884, { mqtt: mq(true) })]),
      findings: [{ message: `MQTT answers on ${H}:1884, which no listener of this configuration declares`, target: `${H}:1884`, line: 2, evidence: { transport: 'tcp' } }],
    },
    {
      name: 'a listener bound to loopback does not declare the port on the network address',
      facts: drift('listener 1883 127.0.0.1\n', [tlsOn(1883)]),
      findings: [{ message: `MQTT answers on ${H}:1883, which no listener of this configuration declares`, target: `${H}:1883`, line: 1, evidence: { transport: 'tls' } }],
    },
  ],
});

ruleTester('drift.tls-mismatch', {
  valid: [
    { name: 'TLS where configured, plaintext where not', facts: drift(`listener 1883\n${TLS_8883}`, [on(1883), tlsOn(8883)]) },
    {
      name: 'a TLS listener that refuses the handshake without a client certificate shows no protocol: nothing to compare',
      facts: drift(TLS_8883, [on(8883, { transport: 'tls', mqtt: undefined, tls: { clientCertRequired: true } })]),
    },
    { name: 'a closed port is drift.listener-closed, not this rule', facts: drift(TLS_8883, [on(8883, { state: 'closed', mqtt: undefined })]) },
    { name: 'psk_hint makes a listener TLS', facts: drift('listener 8883\npsk_hint hint\n', [tlsOn(8883)]) },
  ],
  invalid: [
    {
      name: 'plaintext MQTT on the wire where the configuration has TLS',
      facts: drift(`listener 1883\n${TLS_8883}`, [on(1883), on(8883)]),
      findings: [{ message: 'listener 8883 on all addresses: the configuration has TLS, the wire speaks plaintext MQTT', target: `${H}:8883`, line: 2, evidence: { transport: 'tcp' } }],
    },
    {
      name: 'TLS on the wire where the configuration has none (certfile without keyfile is no TLS)',
      facts: drift('listener 8883\ncertfile server.crt\n', [tlsOn(8883, { mqtt: undefined })]),
      findings: [{ message: 'listener 8883 on all addresses: the configuration has no TLS, the wire speaks TLS', target: `${H}:8883`, line: 1, evidence: { transport: 'tls' } }],
    },
    {
      name: 'the default listener is named as such',
      facts: drift('port 8883\ncertfile server.crt\nkeyfile server.key\n', [on(8883)]),
      findings: [{ message: 'the default listener 8883 on all addresses: the configuration has TLS, the wire speaks plaintext MQTT', target: `${H}:8883`, line: 1 }],
    },
  ],
});

ruleTester('drift.anonymous-mismatch', {
  valid: [
    { name: 'the wire refuses anonymous clients as configured (allow_anonymous defaults to false)', facts: drift('listener 1883\n', [on(1883, { mqtt: mq(false) })]) },
    { name: 'the wire accepts anonymous clients as configured', facts: drift('listener 1883\nallow_anonymous true\n', [on(1883, { mqtt: mq(true) })]) },
    {
      name: 'a session that logged in with a client certificate says nothing about anonymous clients',
      facts: drift('listener 1883\n', [on(1883, { mqtt: mq(true, { session: { identity: 'certificate' } }) })]),
    },
    { name: 'a target without MQTT facts is not judged', facts: drift('listener 1883\nallow_anonymous true\n', [on(1883, { mqtt: undefined })]) },
  ],
  invalid: [
    {
      name: 'the wire accepts anonymous clients the configuration refuses: high, at the allow_anonymous line',
      facts: drift('listener 1883\nallow_anonymous false\n', [on(1883, { mqtt: mq(true) })]),
      findings: [
        {
          message: 'listener 1883 on all addresses: the configuration refuses anonymous clients, the wire accepts them',
          target: `${H}:1883`,
          line: 2,
          evidence: { transport: 'tcp', connack: { v311: 0, v5: 0 } },
        },
      ],
    },
    {
      name: 'the wire refuses anonymous clients the configuration allows: low (refused-on-wire)',
      facts: drift('listener 1883\nallow_anonymous true\n', [on(1883, { mqtt: mq(false) })]),
      findings: [
        { message: 'listener 1883 on all addresses: the configuration allows anonymous clients, the wire refuses them', severity: 'low', target: `${H}:1883`, line: 2 },
      ],
    },
    {
      name: 'with per_listener_settings each listener has its own setting; without an allow_anonymous line it points at the listener',
      facts: drift('per_listener_settings true\nlistener 1883\nlistener 1884\nallow_anonymous true\n', [on(1883, { mqtt: mq(true) }), on(1884, { mqtt: mq(false) })]),
      findings: [
        { message: 'listener 1883 on all addresses: the configuration refuses anonymous clients, the wire accepts them', target: `${H}:1883`, line: 2 },
        { message: 'listener 1884 on all addresses: the configuration allows anonymous clients, the wire refuses them', severity: 'low', target: `${H}:1884`, line: 4 },
      ],
    },
    {
      name: 'without per_listener_settings a global allow_anonymous covers every listener',
      facts: drift('listener 1883\nallow_anonymous true\nlistener 1884\n', [on(1883, { mqtt: mq(true) }), on(1884, { mqtt: mq(false) })]),
      findings: [{ message: 'listener 1884 on all addresses: the configuration allows anonymous clients, the wire refuses them', severity: 'low', target: `${H}:1884`, line: 2 }],
    },
  ],
});

ruleTester('drift.cert-mismatch', {
  valid: [
    { name: 'the served certificate is the certfile', facts: drift(TLS_8883, [tlsOn(8883, { tls: { protocol: 'TLSv1.3', cert: served() } })], { certs: { 'server.crt': [cert()] } }) },
    { name: 'a certfile that could not be read is not compared', facts: drift(TLS_8883, [tlsOn(8883, { tls: { protocol: 'TLSv1.3', cert: served({ subject: 'CN=other' }) } })]) },
    { name: 'no certificate seen on the wire', facts: drift(TLS_8883, [tlsOn(8883)], { certs: { 'server.crt': [cert()] } }) },
    {
      name: 'a listener bound to another address is not declared for this host',
      facts: drift('listener 8883 10.0.0.9\ncertfile server.crt\nkeyfile server.key\n', [tlsOn(8883, { tls: { protocol: 'TLSv1.3', cert: served({ subject: 'CN=other' }) } })], { certs: { 'server.crt': [cert()] } }),
    },
  ],
  invalid: [
    {
      name: 'a different certificate on the wire than the certfile: at the certfile line',
      facts: drift(TLS_8883, [tlsOn(8883, { tls: { protocol: 'TLSv1.3', cert: served({ subject: 'CN=new.example', days: 200 }) } })], {
        certs: { 'server.crt': [cert({ subject: 'CN=old.example', days: 10 })] },
      }),
      findings: [
        {
          message: 'listener 8883 on all addresses serves CN=new.example, not the certfile CN=old.example',
          target: `${H}:8883`,
          line: 2,
          evidence: { transport: 'tls', diskFingerprint: 'AA:10:CN=old.example', wireFingerprint: 'AA:200:CN=new.example' },
        },
      ],
    },
    {
      name: 'a renewed certificate with the same subject is still a different certificate, on the default listener',
      facts: drift('port 8883\ncertfile /etc/mosquitto/server.crt\nkeyfile /etc/mosquitto/server.key\n', [tlsOn(8883, { tls: { protocol: 'TLSv1.3', cert: served({ days: 300 }) } })], {
        certs: { '/etc/mosquitto/server.crt': [cert({ days: -5 })] },
      }),
      findings: [{ message: 'the default listener 8883 on all addresses serves CN=broker.example, not the certfile CN=broker.example', target: `${H}:8883`, line: 2 }],
    },
  ],
});
