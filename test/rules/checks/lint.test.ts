/** @fileoverview Table tests of the rules about mqtt-audit's own comments (lint.*), in memory. */
import { aclFacts, confFacts } from '../../helpers/facts.js';
import { ruleTester } from '../../helpers/rule-tester.js';

const conf = (text: string) => ({ config: confFacts(text) });

ruleTester('lint.suppression-unknown-rule', {
  valid: [
    { name: 'a suppression naming a rule', facts: conf('# mqtt-audit: ignore conf.max-connections-unlimited -- capped elsewhere\nmax_connections -1\n') },
    { name: 'a prefix ending in a dot', facts: conf('# mqtt-audit: ignore-file tls. -- certificates are made at deploy time\n') },
    { name: 'a prefix ending in a hyphen', facts: conf('# mqtt-audit: ignore conf.max- -- limits come from the container\nmax_keepalive 0\n') },
    { name: 'a rule of a loaded pack is known', facts: conf('# mqtt-audit: ignore org.tls13-only -- migration ticket 42\nlistener 8883\n'), settings: { knownRuleIds: new Set(['org.tls13-only']) } },
  ],
  invalid: [
    {
      name: 'a misspelt rule id, at the comment line',
      facts: conf('listener 1883\n# mqtt-audit: ignore conf.max-conections-unlimited -- typo\nmax_connections -1\n'),
      findings: [{ message: 'mqtt-audit: ignore names "conf.max-conections-unlimited", which matches no rule (see mqtt-audit rules)', line: 2 }],
    },
    {
      name: 'each unknown id of a list, the known one is fine',
      facts: conf('# mqtt-audit: ignore-file conf.run-as-root,org.,nope.thing -- several\nuser root\n'),
      findings: [
        { message: 'mqtt-audit: ignore-file names "org.", which matches no rule (see mqtt-audit rules)', line: 1 },
        { message: 'mqtt-audit: ignore-file names "nope.thing", which matches no rule (see mqtt-audit rules)', line: 1 },
      ],
    },
    {
      name: 'in an ACL file too',
      facts: { config: aclFacts('# mqtt-audit: ignore acl.user-wildcard -- almost the id\nuser admin\ntopic #\n') },
      findings: [{ message: 'mqtt-audit: ignore names "acl.user-wildcard", which matches no rule (see mqtt-audit rules)', path: 'acl', line: 1 }],
    },
  ],
});
