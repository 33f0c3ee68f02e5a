/** @fileoverview RSA under 2048 bits, EC under 256 bits, DSA, or an MD5/SHA-1 signature (NIST SP 800-57, CA/B Forum). */
import type { Check } from '../../context.js';
import type { Hit } from '../../../model/types.js';
import { targetHit } from '../../hits.js';

/** `an RSA key`, `an EC key`, `a DSA key`: the article as the letters are spoken. */
function article(words: string): string {
  return /^(RSA|EC|[AEIO])/.test(words) ? 'an' : 'a';
}

/** Why a key is weak, or undefined. */
export function keyWeakness(keyType: string, bits: number | undefined): string | undefined {
  if (keyType === 'rsa' || keyType === 'rsa-pss') return bits !== undefined && bits < 2048 ? `RSA key of ${bits} bits (< 2048)` : undefined;
  if (keyType === 'ec') return bits !== undefined && bits < 256 ? `EC key of ${bits} bits (< 256)` : undefined;
  if (keyType === 'dsa') return 'DSA key';
  return undefined;
}

export const check: Check = {
  *cert({ cert: c, disk, wire }, ctx) {
    let start: Hit;
    let file: string;
    if (disk) {
      start = { at: ctx.loc(disk.ref.d) };
      file = ctx.show(disk.path);
    } else {
      const { hit, endpoint } = targetHit(wire!.t, wire!.origin);
      start = hit;
      file = `served by ${endpoint}`;
    }
    const weak = keyWeakness(c.keyType, c.keyBits);
    if (weak) yield { ...start, data: { what: `certificate ${c.subject} has ${article(weak)} ${weak}`, file }, key: `key ${c.fingerprint256}` };
    // The self-signature of a trust anchor is never checked by clients: only judge signatures someone verifies.
    if (/md5|md2|sha1/i.test(c.signatureAlgorithm) && !(c.selfSigned && c.isCA)) {
      yield { ...start, data: { what: `certificate ${c.subject} is signed with ${c.signatureAlgorithm}`, file }, key: `sig ${c.fingerprint256}` };
    }
  },
  *pem({ pem }, ctx) {
    const weak = pem.keyFacts && keyWeakness(pem.keyFacts.keyType, pem.keyFacts.keyBits);
    if (weak) yield { at: ctx.loc(pem.ref.d), data: { what: `private key is ${article(weak)} ${weak}`, file: ctx.show(pem.path) } };
  },
};
