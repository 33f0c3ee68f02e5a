/** @fileoverview Payload classification: what counts as sensitive, and what does not. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { classifyPayload } from '../../src/probe/sensitive.js';

const rows: [string, string, string[]][] = [
  ['OwnTracks location', '{"_type":"location","lat":52.52,"lon":13.405,"tst":1}', ['gps-position']],
  ['generic tracker', '{"latitude": -33.8688, "speed": 3, "longitude": 151.2093}', ['gps-position']],
  ['NMEA sentence', '$GPGGA,123519,4807.038,N,01131.000,E,1,08,0.9,545.4,M,46.9,M,,*47', ['gps-position']],
  ['password in JSON', '{"user":"gw","password":"s3cr3t-pass"}', ['credentials']],
  ['api key in a query', 'GET /v1?api_key=AbCdEf123456 HTTP/1.1', ['credentials']],
  ['bearer token', 'Authorization: Bearer abcdefghijklmnopqrstuvwxyz012345', ['credentials']],
  ['JWT', 'eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiIxMjM0NTY3ODkwIn0.dozjgNryP4J3jVmNHl0w5N_XgL0n3I9PlFUP0THsR8U', ['credentials']],
  ['AWS access key', 'key=AKIAIOSFODNN7EXAMPLE', ['credentials']],
  ['private key', '-----BEGIN EC PRIVATE KEY-----\nMHcCAQEE\n-----END EC PRIVATE KEY-----', ['private-key']],
  ['e-mail address', 'owner: jane.doe@example.org', ['email']],
  ['Wi-Fi QR code', 'WIFI:T:WPA;S:Home;P:correct-horse;;', ['wifi-password']],
  ['Wi-Fi config', '{"wifi":{"ssid":"Home","psk":"correct-horse"}}', ['wifi-password']],
  ['a temperature', '21.5', []],
  ['a status word', '{"state":"ON","brightness":128}', []],
  ['a certificate (public)', '-----BEGIN CERTIFICATE-----\nMIIB\n-----END CERTIFICATE-----', []],
  ['password field left empty', '{"password":""}', []],
  ['a version string', 'mosquitto version 2.0.11', []],
];
for (const [name, payload, kinds] of rows) test(`sensitive: ${name}`, () => assert.deepEqual(classifyPayload(Buffer.from(payload)), kinds));

test('sensitive: only the first 4 KB of a payload is read', () => {
  assert.deepEqual(classifyPayload(Buffer.concat([Buffer.alloc(5000, 0x20), Buffer.from('password=s3cr3t-pass')])), []);
});
