/** @fileoverview The anonymousGroup's roles grant # or $CONTROL (docs/lint.md, "Dynamic security"). */
import type { Check } from '../../context.js';
import { controlsDynsec, isWide, rolesOf } from '../../policy/dynsec-grants.js';

export const check: Check = {
  *dynsec({ ds }, ctx) {
    const p = ds.parsed;
    if (p.error || !p.anonymousGroup) return;
    const group = p.anonymousGroup.name;
    for (const role of rolesOf(p, { roles: [], groups: [group] })) {
      for (const a of role.acls) {
        if (!isWide(a)) continue;
        const control = controlsDynsec(a);
        yield {
          at: ctx.fileLoc(p.path, a.line),
          data: { group, acltype: a.acltype, topic: a.topic, role: role.rolename },
          ...(control ? { variant: 'control' } : {}),
          key: `anonymous ${role.rolename} ${a.acltype} ${a.topic}`,
        };
      }
    }
  },
};
