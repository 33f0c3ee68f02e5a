/** @fileoverview The certificate served differs from the certfile on disk: a stale deployment (or the wrong file in the repo). */
import type { Check } from '../../context.js';
import { driftPairs, listenerName } from '../helpers.js';

export const check: Check = function* (ctx) {
  for (const { host, declared, wire } of driftPairs(ctx)) {
    for (const l of declared) {
      const certfile = l.options.get('certfile');
      const t = wire.find((w) => w.port === l.port && w.tls?.cert);
      if (!certfile || !t) continue;
      const disk = ctx.lint!.pems.find((p) => p.ref.d === certfile.d)?.certs?.[0];
      if (!disk || disk.fingerprint256 === t.tls!.cert.fingerprint256) continue;
      yield {
        at: ctx.loc(certfile.d),
        target: { host, port: l.port },
        data: { listener: listenerName(l), disk: disk.subject, wire: t.tls!.cert.subject },
        evidence: { transport: t.transport, diskFingerprint: disk.fingerprint256, wireFingerprint: t.tls!.cert.fingerprint256, diskNotAfter: disk.notAfter, wireNotAfter: t.tls!.cert.notAfter },
      };
    }
  }
};
