/** @fileoverview A network listener without TLS: credentials and messages travel in clear. */
import type { Check } from '../../context.js';
import { listenerKey, listenerName } from '../../hits.js';

export const check: Check = {
  *listener({ l }, ctx) {
    if (!l.network || l.tls || !l.anchor) return;
    const protocol = l.options.get('protocol')?.d.tokens[0]?.text ?? 'mqtt';
    yield { at: ctx.loc(l.anchor), data: { listener: listenerName(l), protocol }, key: `plaintext ${listenerKey(l)}` };
  },
};
