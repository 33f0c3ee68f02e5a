/** @fileoverview JUnit XML for Jenkins and GitLab test reports: one test suite per file or target, one failing test case per finding. */
import type { Finding, Result } from '../model/types.js';
import { SEVERITY_ORDER } from '../common/findings.js';
import { whereOf } from './html.js';

// XML 1.0 allows tab, LF, CR and U+0020 upwards (minus surrogates and FFFE/FFFF): anything else is dropped.
const INVALID_XML = /[^\t\n\r\u0020-\ud7ff\ue000-\ufffd]/gu;

/** Escape text for XML content and attribute values. */
export function escapeXml(s: string): string {
  return s.replace(INVALID_XML, '').replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&apos;' })[c]!);
}

/**
 * Render a Result as JUnit XML. Findings at or above the failing severity (high by default, as --fail-on) are
 * failures; below it they are passing test cases with the finding in system-out; suppressed ones are skipped; fixed
 * (absent) ones are left out. A result without findings is one passing test case, so the report is never empty.
 */
export function formatJunit(result: Result, _catalog: unknown, opts: { failOn?: string } = {}): string {
  const limit = SEVERITY_ORDER.indexOf((opts.failOn ?? 'high') as never);
  const groups = new Map<string, Finding[]>();
  for (const f of result.findings) {
    if (f.baselineState === 'absent') continue;
    const g = f.target ? whereOf(f) : f.location?.path ?? '(none)';
    groups.set(g, [...(groups.get(g) ?? []), f]);
  }
  const suites: string[] = [];
  let tests = 0;
  let failures = 0;
  let skipped = 0;
  for (const [name, list] of [...groups].sort((a, b) => (a[0] < b[0] ? -1 : 1))) {
    const cases = list.map((f) => {
      tests++;
      const title = `${f.ruleId} ${whereOf(f)}`;
      const fails = limit >= 0 && SEVERITY_ORDER.indexOf(f.severity) <= limit;
      const body = `${f.severity}: ${f.message}${f.location?.snippet !== undefined ? `\n${f.location.line} | ${f.location.snippet}` : ''}`;
      let inner: string;
      if (f.suppressed) {
        skipped++;
        inner = `<skipped message="${escapeXml(`suppressed: ${f.suppressed.reason}`)}"/>`;
      } else if (fails) {
        failures++;
        inner = `<failure message="${escapeXml(f.message)}" type="${f.severity}">${escapeXml(body)}</failure>`;
      } else inner = `<system-out>${escapeXml(body)}</system-out>`;
      return `    <testcase classname="${escapeXml(f.ruleId)}" name="${escapeXml(title)}"${f.location ? ` file="${escapeXml(f.location.path)}" line="${f.location.line}"` : ''}>${inner}</testcase>`;
    });
    const sf = list.filter((f) => !f.suppressed && limit >= 0 && SEVERITY_ORDER.indexOf(f.severity) <= limit).length;
    const ss = list.filter((f) => f.suppressed).length;
    suites.push(`  <testsuite name="${escapeXml(name)}" tests="${list.length}" failures="${sf}" errors="0" skipped="${ss}">\n${cases.join('\n')}\n  </testsuite>`);
  }
  // A suite per framework asked with --compliance, a case per control: fail fails, pass passes, the rest are skipped.
  for (const cv of result.compliance ?? []) {
    const cases = cv.controls.map((ctl) => {
      tests++;
      let inner = '';
      if (ctl.status === 'fail') {
        failures++;
        const ids = [...new Set(ctl.findings.map((p) => result.findings.find((f) => f.fingerprint === p)?.ruleId).filter(Boolean))].join(', ');
        inner = `<failure message="${escapeXml(`${ctl.findings.length} finding${ctl.findings.length === 1 ? '' : 's'}: ${ids}`)}" type="control">${escapeXml(`${ctl.id} ${ctl.title} fails: ${ids}`)}</failure>`;
      } else if (ctl.status !== 'pass') {
        skipped++;
        inner = `<skipped message="${escapeXml(ctl.status === 'manual' ? `manual: ${ctl.manual ?? 'check by hand'}` : 'not assessed by this run')}"/>`;
      }
      return `    <testcase classname="${escapeXml(cv.framework.id)}" name="${escapeXml(`${ctl.id} ${ctl.title}`)}"${inner ? `>${inner}</testcase>` : '/>'}`;
    });
    const s = cv.summary;
    suites.push(`  <testsuite name="${escapeXml(`compliance ${cv.framework.id}`)}" tests="${cv.controls.length}" failures="${s.fail}" errors="0" skipped="${s['not-assessed'] + s.manual}">\n${cases.join('\n')}\n  </testsuite>`);
  }
  if (tests === 0) {
    tests = 1;
    suites.push(`  <testsuite name="mqtt-audit ${result.command}" tests="1" failures="0" errors="0" skipped="0">\n    <testcase classname="mqtt-audit" name="no findings"/>\n  </testsuite>`);
  }
  return `<?xml version="1.0" encoding="UTF-8"?>\n<testsuites name="mqtt-audit ${result.command}" tests="${tests}" failures="${failures}" errors="0" skipped="${skipped}" timestamp="${escapeXml(result.startedAt)}">\n${suites.join('\n')}\n</testsuites>\n`;
}
