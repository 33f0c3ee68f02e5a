/** @fileoverview A `#` in the QoS field of a bridge topic line: the rest of the line, prefixes included, is a comment (src/conf.c). */
import type { Check } from '../../context.js';

/** Words that look like topic prefixes (or mosquitto's `""`), not prose. */
const PREFIXY = (w: string) => w === '""' || w.includes('/');

export const check: Check = {
  *bridge({ b }, ctx) {
    for (const t of b.topics) {
      const [topic, direction, qos, ...rest] = t.d.tokens;
      if (!qos || !qos.text.startsWith('#')) continue;
      const words = [qos.text.slice(1), ...rest.map((r) => r.text)].filter(Boolean);
      if (!words.some(PREFIXY)) continue; // a real comment after the direction: QoS 0, nothing lost
      yield { at: { ...ctx.loc(t.d), column: qos.col }, data: { topic: topic.text, direction: direction.text, rest: t.d.value.slice(qos.col - t.d.valueCol) } };
    }
  },
};
