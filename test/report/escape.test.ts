/** @fileoverview Untrusted text: terminal escapes and controls stripped, HTML escaped. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { escapeHtml, sanitizeText } from '../../src/report/escape.js';

test('sanitizeText strips CSI, OSC, control characters and bidi overrides; newlines become spaces', () => {
  assert.equal(sanitizeText('a\x1b[31mred\x1b[0m b\x1b]0;title\x07c\x00d\x7fe\nf\r\ng\u202eh'), 'ared bcde f gh');
});

test('escapeHtml escapes markup and quotes', () => {
  assert.equal(escapeHtml(`<img src=x onerror="alert('1')">&`), '&lt;img src=x onerror=&quot;alert(&#39;1&#39;)&quot;&gt;&amp;');
});
