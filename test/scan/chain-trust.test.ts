/** @fileoverview Trust apart from time (docs/scan.md, "Trust apart from time"): an expired certificate from an unknown issuer is untrusted too. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { X509Certificate } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { trustApartFromTime } from '../../src/probe/chain-trust.js';
import { testPki } from '../helpers/harness.js';

const pki = testPki();
const der = (name: string) => new X509Certificate(readFileSync(join(pki, name))).raw;
const ca = readFileSync(join(pki, 'ca.crt'), 'utf8');

test('an expired certificate issued by a CA the client trusts (--cafile) is trusted apart from time', () => {
  assert.deepEqual(trustApartFromTime([der('expired.crt')], ca), { trusted: true });
  assert.deepEqual(trustApartFromTime([der('future.crt'), der('ca.crt')], ca), { trusted: true });
});

test('the same certificate without that CA: its issuer is unknown, whatever the dates', () => {
  assert.deepEqual(trustApartFromTime([der('expired.crt')]), { trusted: false, error: 'UNABLE_TO_VERIFY_LEAF_SIGNATURE' });
  assert.deepEqual(trustApartFromTime([der('expired.crt'), der('ca.crt')]), { trusted: false, error: 'SELF_SIGNED_CERT_IN_CHAIN' });
});

test('a self-signed leaf is untrusted; garbage is never trusted', () => {
  assert.deepEqual(trustApartFromTime([der('selfsigned.crt')]), { trusted: false, error: 'DEPTH_ZERO_SELF_SIGNED_CERT' });
  assert.deepEqual(trustApartFromTime([Buffer.from('not a certificate')]), { trusted: false, error: 'UNABLE_TO_VERIFY_LEAF_SIGNATURE' });
});
