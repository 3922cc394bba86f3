import type { AuditorReport } from './auditor-report.js';

const esc = (v: unknown): string =>
  String(v ?? '').replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);
const pct = (s: number | null): string => (s === null ? '—' : `${(s * 100).toFixed(1)}%`);

const TITLES = { compliance: 'Compliance report', activity: 'Activity report', exceptions: 'Exceptions register', trend: 'Compliance trend' } as const;

/** An inline SVG line chart of the score per scan (no script, prints as vectors). */
export const trendSvg = (points: AuditorReport['trend']): string => {
  const W = 640, H = 240, L = 40, B = 30, T = 10, R = 10;
  const xs = (i: number) => L + (points.length <= 1 ? (W - L - R) / 2 : (i * (W - L - R)) / (points.length - 1));
  const ys = (v: number) => T + (1 - v) * (H - T - B);
  const scored = points.map((p, i) => ({ p, i })).filter((x) => x.p.score !== null);
  const path = scored.map(({ p, i }, k) => `${k ? 'L' : 'M'}${xs(i).toFixed(1)},${ys(p.score!).toFixed(1)}`).join(' ');
  const grid = [0, 0.25, 0.5, 0.75, 1].map((v) => `<line x1="${L}" x2="${W - R}" y1="${ys(v)}" y2="${ys(v)}" stroke="#ddd"/><text x="${L - 4}" y="${ys(v) + 3}" font-size="9" text-anchor="end">${v * 100}%</text>`).join('');
  const labels = points.length ? [0, points.length - 1].map((i) => `<text x="${xs(i)}" y="${H - 10}" font-size="9" text-anchor="middle">${esc(points[i]!.finishedAt.slice(0, 10))}</text>`).join('') : '';
  const dots = scored.map(({ p, i }) => `<circle cx="${xs(i).toFixed(1)}" cy="${ys(p.score!).toFixed(1)}" r="3" fill="#1f5fbf"><title>${esc(p.finishedAt)}: ${pct(p.score)}</title></circle>`).join('');
  return `<svg xmlns="http://www.w3.org/2000/svg" role="img" aria-label="compliance score per scan" width="${W}" height="${H}" viewBox="0 0 ${W} ${H}">${grid}${labels}<path d="${path}" fill="none" stroke="#1f5fbf" stroke-width="2"/>${dots}</svg>`;
};

/** Print CSS: A4, sections on new pages, table headers repeated on every page, nothing cut mid-row. */
const CSS = `
@page { size: A4; margin: 18mm 14mm 18mm 14mm; }
body { font: 10pt/1.4 system-ui, sans-serif; color: #111; }
h1 { font-size: 22pt; margin: 0 0 8mm; } h2 { font-size: 14pt; border-bottom: 1px solid #999; padding-bottom: 2px; }
section { break-before: page; } section.cover { break-before: avoid; }
table { border-collapse: collapse; width: 100%; } thead { display: table-header-group; }
th, td { border: 1px solid #bbb; padding: 3px 5px; text-align: left; vertical-align: top; } tr { break-inside: avoid; }
th { background: #eee; } code, .hash { font-family: ui-monospace, monospace; font-size: 8pt; word-break: break-all; }
.pass { color: #075e1f; } .fail { color: #9c1111; } .muted { color: #555; }
dl.cover { display: grid; grid-template-columns: 45mm 1fr; gap: 2mm 4mm; } dt { font-weight: 600; }
`;

/**
 * The report as one self-contained HTML page (no scripts, no external resources): read in a browser,
 * or printed to PDF by pdf-renderer with page numbers in the footer.
 *
 * @example
 * await writeFile('dora.html', renderReportHtml(report));
 */
export const renderReportHtml = (r: AuditorReport): string => {
  const f = r.framework;
  const sections: { id: string; title: string; body: string }[] = [];
  if (r.kind === 'compliance') {
    sections.push({
      id: 'requirements',
      title: 'Requirements and controls',
      body: `<p>Overall: <strong>${pct(f.score)}</strong> (${f.passed}/${f.evaluated} passing evaluations)${f.scan ? ` in scan <code>${esc(f.scan.id)}</code> finished ${esc(f.scan.finishedAt)}` : ' — no finished scan'}.</p>
<table><thead><tr><th>Requirement</th><th>Controls</th><th>Status</th><th>Score</th><th>Evaluated</th><th>Failing</th></tr></thead><tbody>
${f.requirements
  .map(
    (q) => `<tr><td><strong>${esc(q.ref)}</strong> ${esc(q.title)}${q.manualEvidenceNeeded ? '<br><em>manual evidence needed</em>' : ''}</td><td>${q.controls.map(esc).join('<br>') || '—'}${q.disabled.map((d) => `<br><span class="muted">${esc(d.policyId)} (disabled: ${esc(d.reason)})</span>`).join('')}</td><td class="${q.score === null ? '' : q.score === 1 ? 'pass' : 'fail'}">${esc(q.status)}</td><td>${pct(q.score)}</td><td>${q.evaluated}</td><td>${q.evaluated - q.passed}</td></tr>`,
  )
  .join('\n')}
</tbody></table>`,
    });
    sections.push({
      id: 'evidence',
      title: 'Failing resources and evidence',
      body: r.failing.length
        ? r.failing
            .map(
              (c) => `<h3>${esc(c.policyId)} — ${c.failing} failing${c.failing > c.resources.length ? ` (first ${c.resources.length} shown)` : ''}</h3>
<table><thead><tr><th>Resource</th><th>Account / region</th><th>Owner</th><th>State</th><th>Evidence</th></tr></thead><tbody>
${c.resources.map((x) => `<tr><td><code>${esc(x.arn)}</code></td><td>${esc(x.accountId)} ${esc(x.region)}</td><td>${esc(x.owner)}</td><td>${esc(x.state)}</td><td>${x.evidence.map((e) => `<code>${esc(e.path)}</code>: expected ${esc(e.expected)}, actual ${esc(JSON.stringify(e.actual))}`).join('<br>')}</td></tr>`).join('\n')}
</tbody></table>`,
            )
            .join('\n')
        : '<p>No failing resources.</p>',
    });
    sections.push({
      id: 'disabled',
      title: 'Controls disabled by configuration',
      body: f.disabled.length ? `<table><thead><tr><th>Control</th><th>Reason</th></tr></thead><tbody>${f.disabled.map((d) => `<tr><td>${esc(d.policyId)}</td><td>${esc(d.reason)}</td></tr>`).join('')}</tbody></table>` : '<p>None.</p>',
    });
    const manual = f.requirements.filter((q) => q.manualEvidenceNeeded);
    sections.push({
      id: 'manual',
      title: 'Manual evidence needed',
      body: `<p>${manual.length} requirement(s) no enabled automated control covers.</p><ul>${manual.map((q) => `<li><strong>${esc(q.ref)}</strong> ${esc(q.title)}</li>`).join('')}</ul>`,
    });
  }
  if (r.kind === 'compliance' || r.kind === 'exceptions') {
    sections.push({
      id: 'exceptions',
      title: r.kind === 'exceptions' ? 'Register of exceptions' : 'Exceptions in force',
      body: (() => {
        const rows = r.kind === 'exceptions' ? r.exceptions : r.exceptions.filter((x) => x.status === 'active');
        return rows.length
          ? `<table><thead><tr><th>Exception</th><th>Policy</th><th>Justification</th><th>Approver</th><th>Expires</th><th>Status</th><th>Applied</th></tr></thead><tbody>${rows.map((x) => `<tr><td>${esc(x.id)}</td><td>${esc(x.policyId)}</td><td>${esc(x.justification)}</td><td>${esc(x.approver)}</td><td>${esc(x.expires)}</td><td>${esc(x.status)}</td><td>${x.applied}</td></tr>`).join('')}</tbody></table>`
          : '<p>No exceptions recorded.</p>';
      })(),
    });
  }
  if (r.kind === 'trend') {
    sections.push({
      id: 'trend',
      title: 'Compliance score over time',
      body: `${trendSvg(r.trend)}
<table><thead><tr><th>Scan</th><th>Finished</th><th>Score</th><th>Passing / evaluated</th></tr></thead><tbody>${r.trend.map((p) => `<tr><td><code>${esc(p.scanId)}</code></td><td>${esc(p.finishedAt)}</td><td>${pct(p.score)}</td><td>${p.passed}/${p.evaluated}</td></tr>`).join('')}</tbody></table>`,
    });
  }
  if (r.kind === 'activity') {
    sections.push({
      id: 'activity',
      title: 'Reminders, enforcement, approvals and notifications',
      body: r.activity.length
        ? `<table><thead><tr><th>At</th><th>Event</th><th>Actor</th><th>Subject</th></tr></thead><tbody>${r.activity.map((a) => `<tr><td>${esc(a.at)}</td><td>${esc(a.type)}</td><td>${esc(a.actor)}</td><td>${esc(a.subjectKind)} <code>${esc(a.subjectId)}</code></td></tr>`).join('')}</tbody></table>`
        : '<p>No activity recorded in the period.</p>',
    });
  }
  const cp = r.chain.checkpoint;
  return `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>${esc(TITLES[r.kind])} — ${esc(f.title)}</title><style>${CSS}</style></head><body>
<section class="cover"><h1>${esc(TITLES[r.kind])}<br>${esc(f.title)}</h1>
<dl class="cover"><dt>Organisation</dt><dd>${esc(r.organisation)}</dd>
<dt>Scope</dt><dd>${esc(f.id)} (version ${esc(f.version)}, ${esc(f.publisher)}); accounts: ${r.scope.accounts ? r.scope.accounts.map(esc).join(', ') : 'all'}</dd>
<dt>Period</dt><dd>${r.period.from ? `${esc(r.period.from)} to ` : 'up to '}${esc(r.period.to)}</dd>
<dt>Generated at</dt><dd>${esc(r.generatedAt)}</dd>
<dt>Audit chain head</dt><dd>seq ${r.chain.headSeq}, <span class="hash">${esc(r.chain.headHash)}</span></dd>
<dt>Signed checkpoint</dt><dd>${cp ? `seq ${cp.seq} at ${esc(cp.at)} by key ${esc(cp.keyId)}<br><span class="hash">head ${esc(cp.headHash)}</span><br><span class="hash">signature ${esc(cp.signature)}</span>` : 'none (no signing key configured)'}</dd>
<dt>Public key fingerprint</dt><dd class="hash">${esc(r.chain.publicKeyFingerprint ?? 'not given')}</dd></dl>
<p class="muted">Verify the trail: <code>vigil audit verify</code>, or offline with <code>scripts/verify-audit-export.mjs</code> and the public key (docs/audit.md).</p>
<h2>Contents</h2><ol>${sections.map((s) => `<li><a href="#${s.id}">${esc(s.title)}</a></li>`).join('')}</ol></section>
${sections.map((s) => `<section id="${s.id}"><h2>${esc(s.title)}</h2>\n${s.body}</section>`).join('\n')}
</body></html>`;
};
