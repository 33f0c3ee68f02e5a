/**
 * @fileoverview The dynamic-security plugin's JSON file → clients, groups, roles and default access, each with its line
 * (mosquitto's plugins/dynamic-security; docs/lint.md, "Dynamic security"). Parsed with jsonc-parser for positions.
 */
import { findNodeAtLocation, parseTree, printParseErrorCode, type Node, type ParseError } from 'jsonc-parser';
import type { DynsecAccessKey, DynsecAcl, DynsecClient, DynsecGroup, DynsecRole, ParsedDynsec } from '../../model/config.js';
import { splitLines } from './lines.js';

const KEYS: DynsecAccessKey[] = ['publishClientSend', 'publishClientReceive', 'subscribe', 'unsubscribe'];

/** Parse a dynamic-security file; never throws. */
export function parseDynsec(path: string, text: string): ParsedDynsec {
  const lines = splitLines(text);
  const starts: number[] = [0];
  for (let i = 0; i < text.length; i++) if (text.charCodeAt(i) === 10) starts.push(i + 1);
  const lineOf = (offset: number): number => {
    let lo = 0;
    let hi = starts.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (starts[mid] <= offset) lo = mid;
      else hi = mid - 1;
    }
    return lo + 1;
  };
  const errors: ParseError[] = [];
  const root = parseTree(text, errors, { allowTrailingComma: false, disallowComments: true });
  const deny = (line: number) => Object.fromEntries(KEYS.map((k) => [k, { allow: false, line }])) as ParsedDynsec['defaultAccess'];
  const empty: ParsedDynsec = { path, lines, defaultAccess: deny(1), clients: [], groups: [], roles: [] };
  if (errors.length > 0 || !root || root.type !== 'object') {
    const e = errors[0];
    return { ...empty, error: { line: e ? lineOf(e.offset) : 1, message: e ? `not valid JSON (${humanize(printParseErrorCode(e.error))})` : 'not a JSON object' } };
  }
  const at = (node: Node | undefined, ...p: (string | number)[]) => (node ? findNodeAtLocation(node, p) : undefined);
  const str = (node: Node | undefined) => (node?.type === 'string' ? (node.value as string) : undefined);
  const keyLine = (node: Node | undefined) => (node?.parent?.type === 'property' ? lineOf(node.parent.offset) : node ? lineOf(node.offset) : 1);
  const items = (node: Node | undefined) => (node?.type === 'array' ? node.children ?? [] : []);
  const names = (node: Node | undefined, key: string) => items(node).map((n) => str(at(n, key))).filter((x): x is string => x !== undefined);

  // Missing or non-boolean keys mean deny; a missing object denies all four (proved on mosquitto 2.0.11).
  const dflt = at(root, 'defaultACLAccess');
  const defaultAccess = deny(dflt ? keyLine(dflt) : 1);
  for (const k of KEYS) {
    const v = at(dflt, k);
    if (v) defaultAccess[k] = { allow: v.type === 'boolean' && v.value === true, line: keyLine(v) };
  }
  const clients: DynsecClient[] = items(at(root, 'clients')).flatMap((c) => {
    const userNode = at(c, 'username');
    const username = str(userNode);
    if (username === undefined) return [];
    const it = at(c, 'iterations');
    const pw = str(at(c, 'password'));
    return [{
      username,
      line: keyLine(userNode),
      hasPassword: pw !== undefined && pw !== '',
      ...(it?.type === 'number' ? { iterations: it.value as number, iterationsLine: keyLine(it) } : {}),
      roles: names(at(c, 'roles'), 'rolename'),
      groups: names(at(c, 'groups'), 'groupname'),
    }];
  });
  const groups: DynsecGroup[] = items(at(root, 'groups')).flatMap((g) => {
    const groupname = str(at(g, 'groupname'));
    return groupname === undefined ? [] : [{ groupname, line: keyLine(at(g, 'groupname')), roles: names(at(g, 'roles'), 'rolename') }];
  });
  const roles: DynsecRole[] = items(at(root, 'roles')).flatMap((r) => {
    const rolename = str(at(r, 'rolename'));
    if (rolename === undefined) return [];
    const acls: DynsecAcl[] = items(at(r, 'acls')).flatMap((a) => {
      const acltype = str(at(a, 'acltype'));
      const topicNode = at(a, 'topic');
      const topic = str(topicNode);
      const allow = at(a, 'allow');
      if (acltype === undefined || topic === undefined) return [];
      return [{ acltype, topic, allow: allow?.type === 'boolean' && allow.value === true, line: keyLine(topicNode) }];
    });
    return [{ rolename, line: keyLine(at(r, 'rolename')), acls }];
  });
  const anon = at(root, 'anonymousGroup');
  const anonName = str(anon);
  return { path, lines, defaultAccess, clients, groups, roles, ...(anonName ? { anonymousGroup: { name: anonName, line: keyLine(anon) } } : {}) };
}

/** `PropertyNameExpected` → `a property name expected`. */
function humanize(code: string): string {
  return code.replace(/([a-z])([A-Z])/g, '$1 $2').toLowerCase().replace(/^/, 'a ').replace(/^a ([aeiou])/, 'an $1');
}
