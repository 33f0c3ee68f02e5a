/** @fileoverview The certificate served differs from the certfile on disk: a stale deployment (or the wrong file in the repo). */
import type { Check } from '../../context.js';
import { listenerName } from '../../hits.js';

export const check: Check = {
  *drift({ host, declared, wire, pems }, ctx) {
    for (const l of declared) {
      const certfile = l.options.get('certfile');
      const t = wire.find((w) => w.port === l.port && w.tls?.cert);
      const served = t?.tls?.cert;
      if (!certfile || !t || !served) continue;
      const disk = pems.find((p) => p.ref.d === certfile.d)?.certs?.[0];
      if (!disk || disk.fingerprint256 === served.fingerprint256) continue;
      yield {
        at: ctx.loc(certfile.d),
        target: { host, port: l.port },
        data: { listener: listenerName(l), disk: disk.subject, wire: served.subject },
        evidence: { transport: t.transport, diskFingerprint: disk.fingerprint256, wireFingerprint: served.fingerprint256, diskNotAfter: disk.notAfter, wireNotAfter: served.notAfter },
      };
    }
  },
};
