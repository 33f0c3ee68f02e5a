/** @fileoverview A listener the configuration declares is closed on the wire: the running broker is not this configuration. */
import type { Check } from '../../context.js';
import { listenerName } from '../../hits.js';

export const check: Check = {
  *drift({ host, declared, wire }, ctx) {
    for (const l of declared) {
      const t = wire.find((w) => w.port === l.port);
      if (!t || t.state === 'open' || !l.anchor) continue;
      yield { at: ctx.loc(l.anchor), target: { host, port: l.port }, data: { listener: listenerName(l), host, state: t.state }, evidence: { transport: t.transport, state: t.state, reason: t.reason } };
    }
  },
};
