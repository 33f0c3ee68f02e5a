/** @fileoverview Payloads on readable topics carry credentials, keys, e-mail addresses, positions or Wi-Fi passwords (kinds only, never values). */
import type { Check } from '../../context.js';
import { sessionName, shortList, targetHit } from '../../hits.js';

export const check: Check = {
  *target({ t, origin }) {
    const topics = (t.mqtt?.listen?.topics ?? []).filter((x) => x.sensitive?.length);
    if (topics.length === 0) return;
    const { hit, endpoint } = targetHit(t, origin);
    const kinds = [...new Set(topics.flatMap((x) => x.sensitive!))].sort();
    yield {
      ...hit,
      data: { endpoint, who: sessionName(t), kinds: kinds.join(', '), topics: `${topics.length === 1 ? 'topic' : `${topics.length} topics:`} ${shortList(topics.map((x) => x.topic), 3)}` },
      key: kinds.join(','),
      evidence: { ...hit.evidence, kinds, topics: topics.slice(0, 50).map((x) => ({ topic: x.topic, kinds: x.sensitive })) },
    };
  },
};
