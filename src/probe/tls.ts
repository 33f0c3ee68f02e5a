/** @fileoverview TLS handshake facts with Node's tls: protocol, cipher, the peer chain, trust, hostname, legacy versions. Never throws. */
import { X509Certificate } from 'node:crypto';
import type { Socket } from 'node:net';
import { checkServerIdentity, connect, rootCertificates, type DetailedPeerCertificate, type TLSSocket } from 'node:tls';
import { certFacts } from '../common/x509.js';
import { trustApartFromTime } from './chain-trust.js';
import type { CertFacts } from '../model/config.js';
import type { TlsFacts, WireCert } from '../model/wire.js';

/** Client-side TLS material from --cafile, --cert, --key. */
export interface TlsClientOptions {
  ca?: string;
  cert?: string;
  key?: string;
}

/** A failed handshake. */
export interface TlsFailure {
  error: string;
  code?: string;
  /** The handshake failed because the server wants a client certificate. */
  certRequired: boolean;
  /** The peer does not seem to speak TLS at all. */
  notTls: boolean;
}

/** OpenSSL codes that say "a client certificate was wanted" (alerts 40/42/116 when we sent none). */
export const CERT_REQUIRED_CODES = new Set(['ERR_SSL_TLSV13_ALERT_CERTIFICATE_REQUIRED', 'ERR_SSL_SSLV3_ALERT_HANDSHAKE_FAILURE', 'ERR_SSL_SSLV3_ALERT_BAD_CERTIFICATE', 'ERR_SSL_TLSV1_ALERT_UNKNOWN_CA']);
const NOT_TLS_CODES = new Set(['ERR_SSL_WRONG_VERSION_NUMBER', 'ERR_SSL_PACKET_LENGTH_TOO_LONG', 'ECONNRESET', 'EPIPE', 'ERR_SSL_UNEXPECTED_EOF_WHILE_READING']);

const DAY = 86400000;
/** Certificate text fields are the peer's words: reports keep at most this much of each. */
const FIELD_MAX = 1000;
const cap = (s: string | undefined) => (s !== undefined && s.length > FIELD_MAX ? `${s.slice(0, FIELD_MAX)}… (${s.length} characters)` : s);
const withDays = (c: CertFacts) => ({ ...c, subject: cap(c.subject)!, issuer: cap(c.issuer)!, ...(c.subjectAltName !== undefined ? { subjectAltName: cap(c.subjectAltName) } : {}), daysLeft: Math.floor((Date.parse(c.notAfter) - Date.now()) / DAY) });

/** Handshake over an open TCP socket (or a new connection); resolves the TLS socket and its facts, or a failure. */
export function tlsHandshake(
  target: { host: string; port: number; name?: string; socket?: Socket },
  opts: TlsClientOptions & { timeoutMs: number; minVersion?: 'TLSv1' | 'TLSv1.1'; maxVersion?: 'TLSv1' | 'TLSv1.1'; ciphers?: string },
): Promise<{ socket: TLSSocket; facts: TlsFacts } | TlsFailure> {
  return new Promise((resolve) => {
    let done = false;
    const finish = (v: { socket: TLSSocket; facts: TlsFacts } | TlsFailure) => {
      if (done) return;
      done = true;
      clearTimeout(timer);
      resolve(v);
    };
    const checkedName = target.name ?? target.host;
    const sock = connect({
      ...(target.socket ? { socket: target.socket } : { host: target.host, port: target.port }),
      // NOTE: facts are collected with verification off and verified separately, so that each problem is a finding (docs/scan.md, "Order of work" step 3).
      rejectUnauthorized: false,
      ca: opts.ca ? [...rootCertificates, opts.ca] : undefined,
      cert: opts.cert,
      key: opts.key,
      servername: target.name, // SNI only for names, never for address literals (RFC 6066 §3)
      minVersion: opts.minVersion,
      maxVersion: opts.maxVersion,
      ciphers: opts.ciphers,
      checkServerIdentity: () => undefined,
    });
    const timer = setTimeout(() => {
      sock.destroy();
      finish({ error: `no TLS handshake within ${opts.timeoutMs} ms`, certRequired: false, notTls: false });
    }, opts.timeoutMs);
    sock.once('secureConnect', () => {
      try {
        finish({ socket: sock, facts: collect(sock, checkedName, !!opts.cert, opts.ca) });
      } catch (e) {
        sock.destroy();
        finish({ error: `unreadable peer certificate: ${(e as Error).message}`, certRequired: false, notTls: false });
      }
    });
    sock.once('error', (e: NodeJS.ErrnoException) => {
      sock.destroy();
      const code = e.code;
      finish({ error: code ?? e.message, code, certRequired: !opts.cert && !!code && CERT_REQUIRED_CODES.has(code), notTls: !!code && NOT_TLS_CODES.has(code) });
    });
    sock.once('close', () => finish({ error: 'the peer closed the connection during the TLS handshake', certRequired: false, notTls: true }));
  });
}

/** OpenSSL's words for a validity-period problem: the chain's trust is then checked apart from time. */
const DATE_ERRORS = new Set(['CERT_HAS_EXPIRED', 'CERT_NOT_YET_VALID']);

function collect(sock: TLSSocket, checkedName: string, clientCertUsed: boolean, ca?: string): TlsFacts {
  // NOTE: getPeerCertificate must come first: after getPeerX509Certificate(), Node 20 returns {} for it.
  const detailed = sock.getPeerCertificate(true) as DetailedPeerCertificate;
  const legacy = sock.getPeerCertificate(false);
  if (!detailed?.raw) throw new Error('no peer certificate');
  const leafX509 = new X509Certificate(detailed.raw);
  const chain: WireCert[] = [];
  const der: Buffer[] = [];
  let c = detailed;
  const seen = new Set<string>();
  // Bounded: a hostile peer cannot make us walk forever.
  while (c && c.raw && !seen.has(c.fingerprint256) && chain.length < 10) {
    seen.add(c.fingerprint256);
    chain.push(withDays(certFacts(new X509Certificate(c.raw))));
    der.push(c.raw);
    c = c.issuerCertificate;
  }
  const identity = checkServerIdentity(checkedName, legacy);
  const cipher = sock.getCipher();
  return {
    protocol: sock.getProtocol() ?? 'unknown',
    cipher: cipher?.standardName ?? cipher?.name ?? 'unknown',
    cert: withDays(certFacts(leafX509)),
    chain,
    trusted: sock.authorized,
    ...(sock.authorized ? {} : { trustError: trustErrorOf(String(sock.authorizationError ?? 'unknown'), der, ca) }),
    checkedName,
    hostnameOk: !identity,
    ...(identity ? { hostnameError: identity.message } : {}),
    ...(clientCertUsed ? { clientCertUsed } : {}),
  };
}

/**
 * OpenSSL reports one problem: for an expired (or not yet valid) certificate it is the date, even when the issuer is
 * unknown too. Then the chain is checked apart from time, and an untrusted one says why (docs/scan.md, "Trust apart from time").
 */
function trustErrorOf(error: string, der: Buffer[], ca?: string): string {
  if (!DATE_ERRORS.has(error)) return error;
  const t = trustApartFromTime(der, ca);
  return t.trusted ? error : t.error;
}

/**
 * Close a TLS connection the polite way: close_notify, then the socket. A connection dropped after its handshake is an
 * "unexpected eof while reading" error line in the broker's log (docs/scan.md, "Quiet probes").
 */
export function closeTls(sock: TLSSocket): Promise<void> {
  return new Promise((resolve) => {
    const done = () => {
      clearTimeout(timer);
      sock.destroy();
      resolve();
    };
    const timer = setTimeout(done, 250);
    sock.once('close', done);
    sock.once('error', done);
    sock.end();
  });
}

/** Try a handshake pinned to one legacy version with OpenSSL's security level lowered (docs/scan.md, "Order of work" step 3). */
export async function legacyHandshake(host: string, port: number, name: string | undefined, version: 'TLSv1' | 'TLSv1.1', timeoutMs: number): Promise<boolean | null> {
  const r = await tlsHandshake({ host, port, name }, { timeoutMs, minVersion: version, maxVersion: version, ciphers: 'DEFAULT:@SECLEVEL=0' });
  if ('socket' in r) {
    await closeTls(r.socket);
    return true;
  }
  if (r.code === 'ERR_SSL_NO_PROTOCOLS_AVAILABLE' || r.code === 'ERR_SSL_UNSUPPORTED_PROTOCOL' || r.code === 'ERR_SSL_LEGACY_SIGALG_DISALLOWED_OR_UNSUPPORTED') return null;
  return false;
}
