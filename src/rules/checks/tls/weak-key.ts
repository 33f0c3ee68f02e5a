/** @fileoverview RSA under 2048 bits, EC under 256 bits, DSA, or an MD5/SHA-1 signature (NIST SP 800-57, CA/B Forum). */
import type { Check } from '../../context.js';
import { displayPath } from '../../../lint/paths.js';
import { judgedCerts, targets } from '../helpers.js';

/** Why a key is weak, or undefined. */
export function keyWeakness(keyType: string, bits: number | undefined): string | undefined {
  if (keyType === 'rsa' || keyType === 'rsa-pss') return bits !== undefined && bits < 2048 ? `RSA key of ${bits} bits (< 2048)` : undefined;
  if (keyType === 'ec') return bits !== undefined && bits < 256 ? `EC key of ${bits} bits (< 256)` : undefined;
  if (keyType === 'dsa') return 'DSA key';
  return undefined;
}

export const check: Check = function* (ctx) {
  for (const { pem, cert } of judgedCerts(ctx.lint)) {
    const file = displayPath(pem.path, ctx.lint!.cwd);
    const weak = keyWeakness(cert.keyType, cert.keyBits);
    if (weak) yield { at: ctx.loc(pem.ref.d), data: { what: `certificate ${cert.subject} has a ${weak}`, file }, key: `key ${cert.fingerprint256}` };
    // The self-signature of a trust anchor is never checked by clients: only judge signatures someone verifies.
    if (/md5|md2|sha1/i.test(cert.signatureAlgorithm) && !(cert.selfSigned && cert.isCA)) {
      yield { at: ctx.loc(pem.ref.d), data: { what: `certificate ${cert.subject} is signed with ${cert.signatureAlgorithm}`, file }, key: `sig ${cert.fingerprint256}` };
    }
  }
  for (const pem of ctx.lint?.pems ?? []) {
    if (!pem.keyFacts) continue;
    const weak = keyWeakness(pem.keyFacts.keyType, pem.keyFacts.keyBits);
    if (weak) yield { at: ctx.loc(pem.ref.d), data: { what: `private key is a ${weak}`, file: displayPath(pem.path, ctx.lint!.cwd) } };
  }
  for (const { t, hit, endpoint } of targets(ctx)) {
    for (const c of t.tls?.chain ?? []) {
      const weak = keyWeakness(c.keyType, c.keyBits);
      if (weak) yield { ...hit, data: { what: `certificate ${c.subject} has a ${weak}`, file: `served by ${endpoint}` }, key: `key ${c.fingerprint256}` };
      if (/md5|md2|sha1/i.test(c.signatureAlgorithm) && !(c.selfSigned && c.isCA)) yield { ...hit, data: { what: `certificate ${c.subject} is signed with ${c.signatureAlgorithm}`, file: `served by ${endpoint}` }, key: `sig ${c.fingerprint256}` };
    }
  }
};
