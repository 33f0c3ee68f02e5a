/** @fileoverview Generate a test PKI with openssl (certificates expire, so none is committed): CA, valid, expired, expiring, weak, SHA-1, mismatched. */
import { execFileSync } from 'node:child_process';
import { appendFileSync, existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

const DAY = 86400000;

function stamp(d: Date): string {
  return d.toISOString().replace(/[-:T]/g, '').slice(0, 14) + 'Z';
}

function ossl(dir: string, args: string[]): void {
  execFileSync('openssl', args, { cwd: dir, stdio: ['ignore', 'ignore', 'pipe'] });
}

/** Issue a certificate from the PKI's CA in dir; `san` adds a subjectAltName extension of its own. */
export function signCert(dir: string, o: { name: string; key: string; cn: string; start: Date; end: Date; md?: string; ext?: string; san?: string }): string {
  let ext = o.ext ?? 'server_ext';
  if (o.san) {
    ext = `ext_${o.name.replace(/\W/g, '_')}`;
    appendFileSync(join(dir, 'ca.cnf'), `[ ${ext} ]\nbasicConstraints = CA:FALSE\nsubjectAltName = ${o.san}\n`);
  }
  ossl(dir, ['req', '-new', '-key', o.key, '-subj', `/CN=${o.cn}`, '-out', `${o.name}.csr`]);
  ossl(dir, ['ca', '-batch', '-config', 'ca.cnf', '-cert', 'ca.crt', '-keyfile', 'ca.key', '-in', `${o.name}.csr`, '-out', `${o.name}.crt`, '-notext', '-md', o.md ?? 'sha256', '-extensions', ext, '-startdate', stamp(o.start), '-enddate', stamp(o.end)]);
  return join(dir, `${o.name}.crt`);
}

/** Generate an RSA key of the given size into dir/name. */
export function genKey(dir: string, name: string, bits = 2048): string {
  ossl(dir, ['genpkey', '-algorithm', 'RSA', '-pkeyopt', `rsa_keygen_bits:${bits}`, '-out', name]);
  return join(dir, name);
}

/** A self-signed certificate for a key. */
export function selfSign(dir: string, name: string, key: string, cn: string, san: string): string {
  ossl(dir, ['req', '-x509', '-key', key, '-out', name, '-days', '365', '-subj', `/CN=${cn}`, '-addext', `subjectAltName=${san}`]);
  return join(dir, name);
}

/** The files makePki writes, by name. */
export const PKI_FILES = ['ca.crt', 'ca.key', 'server.crt', 'server.key', 'expired.crt', 'expiring.crt', 'future.crt', 'sha1.crt', 'weak.crt', 'weak.key', 'other.key', 'selfsigned.crt', 'selfsigned.key', 'encrypted.key', 'invalid.crt', 'client.crt', 'client.key'] as const;

/**
 * Write a PKI into dir (idempotent per dir): a CA; server.crt (localhost, 127.0.0.1, 1 year); expired.crt; expiring.crt
 * (10 days); future.crt (valid from +30 days); sha1.crt; weak.crt with an RSA-1024 weak.key; other.key (matches nothing);
 * selfsigned.crt; encrypted.key; invalid.crt (not PEM); client.crt for mutual TLS.
 */
export function makePki(dir: string, now: Date = new Date()): string {
  mkdirSync(dir, { recursive: true });
  if (existsSync(join(dir, 'client.crt'))) return dir;
  mkdirSync(join(dir, 'db', 'new'), { recursive: true });
  writeFileSync(join(dir, 'db', 'index.txt'), '');
  writeFileSync(join(dir, 'db', 'serial'), '1000\n');
  writeFileSync(
    join(dir, 'ca.cnf'),
    [
      '[ ca ]', 'default_ca = CA_default', '[ CA_default ]', 'dir = db', 'database = db/index.txt', 'new_certs_dir = db/new',
      'serial = db/serial', 'default_md = sha256', 'policy = policy_any', 'unique_subject = no', 'copy_extensions = copy',
      'email_in_dn = no', '[ policy_any ]', 'commonName = supplied', 'organizationName = optional', '[ server_ext ]',
      'basicConstraints = CA:FALSE', 'subjectAltName = DNS:localhost,IP:127.0.0.1', '[ client_ext ]', 'basicConstraints = CA:FALSE',
      'extendedKeyUsage = clientAuth', '[ req ]', 'distinguished_name = dn', '[ dn ]', '',
    ].join('\n'),
  );
  ossl(dir, ['req', '-x509', '-newkey', 'rsa:2048', '-nodes', '-keyout', 'ca.key', '-out', 'ca.crt', '-days', '3650', '-subj', '/O=mqtt-audit tests/CN=mqtt-audit test CA', '-addext', 'basicConstraints=critical,CA:TRUE', '-addext', 'keyUsage=critical,keyCertSign,cRLSign']);
  for (const k of ['server', 'other', 'client', 'selfsigned']) ossl(dir, ['genpkey', '-algorithm', 'RSA', '-pkeyopt', 'rsa_keygen_bits:2048', '-out', `${k}.key`]);
  ossl(dir, ['genpkey', '-algorithm', 'RSA', '-pkeyopt', 'rsa_keygen_bits:1024', '-out', 'weak.key']);
  ossl(dir, ['genpkey', '-algorithm', 'RSA', '-pkeyopt', 'rsa_keygen_bits:2048', '-aes-128-cbc', '-pass', 'pass:secret', '-out', 'encrypted.key']);
  const sign = (name: string, key: string, cn: string, start: Date, end: Date, md = 'sha256', ext = 'server_ext') => signCert(dir, { name, key, cn, start, end, md, ext });
  const t = now.getTime();
  sign('server', 'server.key', 'localhost', new Date(t - DAY), new Date(t + 365 * DAY));
  sign('expired', 'server.key', 'expired.example', new Date(t - 400 * DAY), new Date(t - 35 * DAY));
  sign('expiring', 'server.key', 'expiring.example', new Date(t - 300 * DAY), new Date(t + 10 * DAY + 3600000));
  sign('future', 'server.key', 'future.example', new Date(t + 30 * DAY), new Date(t + 400 * DAY));
  sign('sha1', 'server.key', 'sha1.example', new Date(t - DAY), new Date(t + 365 * DAY), 'sha1');
  sign('weak', 'weak.key', 'weak.example', new Date(t - DAY), new Date(t + 365 * DAY));
  sign('client', 'client.key', 'device-1', new Date(t - DAY), new Date(t + 365 * DAY), 'sha256', 'client_ext');
  ossl(dir, ['req', '-x509', '-key', 'selfsigned.key', '-out', 'selfsigned.crt', '-days', '365', '-subj', '/CN=localhost', '-addext', 'subjectAltName=DNS:localhost,IP:127.0.0.1']);
  writeFileSync(join(dir, 'invalid.crt'), 'this is not a certificate\n');
  return dir;
}
