/** @fileoverview No listener configured: mosquitto listens on loopback only and forces anonymous access on. */
import type { Check } from '../../context.js';
import { parseBool } from '../../../common/conf-values.js';
import { firstLine } from '../../declarative.js';

export const check: Check = {
  *config({ unit }, ctx) {
    if (!unit.model.localOnly) return;
    // Only an explicit `allow_anonymous false` is overridden; `true` asks for what local-only mode does anyway.
    const s = unit.model.globalSecurity.options.get('allow_anonymous');
    const refused = s !== undefined && parseBool(s.d) === false;
    yield { at: firstLine(unit.main.directives[0], unit.main.path, ctx), data: { note: refused ? ' (allow_anonymous false is overridden)' : '' }, key: 'local-only' };
  },
};
