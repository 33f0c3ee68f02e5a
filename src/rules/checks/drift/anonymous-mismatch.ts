/** @fileoverview Anonymous access on the wire differs from what the configuration says for that listener. */
import type { Check } from '../../context.js';
import { listenerName } from '../../hits.js';

export const check: Check = {
  *drift({ host, declared, wire }, ctx) {
    for (const l of declared) {
      const t = wire.find((w) => w.port === l.port && w.state === 'open' && w.mqtt);
      if (!t || t.mqtt!.session?.identity === 'certificate') continue;
      const onWire = t.mqtt!.anonymous;
      if (onWire === l.allowAnonymous) continue;
      const at = l.security.options.get('allow_anonymous')?.d ?? l.anchor;
      if (!at) continue;
      yield {
        at: ctx.loc(at),
        target: { host, port: l.port },
        data: { listener: listenerName(l), config: l.allowAnonymous ? 'allows' : 'refuses', wire: onWire ? 'accepts' : 'refuses' },
        variant: onWire ? undefined : 'refused-on-wire',
        evidence: { transport: t.transport, connack: t.mqtt!.connack },
      };
    }
  },
};
