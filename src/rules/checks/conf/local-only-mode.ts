/** @fileoverview No listener configured: mosquitto listens on loopback only and forces anonymous access on. */
import type { Check } from '../../context.js';
import { firstLine } from '../../declarative.js';

export const check: Check = {
  *config({ unit }, ctx) {
    if (!unit.model.localOnly) return;
    const refused = unit.model.globalSecurity.options.get('allow_anonymous');
    yield { at: firstLine(unit.main.directives[0], unit.main.path, ctx), data: { note: refused ? ' (allow_anonymous is overridden)' : '' }, key: 'local-only' };
  },
};
