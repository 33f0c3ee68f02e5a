/** @fileoverview The vulnerable-versions data: valid against its schema, consistent, matched by version; products identified from $SYS. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Ajv } from 'ajv';
import { compareVersions, knownVulnerabilities, vulnerabilitiesOf } from '../../src/rules/vulnerable-versions.js';
import { identifyProduct } from '../../src/probe/run-probe.js';
import { ROOT } from '../helpers/paths.js';

test('rules/data/vulnerable-versions.yaml validates against its schema; ids are unique; from ≤ to < fixedIn', () => {
  const schema = JSON.parse(readFileSync(join(ROOT, 'rules', 'data', 'vulnerable-versions.schema.json'), 'utf8'));
  const validate = new Ajv({ allErrors: true }).compile(schema);
  const data = knownVulnerabilities();
  assert.ok(validate(data), JSON.stringify(validate.errors));
  assert.equal(new Set(data.map((v) => `${v.product} ${v.id}`)).size, data.length);
  for (const v of data) {
    assert.ok(compareVersions(v.affected.from, v.affected.to) <= 0, v.id);
    assert.ok(compareVersions(v.affected.to, v.fixedIn) < 0, v.id);
  }
});

test('version comparison is numeric, and 1.5 equals 1.5.0', () => {
  const rows: [string, string, number][] = [['1.5', '1.5.0', 0], ['1.5.10', '1.5.9', 1], ['2.0.11', '2.0.15', -1], ['0.15', '1.0', -1], ['2.0', '1.6.15', 1]];
  for (const [a, b, s] of rows) assert.equal(Math.sign(compareVersions(a, b)), s, `${a} vs ${b}`);
});

test('matching: mosquitto 2.0.11 (Debian bookworm) has four known CVEs, 2.0.16 none of these, 1.4.11 the old ones', () => {
  assert.deepEqual(vulnerabilitiesOf('mosquitto', '2.0.11').map((v) => v.id).sort(), ['CVE-2021-34434', 'CVE-2023-0809', 'CVE-2023-28366', 'CVE-2023-3592']);
  assert.deepEqual(vulnerabilitiesOf('mosquitto', '2.0.16'), []);
  assert.ok(vulnerabilitiesOf('mosquitto', '1.4.11').some((v) => v.id === 'CVE-2017-7650'));
  assert.deepEqual(vulnerabilitiesOf('mosquitto', 'custom-build'), []);
  assert.deepEqual(vulnerabilitiesOf('emqx', '2.0.11'), []);
});

test('products are identified from what $SYS says', () => {
  assert.deepEqual(identifyProduct({ '$SYS/broker/version': 'mosquitto version 2.0.11' }), { name: 'mosquitto', version: '2.0.11' });
  assert.deepEqual(identifyProduct({ '$SYS/brokers/emqx@127.0.0.1/version': '5.1.0', '$SYS/brokers/emqx@127.0.0.1/sysdescr': 'EMQX' }), { name: 'emqx', version: '5.1.0' });
  assert.deepEqual(identifyProduct({ '$SYS/0f7a2b1c-1111-4222-8333-944455556666/heartbeat': '1' }), { name: 'aedes' });
  assert.equal(identifyProduct({}), undefined);
  assert.equal(identifyProduct({ '$SYS/broker/version': 'a broker you do not know' }), undefined);
});
