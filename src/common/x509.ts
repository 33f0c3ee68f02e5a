/** @fileoverview X.509 certificates and PEM keys → facts (validity, key strength, signature algorithm) with Node's crypto; read from files by lint and from the wire by probes. */
import type { CertFacts, KeyFacts } from '../model/config.js';
import { X509Certificate, createPrivateKey, createPublicKey, type KeyObject } from 'node:crypto';

/** The PEM blocks of a text, by label. */
export function pemBlocks(text: string): { label: string; pem: string }[] {
  const out: { label: string; pem: string }[] = [];
  const re = /-----BEGIN ([A-Z0-9 ]+)-----[\s\S]*?-----END \1-----/g;
  for (let m = re.exec(text); m; m = re.exec(text)) out.push({ label: m[1], pem: m[0] });
  return out;
}

/** Read every certificate of a PEM file (a chain file holds several); throws an Error with a user-facing message. */
export function readCertificates(text: string): { cert: X509Certificate; facts: CertFacts }[] {
  const blocks = pemBlocks(text).filter((b) => b.label === 'CERTIFICATE' || b.label === 'TRUSTED CERTIFICATE');
  if (blocks.length === 0) throw new Error('no PEM certificate in the file');
  return blocks.map((b) => {
    const cert = new X509Certificate(b.pem);
    return { cert, facts: certFacts(cert) };
  });
}

/** The facts of one certificate. */
export function certFacts(cert: X509Certificate): CertFacts {
  const key = keyDetails(cert.publicKey);
  return {
    subject: oneLine(cert.subject),
    issuer: oneLine(cert.issuer),
    notBefore: new Date(cert.validFrom).toISOString(),
    notAfter: new Date(cert.validTo).toISOString(),
    selfSigned: cert.subject === cert.issuer && safeVerify(cert),
    ...key,
    signatureAlgorithm: signatureAlgorithm(cert.raw),
    fingerprint256: cert.fingerprint256,
    subjectAltName: cert.subjectAltName,
    isCA: cert.ca,
  };
}

/** Read a private key; throws with a user-facing message. An encrypted key is reported, not decrypted. */
export function readPrivateKey(text: string): { key?: KeyObject; facts: KeyFacts } {
  const blocks = pemBlocks(text).filter((b) => /PRIVATE KEY$/.test(b.label));
  if (blocks.length === 0) throw new Error('no PEM private key in the file');
  const pem = blocks[0].pem;
  if (blocks[0].label === 'ENCRYPTED PRIVATE KEY' || /Proc-Type: 4,ENCRYPTED/.test(pem)) {
    return { facts: { keyType: 'unknown', encrypted: true } };
  }
  const key = createPrivateKey(pem);
  return { key, facts: { ...keyDetails(createPublicKey(key)), encrypted: false } };
}

function keyDetails(pub: KeyObject): { keyType: string; keyBits?: number; curve?: string } {
  const type = pub.asymmetricKeyType ?? 'unknown';
  const d = pub.asymmetricKeyDetails ?? {};
  if (type === 'ec') {
    const curve = d.namedCurve;
    return { keyType: type, curve, keyBits: curve ? CURVE_BITS[curve] : undefined };
  }
  if (type === 'ed25519') return { keyType: type, keyBits: 256 };
  if (type === 'ed448') return { keyType: type, keyBits: 448 };
  return { keyType: type, keyBits: d.modulusLength };
}

const CURVE_BITS: Record<string, number> = {
  prime192v1: 192, secp224r1: 224, prime256v1: 256, secp256k1: 256, secp384r1: 384, secp521r1: 521,
  brainpoolP256r1: 256, brainpoolP384r1: 384, brainpoolP512r1: 512,
};

function safeVerify(cert: X509Certificate): boolean {
  try {
    return cert.verify(cert.publicKey);
  } catch {
    return false;
  }
}

function oneLine(dn: string): string {
  return dn.split('\n').filter(Boolean).join(', ');
}

const SIG_OIDS: Record<string, string> = {
  '1.2.840.113549.1.1.2': 'md2WithRSAEncryption',
  '1.2.840.113549.1.1.4': 'md5WithRSAEncryption',
  '1.2.840.113549.1.1.5': 'sha1WithRSAEncryption',
  '1.2.840.113549.1.1.10': 'RSASSA-PSS',
  '1.2.840.113549.1.1.11': 'sha256WithRSAEncryption',
  '1.2.840.113549.1.1.12': 'sha384WithRSAEncryption',
  '1.2.840.113549.1.1.13': 'sha512WithRSAEncryption',
  '1.2.840.10045.4.1': 'ecdsa-with-SHA1',
  '1.2.840.10045.4.3.2': 'ecdsa-with-SHA256',
  '1.2.840.10045.4.3.3': 'ecdsa-with-SHA384',
  '1.2.840.10045.4.3.4': 'ecdsa-with-SHA512',
  '1.2.840.10040.4.3': 'dsa-with-SHA1',
  '2.16.840.1.101.3.4.3.2': 'dsa-with-SHA256',
  '1.3.101.112': 'Ed25519',
  '1.3.101.113': 'Ed448',
};

/** The signatureAlgorithm of a DER certificate (RFC 5280 §4.1.1.2), which Node's X509Certificate does not expose. */
export function signatureAlgorithm(der: Buffer): string {
  try {
    let p = header(der, 0).body; // Certificate SEQUENCE
    const tbs = header(der, p);
    p = tbs.body + tbs.len; // skip tbsCertificate
    const alg = header(der, p); // AlgorithmIdentifier SEQUENCE
    const oid = header(der, alg.body);
    if (der[oid.start] !== 0x06) return 'unknown';
    const id = decodeOid(der.subarray(oid.body, oid.body + oid.len));
    return SIG_OIDS[id] ?? id;
  } catch {
    return 'unknown';
  }
}

function header(b: Buffer, at: number): { start: number; body: number; len: number } {
  let p = at + 1;
  let len = b[p++];
  if (len & 0x80) {
    const n = len & 0x7f;
    if (n > 4) throw new Error('DER length too long');
    len = 0;
    for (let i = 0; i < n; i++) len = len * 256 + b[p++];
  }
  if (p + len > b.length) throw new Error('DER truncated');
  return { start: at, body: p, len };
}

function decodeOid(b: Buffer): string {
  const parts = [Math.floor(b[0] / 40), b[0] % 40];
  let v = 0;
  for (let i = 1; i < b.length; i++) {
    v = v * 128 + (b[i] & 0x7f);
    if (!(b[i] & 0x80)) {
      parts.push(v);
      v = 0;
    }
  }
  return parts.join('.');
}
