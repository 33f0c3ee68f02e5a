/** @fileoverview TLS on the wire where the configuration has none, or the reverse. */
import type { Check } from '../../context.js';
import { listenerName, wireTls } from '../../hits.js';

export const check: Check = {
  *drift({ host, declared, wire }, ctx) {
    for (const l of declared) {
      const t = wire.find((w) => w.port === l.port && w.state === 'open');
      if (!t || !l.anchor || (!t.mqtt && !t.tls?.protocol)) continue;
      const onWire = wireTls(t);
      if (onWire === l.tls) continue;
      yield { at: ctx.loc(l.anchor), target: { host, port: l.port }, data: { listener: listenerName(l), config: l.tls ? 'TLS' : 'no TLS', wire: onWire ? 'TLS' : 'plaintext MQTT' }, evidence: { transport: t.transport } };
    }
  },
};
