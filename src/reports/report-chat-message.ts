import { escapeSlack } from '../notifications/slack-notifier.js';
import { adaptiveCardMessage, escapeMarkdown } from '../notifications/teams-notifier.js';
import type { ReportFile } from './report-scheduler.js';

/**
 * The lines a chat message about a delivered report carries: title, period, score, SHA-256 and where
 * the file is. Slack incoming webhooks and Teams webhooks cannot carry a file, so the message points
 * at it (an S3 URI, a directory path, or the e-mail it went out with).
 * @example reportChatLines(file, ['s3://reports/vigil/weekly-dora-20261207T060000Z.pdf'])[0]; // 'DORA: compliance report (weekly-dora)'
 */
export const reportChatLines = (file: ReportFile, locations: readonly string[]): { title: string; lines: string[] } => {
  const r = file.produced.report;
  const f = r.framework;
  const score = f.score === null ? 'no finished scan to score' : `${f.score.toFixed(1)}% (${f.passed} of ${f.evaluated} evaluations pass)`;
  return {
    title: `${f.title}: ${file.plan.kind} report (${file.plan.name})`,
    lines: [
      `Period: ${r.period.from ?? 'from the start of the trail'} to ${r.period.to}`,
      `Score: ${score}`,
      `SHA-256: ${file.produced.sha256}`,
      ...(locations.length ? locations.map((l) => `File: ${l}`) : ['File: sent by e-mail only (chat webhooks cannot carry files)']),
    ],
  };
};

/** Slack incoming-webhook payload (Block Kit) for a delivered report. @example JSON.stringify(reportSlackPayload(file, [uri])) */
export const reportSlackPayload = (file: ReportFile, locations: readonly string[]): { text: string; blocks: unknown[] } => {
  const { title, lines } = reportChatLines(file, locations);
  return {
    text: escapeSlack(title),
    blocks: [
      { type: 'header', text: { type: 'plain_text', text: title.slice(0, 150) } },
      { type: 'section', text: { type: 'mrkdwn', text: lines.map(escapeSlack).join('\n') } },
    ],
  };
};

/** Teams webhook payload (an Adaptive Card 1.4) for a delivered report. @example JSON.stringify(reportTeamsPayload(file, [uri])) */
export const reportTeamsPayload = (file: ReportFile, locations: readonly string[]): unknown => {
  const { title, lines } = reportChatLines(file, locations);
  return adaptiveCardMessage([
    { type: 'TextBlock', text: escapeMarkdown(title), size: 'Large', weight: 'Bolder', wrap: true },
    ...lines.map((l) => ({ type: 'TextBlock', text: escapeMarkdown(l), wrap: true })),
  ]);
};
