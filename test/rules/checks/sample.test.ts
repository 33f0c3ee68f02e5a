/** @fileoverview Table tests of a few rules, in memory (a sample of test/helpers/rule-tester.ts). */
import { confFacts, scanFacts, target } from '../../helpers/facts.js';
import { ruleTester } from '../../helpers/rule-tester.js';

ruleTester('conf.anonymous-network-listener', {
  valid: [
    { name: 'a loopback listener may accept anonymous clients', facts: { config: confFacts('listener 1883 127.0.0.1\nallow_anonymous true\n') } },
    { name: 'no listener at all is local-only mode', facts: { config: confFacts('allow_anonymous true\n') } },
  ],
  invalid: [
    {
      name: 'a global allow_anonymous true opens every network listener',
      facts: { config: confFacts('listener 1883\nallow_anonymous true\n') },
      findings: [{ message: 'anonymous clients are accepted on listener 1883 on all addresses', line: 2 }],
    },
    {
      name: 'an ACL makes it high (acl-restricted)',
      facts: { config: confFacts('listener 1883\nallow_anonymous true\nacl_file /etc/mosquitto/acl\n') },
      findings: [{ message: 'anonymous clients are accepted on listener 1883 on all addresses (an ACL limits what they may do)', severity: 'high', line: 2 }],
    },
  ],
});

ruleTester('mqtt.anonymous-access', {
  valid: [{ name: 'a broker that refuses anonymous CONNECTs', facts: { scan: scanFacts([target({ mqtt: { protocolVersion: 5, anonymous: false, anonymousResult: 'not authorised', connack: { v311: 5, v5: 135 } } })]) } }],
  invalid: [
    {
      name: 'accepted in both protocol versions',
      facts: { scan: scanFacts([target({ mqtt: { protocolVersion: 5, anonymous: true, anonymousResult: 'accepted', connack: { v311: 0, v5: 0 } } })]) },
      findings: [{ message: '127.0.0.1:1883 accepts anonymous clients (MQTT 3.1.1 and MQTT 5)', target: '127.0.0.1:1883' }],
    },
  ],
});
