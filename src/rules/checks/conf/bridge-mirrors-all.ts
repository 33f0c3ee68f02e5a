/** @fileoverview A bridge that carries # both ways; `# in` then `# out` loses the in direction (docs/lint.md, "Bridges"). */
import type { Check } from '../../context.js';
import { isOn } from '../../../common/conf-values.js';
import type { Setting } from '../../../model/config.js';

/** The direction of a bridge topic line (`out` when absent); undefined when the topic is not `#`. */
function hashDirection(t: Setting): string | undefined {
  const [topic, dir] = t.d.tokens.map((x) => x.text);
  return topic === '#' ? (dir ?? 'out').toLowerCase() : undefined;
}

export const check: Check = {
  *bridge({ b }, ctx) {
    const both = b.topics.find((t) => hashDirection(t) === 'both');
    const inLine = b.topics.find((t) => hashDirection(t) === 'in');
    const outLine = b.topics.find((t) => hashDirection(t) === 'out');
    const tryPrivate = b.options.get('try_private');
    const echo = tryPrivate && !isOn(tryPrivate) ? '; with try_private false each message also comes back once' : '';
    if (both) {
      yield { at: ctx.loc(both.d), data: { name: b.name, how: 'topic # both', echo } };
      return;
    }
    if (!inLine || !outLine) return;
    const unsubscribes = b.options.get('bridge_attempt_unsubscribe');
    if (inLine.d.line < outLine.d.line && (!unsubscribes || isOn(unsubscribes))) {
      yield { at: ctx.loc(outLine.d), data: { name: b.name, inLine: inLine.d.line, outLine: outLine.d.line }, variant: 'in-lost' };
    } else yield { at: ctx.loc(inLine.d.line < outLine.d.line ? inLine.d : outLine.d), data: { name: b.name, how: `topic # in and topic # out`, echo } };
  },
};
