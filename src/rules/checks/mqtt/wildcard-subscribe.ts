/** @fileoverview A session subscribed to `#` received messages: evidence is what arrives, never the SUBACK (mosquitto grants every SUBACK; docs/scan.md, "Order of work" step 6). */
import type { Check } from '../../context.js';
import { plural, sessionName, targetHit } from '../../hits.js';

export const check: Check = {
  *target({ t, origin }) {
    const l = t.mqtt?.listen;
    if (!l) return;
    const topics = l.topics.filter((x) => !x.topic.startsWith('$'));
    const count = topics.reduce((a, x) => a + x.count, 0);
    if (count === 0) return;
    const { hit, endpoint } = targetHit(t, origin);
    const who = sessionName(t);
    yield {
      ...hit,
      data: { endpoint, who, messages: plural(count, 'message'), topics: plural(topics.length, 'topic') },
      evidence: { ...hit.evidence, identity: who, messages: count, topics: topics.slice(0, 20).map((x) => x.topic), topicCount: topics.length, retained: topics.filter((x) => x.retained).length, ...(l.topicsTruncated ? { topicsTruncated: true } : {}) },
    };
  },
};
