/** @fileoverview A session subscribed to `#` received messages: evidence is what arrives, never the SUBACK (mosquitto grants every SUBACK; HARDENING.md §8.6). */
import type { Check } from '../../context.js';
import { sessionName, targets } from '../helpers.js';

export const check: Check = function* (ctx) {
  for (const { t, hit, endpoint } of targets(ctx)) {
    const l = t.mqtt?.listen;
    if (!l) continue;
    const topics = l.topics.filter((x) => !x.topic.startsWith('$'));
    const count = topics.reduce((a, x) => a + x.count, 0);
    if (count === 0) continue;
    const who = sessionName(t);
    yield {
      ...hit,
      data: { endpoint, who, count, topicCount: topics.length },
      evidence: { ...hit.evidence, identity: who, messages: count, topics: topics.slice(0, 20).map((x) => x.topic), topicCount: topics.length, retained: topics.filter((x) => x.retained).length, ...(l.topicsTruncated ? { topicsTruncated: true } : {}) },
    };
  }
};
