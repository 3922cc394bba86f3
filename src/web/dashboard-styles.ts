/**
 * The dashboard's stylesheet: system fonts only (the dashboard must work offline, behind a firewall),
 * colours chosen for at least 4.5:1 contrast, severity shown by word as well as by colour.
 *
 * @example
 * reply.type('text/css; charset=utf-8').send(DASHBOARD_CSS);
 */
export const DASHBOARD_CSS = `
:root {
  --bg: #f4f6f8; --fg: #1b1f24; --muted: #4a5360; --panel: #ffffff; --line: #d5dae1; --accent: #0b5cad;
  --critical: #8b1a1a; --high: #b3261e; --medium: #8a4b00; --low: #1d4f91; --info: #4b5563;
  font-family: system-ui, -apple-system, "Segoe UI", Roboto, "Helvetica Neue", Arial, sans-serif;
  color: var(--fg); background: var(--bg); line-height: 1.45;
}
* { box-sizing: border-box; }
/* A class's display must not show what the hidden attribute hides (the sign-in form, the session bar). */
[hidden] { display: none !important; }
body { margin: 0; }
.skip { position: absolute; left: -999px; }
.skip:focus { left: 8px; top: 8px; background: #fff; padding: 6px 10px; z-index: 10; }
.visually-hidden { position: absolute; width: 1px; height: 1px; overflow: hidden; clip: rect(0 0 0 0); white-space: nowrap; }
.top { background: #10243e; color: #fff; padding: 14px 24px; display: flex; flex-wrap: wrap; align-items: baseline; justify-content: space-between; gap: 8px; }
.top h1 { margin: 0; font-size: 1.4rem; }
.top .sub { font-weight: 400; font-size: 0.95rem; color: #c9d6e6; margin-left: 8px; }
.top p { margin: 0; color: #dbe5f1; font-size: 0.9rem; }
main { padding: 18px 24px 40px; max-width: 1500px; margin: 0 auto; }
h2 { font-size: 1.05rem; margin: 0 0 10px; }
#error { background: #fdecea; color: #7a1212; border: 1px solid #e3a5a0; padding: 10px 14px; border-radius: 6px; }
.totals { display: grid; grid-template-columns: repeat(auto-fit, minmax(180px, 1fr)); gap: 14px; margin: 0 0 18px; }
.card { background: var(--panel); border: 1px solid var(--line); border-radius: 8px; padding: 14px 18px; }
.card dt { color: var(--muted); font-size: 0.9rem; }
.card dd { margin: 4px 0 0; font-size: 2rem; font-weight: 700; font-variant-numeric: tabular-nums; }
.card.alert dd { color: var(--high); }
.panels { display: grid; grid-template-columns: repeat(auto-fit, minmax(300px, 1fr)); gap: 14px; margin-bottom: 18px; }
.panel { background: var(--panel); border: 1px solid var(--line); border-radius: 8px; padding: 14px 18px; min-width: 0; }
.bars { list-style: none; margin: 0; padding: 0; }
.bars li { display: grid; grid-template-columns: 80px 1fr 44px; align-items: center; gap: 8px; margin: 6px 0; }
.bar { height: 14px; background: #e6e9ee; border-radius: 7px; overflow: hidden; }
.bar span { display: block; height: 100%; }
.num { text-align: right; font-variant-numeric: tabular-nums; }
table { border-collapse: collapse; width: 100%; font-size: 0.92rem; }
th, td { text-align: left; padding: 7px 8px; border-bottom: 1px solid var(--line); vertical-align: top; }
th { color: var(--muted); font-weight: 600; }
th.num, td.num { text-align: right; }
.top-list { margin: 0; padding: 0; list-style: none; }
.top-list li { display: grid; grid-template-columns: 72px 1fr auto; gap: 8px; align-items: baseline; margin: 7px 0; }
.sev { display: inline-block; min-width: 64px; text-align: center; color: #fff; border-radius: 4px; padding: 1px 6px; font-size: 0.8rem; font-weight: 600; }
.sev-critical { background: var(--critical); } .sev-high { background: var(--high); } .sev-medium { background: var(--medium); }
.sev-low { background: var(--low); } .sev-info { background: var(--info); }
.fill-critical { background: var(--critical); } .fill-high { background: var(--high); } .fill-medium { background: var(--medium); }
.fill-low { background: var(--low); } .fill-info { background: var(--info); }
.workspace { display: grid; grid-template-columns: minmax(0, 1fr); gap: 14px; }
.workspace.with-detail { grid-template-columns: minmax(0, 1fr) minmax(320px, 420px); }
@media (max-width: 1000px) { .workspace.with-detail { grid-template-columns: minmax(0, 1fr); } }
.filters { display: flex; flex-wrap: wrap; gap: 12px; align-items: end; margin-bottom: 10px; }
.field { display: flex; flex-direction: column; gap: 3px; }
label { font-size: 0.85rem; color: var(--muted); font-weight: 600; }
select, button { font: inherit; font-size: 0.9rem; padding: 5px 9px; border-radius: 5px; border: 1px solid #8b95a3; background: #fff; color: var(--fg); }
button { cursor: pointer; }
button.secondary { background: #fff; }
button.link { border: 0; padding: 0; background: none; color: var(--accent); text-decoration: underline; cursor: pointer; font-size: inherit; text-align: left; }
button:focus-visible, select:focus-visible, a:focus-visible, [tabindex]:focus-visible { outline: 3px solid #f0a400; outline-offset: 2px; }
button:disabled { color: #8b95a3; cursor: default; }
.table-wrap { overflow-x: auto; }
#violations tbody tr { cursor: pointer; }
#violations tbody tr:hover { background: #f0f4fa; }
#violations tbody tr[aria-selected="true"] { background: #e3edf9; }
.arn { font-family: ui-monospace, SFMono-Regular, Menlo, Consolas, monospace; font-size: 0.8rem; color: var(--muted); word-break: break-all; }
.pager { display: flex; gap: 8px; justify-content: flex-end; margin-top: 10px; }
.detail { align-self: start; position: sticky; top: 12px; }
.detail-head { display: flex; justify-content: space-between; align-items: center; gap: 8px; }
.detail dl { display: grid; grid-template-columns: max-content 1fr; gap: 4px 12px; margin: 8px 0 14px; font-size: 0.9rem; }
.detail dt { color: var(--muted); }
.detail dd { margin: 0; word-break: break-word; }
.detail h3 { font-size: 0.95rem; margin: 16px 0 6px; }
.detail code { font-family: ui-monospace, SFMono-Regular, Menlo, Consolas, monospace; font-size: 0.82rem; background: #f0f2f5; padding: 1px 4px; border-radius: 3px; word-break: break-all; }
.evidence td:first-child { width: 42%; }
.evidence code { word-break: break-word; overflow-wrap: anywhere; }
.history { list-style: none; padding: 0; margin: 0; font-size: 0.88rem; }
.history li { border-left: 3px solid var(--line); padding: 2px 0 8px 10px; }
.history time { color: var(--muted); display: block; font-size: 0.8rem; }
.empty { color: var(--muted); font-style: italic; }
.session { display: flex; gap: 10px; align-items: baseline; color: #dbe5f1; font-size: 0.9rem; }
.sign-in { max-width: 560px; margin: 0 auto 18px; display: flex; flex-direction: column; gap: 10px; }
input { font: inherit; font-size: 0.9rem; padding: 5px 9px; border-radius: 5px; border: 1px solid #8b95a3; }
input:focus-visible { outline: 3px solid #f0a400; outline-offset: 2px; }
#sign-in-error, .decision-error { color: #7a1212; }
.decision { display: flex; flex-direction: column; gap: 8px; border: 1px solid var(--line); border-radius: 6px; padding: 10px; }
.decision .buttons { display: flex; gap: 8px; }
`;
