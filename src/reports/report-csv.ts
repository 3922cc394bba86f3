import { stringify } from 'csv-stringify/sync';
import type { AuditorReport } from './auditor-report.js';

/**
 * The report's rows as CSV for spreadsheets: compliance → one row per requirement and control (with its
 * failing count); activity → one row per event; exceptions → one row per exception.
 * @example await writeFile('dora.csv', renderReportCsv(report));
 */
export const renderReportCsv = (r: AuditorReport): string => {
  if (r.kind === 'activity') {
    return stringify(r.activity.map((a) => [a.at, a.type, a.actor, a.subjectKind, a.subjectId, JSON.stringify(a.data)]), { header: true, columns: ['at', 'type', 'actor', 'subject_kind', 'subject_id', 'data'] });
  }
  if (r.kind === 'trend') {
    return stringify(r.trend.map((p) => [p.scanId, p.finishedAt, p.score === null ? '' : p.score.toFixed(4), p.passed, p.evaluated]), { header: true, columns: ['scan', 'finished_at', 'score', 'passed', 'evaluated'] });
  }
  if (r.kind === 'exceptions') {
    return stringify(r.exceptions.map((x) => [x.id, x.policyId, x.justification, x.approver, x.expires, x.status, x.applied]), { header: true, columns: ['exception', 'policy', 'justification', 'approver', 'expires', 'status', 'applied'] });
  }
  const failing = new Map(r.failing.map((c) => [c.policyId, c.failing]));
  const rows = r.framework.requirements.flatMap((q) => {
    const base = [q.ref, q.title, q.status, q.score === null ? '' : q.score.toFixed(4), q.evaluated, q.evaluated - q.passed, q.manualEvidenceNeeded ? 'yes' : 'no'];
    const controls = [
      ...q.controls.map((c) => [...base, c, 'enabled', '', failing.get(c) ?? 0]),
      ...q.disabled.map((d) => [...base, d.policyId, 'disabled', d.reason, '']),
    ];
    return controls.length ? controls : [[...base, '', '', '', '']];
  });
  return stringify(rows, {
    header: true,
    columns: ['requirement', 'title', 'status', 'score', 'evaluated', 'failing_evaluations', 'manual_evidence_needed', 'control', 'control_state', 'disabled_reason', 'failing_resources'],
  });
};
