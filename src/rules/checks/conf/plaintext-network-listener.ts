/** @fileoverview A network listener without TLS: credentials and messages travel in clear. */
import type { Check } from '../../context.js';
import { listenerKey, listenerName, listeners } from '../helpers.js';

export const check: Check = function* (ctx) {
  for (const { l } of listeners(ctx)) {
    if (!l.network || l.tls || !l.anchor) continue;
    const protocol = l.options.get('protocol')?.d.tokens[0]?.text ?? 'mqtt';
    yield { at: ctx.loc(l.anchor), data: { listener: listenerName(l), protocol }, key: `plaintext ${listenerKey(l)}` };
  }
};
