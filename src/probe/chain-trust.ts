/**
 * @fileoverview Does a served chain lead to a trusted root, whatever the date? OpenSSL stops at the first problem, so an
 * expired certificate from an unknown issuer is only "expired"; this walks the chain by issuer name and signature alone
 * (docs/scan.md, "Trust apart from time").
 */
import { X509Certificate } from 'node:crypto';
import { rootCertificates } from 'node:tls';

let systemAnchors: X509Certificate[] | undefined;

/** PEM text (one or more certificates) → certificates; unreadable blocks are skipped. */
function parsePem(pem: string): X509Certificate[] {
  return (pem.match(/-----BEGIN CERTIFICATE-----[\s\S]*?-----END CERTIFICATE-----/g) ?? []).flatMap((block) => {
    try {
      return [new X509Certificate(block)];
    } catch {
      return [];
    }
  });
}

/** The trust anchors: Node's bundled roots, plus --cafile. */
function anchors(ca?: string): X509Certificate[] {
  systemAnchors ??= rootCertificates.flatMap(parsePem);
  return ca ? [...systemAnchors, ...parsePem(ca)] : systemAnchors;
}

const issuedBy = (c: X509Certificate, by: X509Certificate) => {
  try {
    return c.checkIssued(by) && c.verify(by.publicKey);
  } catch {
    return false;
  }
};

/**
 * Trust ignoring validity dates: the chain (leaf first, as the peer sent it) reaches an anchor by issuer and signature.
 * The error is OpenSSL's word for what is wrong apart from time.
 */
export function trustApartFromTime(chainDer: Buffer[], ca?: string): { trusted: true } | { trusted: false; error: string } {
  const chain = chainDer.flatMap((der) => {
    try {
      return [new X509Certificate(der)];
    } catch {
      return [];
    }
  });
  if (chain.length === 0) return { trusted: false, error: 'UNABLE_TO_VERIFY_LEAF_SIGNATURE' };
  const roots = anchors(ca);
  let current = chain[0];
  for (let depth = 0; depth < 10; depth++) {
    if (roots.some((r) => r.fingerprint256 === current.fingerprint256 || issuedBy(current, r))) return { trusted: true };
    if (issuedBy(current, current)) return { trusted: false, error: depth === 0 ? 'DEPTH_ZERO_SELF_SIGNED_CERT' : 'SELF_SIGNED_CERT_IN_CHAIN' };
    const next = chain.find((c) => c !== current && issuedBy(current, c));
    if (!next) return { trusted: false, error: depth === 0 ? 'UNABLE_TO_VERIFY_LEAF_SIGNATURE' : 'UNABLE_TO_GET_ISSUER_CERT_LOCALLY' };
    current = next;
  }
  return { trusted: false, error: 'CERT_CHAIN_TOO_LONG' };
}
