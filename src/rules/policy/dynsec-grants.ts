/** @fileoverview What the roles of a dynamic-security file grant, and to whom (docs/lint.md, "Dynamic security"). */
import type { DynsecAcl, DynsecRole, ParsedDynsec } from '../../model/config.js';
import { MATCH_ALL } from '../hits.js';

/** ACL types that let a client publish or subscribe (receive and unsubscribe take nothing from others). */
const GRANTING = new Set(['publishClientSend', 'subscribePattern', 'subscribeLiteral']);

/** Publish access to the plugin's control topic: one message makes the client an admin. */
export function controlsDynsec(a: DynsecAcl): boolean {
  return a.allow && a.acltype === 'publishClientSend' && /^\$CONTROL(\/|$)/.test(a.topic) && ('$CONTROL/dynamic-security/v1'.startsWith(a.topic.replace(/#$/, '')) || a.topic === '$CONTROL/#');
}

/** An allow that reaches every topic (`#`, `+/#`; subscribePattern # covers $SYS and $CONTROL too) or publishes under $CONTROL. */
export function isWide(a: DynsecAcl): boolean {
  if (!a.allow || !GRANTING.has(a.acltype)) return false;
  return MATCH_ALL.test(a.topic) || (a.acltype === 'publishClientSend' && a.topic.startsWith('$CONTROL'));
}

/** The roles a client holds, directly and through its groups. */
export function rolesOf(ds: ParsedDynsec, client: { roles: string[]; groups: string[] }): DynsecRole[] {
  const names = new Set([...client.roles, ...client.groups.flatMap((g) => ds.groups.find((x) => x.groupname === g)?.roles ?? [])]);
  return ds.roles.filter((r) => names.has(r.rolename));
}
