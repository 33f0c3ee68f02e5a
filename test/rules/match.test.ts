/** @fileoverview The `when:` operators, one table row each. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { matches, type Facts } from '../../src/rules/match.js';
import type { Condition } from '../../src/model/types.js';

const facts: Facts = Object.freeze({ port: 1883, network: true, bind: '', 'option.tls_version': 'tlsv1.2', 'option.log_type': ['error', 'debug'] }) as Facts;
const rows: [string, Condition, boolean][] = [
  ['equals number', { fact: 'port', equals: 1883 }, true],
  ['equals bool', { fact: 'network', equals: false }, false],
  ['equals on an array: any element', { fact: 'option.log_type', equals: 'debug' }, true],
  ['in', { fact: 'option.tls_version', in: ['tlsv1.2', 'tlsv1.3'] }, true],
  ['notIn', { fact: 'option.tls_version', notIn: ['tlsv1.3'] }, true],
  ['notIn holds for an absent fact', { fact: 'option.absent', notIn: ['x'] }, true],
  ['matches', { fact: 'option.tls_version', matches: '^tlsv1\\.[23]$' }, true],
  ['lt', { fact: 'port', lt: 1024 }, false],
  ['lte', { fact: 'port', lte: 1883 }, true],
  ['gt', { fact: 'port', gt: 1000 }, true],
  ['gte', { fact: 'port', gte: 1884 }, false],
  ['exists true', { fact: 'bind', exists: true }, true],
  ['exists false', { fact: 'option.max_connections', exists: false }, true],
  ['an absent fact fails a comparison', { fact: 'option.max_connections', gt: 5 }, false],
  ['all', { all: [{ fact: 'network', equals: true }, { fact: 'port', equals: 1883 }] }, true],
  ['any', { any: [{ fact: 'network', equals: false }, { fact: 'port', equals: 1883 }] }, true],
  ['not', { not: { fact: 'network', equals: true } }, false],
];
for (const [name, cond, expected] of rows) test(`when: ${name}`, () => assert.equal(matches(cond, facts), expected));
