/** @fileoverview A role that grants # or $CONTROL to clients that are not administrators (docs/lint.md, "Dynamic security"). */
import type { Check } from '../../context.js';
import { controlsDynsec, isWide, rolesOf } from '../../policy/dynsec-grants.js';

export const check: Check = {
  *dynsec({ ds }, ctx) {
    const p = ds.parsed;
    if (p.error) return;
    const admin = (u: string) => ctx.adminUsers.includes(u) || /admin/i.test(u);
    for (const role of p.roles) {
      const holders = p.clients.filter((c) => !admin(c.username) && rolesOf(p, c).includes(role)).map((c) => c.username);
      if (holders.length === 0) continue;
      const clients = holders.length === 1 ? `client ${holders[0]}` : `clients ${holders.join(', ')}`;
      for (const a of role.acls) {
        if (!isWide(a)) continue;
        yield { at: ctx.fileLoc(p.path, a.line), data: { role: role.rolename, acltype: a.acltype, topic: a.topic, clients }, ...(controlsDynsec(a) ? { variant: 'control' } : {}), key: `role ${role.rolename} ${a.acltype} ${a.topic}` };
      }
    }
  },
};
