/** @fileoverview The text report's target lines: no endpoint repeated under its heading, worst first, within 120 columns where the message allows. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { withoutEndpoint } from '../../src/report/text.js';

test('the endpoint a heading names is left out of its findings, and what is left still reads', () => {
  const e = '127.0.0.65:1883';
  const cases: [string, string][] = [
    ['127.0.0.65:1883 speaks MQTT without TLS', 'speaks MQTT without TLS'],
    ['127.0.0.65:1883 accepted user admin with a password from the credentials list (after 2 attempts)', 'accepted user admin with a password from the credentials list (after 2 attempts)'],
    ['an anonymous client on 127.0.0.65:1883 received 5 messages on 5 topics by subscribing to #', 'an anonymous client received 5 messages on 5 topics by subscribing to #'],
    ['certificate CN=x in the chain served by 127.0.0.65:1883 expired on 2026-10-19', 'certificate CN=x expired on 2026-10-19'],
    ['certificate CN=x has an RSA key of 1024 bits (< 2048) (served by 127.0.0.65:1883)', 'certificate CN=x has an RSA key of 1024 bits (< 2048)'],
    ['127.0.0.65:1883: the certificate does not cover 127.0.0.65 (DNS:other.example)', 'the certificate does not cover 127.0.0.65 (DNS:other.example)'],
    ['127.0.0.65:18830 speaks MQTT without TLS', '127.0.0.65:18830 speaks MQTT without TLS'],
  ];
  for (const [m, want] of cases) assert.equal(withoutEndpoint(m, e), want);
  assert.equal(withoutEndpoint('broker.example (10.0.0.5):1883 speaks MQTT without TLS', '10.0.0.5:1883'), 'speaks MQTT without TLS');
});
