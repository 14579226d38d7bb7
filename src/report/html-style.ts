/** The HTML report's only stylesheet, inlined: system fonts, no url() of any kind. */
export const REPORT_CSS = `
:root { color-scheme: light; --fg: #111827; --muted: #4b5563; --line: #d1d5db; --bg-alt: #f3f4f6; --focus: #1a4fd8;
  --supported: #1b7f3b; --refuted: #c0392b; --partial: #8a5a12; --nei: #4b5563; }
* { box-sizing: border-box; }
body { margin: 0 auto; max-width: 82rem; padding: 1.5rem; font: 15px/1.5 system-ui, -apple-system, "Segoe UI", Roboto, sans-serif; color: var(--fg); background: #fff; }
h1 { font-size: 1.7rem; line-height: 1.25; margin: 0 0 .5rem; overflow-wrap: anywhere; }
h2 { font-size: 1.3rem; border-bottom: 1px solid var(--line); padding-bottom: .25rem; margin-top: 2rem; }
h3 { font-size: 1.05rem; }
a { color: #1a4fd8; }
:focus-visible { outline: 3px solid var(--focus); outline-offset: 2px; }
.meta { display: grid; grid-template-columns: max-content 1fr; gap: .15rem 1rem; margin: 0; }
.meta dt { font-weight: 600; }
.meta dd { margin: 0; overflow-wrap: anywhere; }
nav ul { display: flex; flex-wrap: wrap; gap: .25rem 1rem; padding: 0; list-style: none; }
.answer { border-left: 4px solid var(--focus); background: var(--bg-alt); padding: .75rem 1rem; }
.answer p { margin: .25rem 0; }
.flow { display: grid; gap: .35rem; max-width: 34rem; }
.flow .step { border: 1px solid var(--line); border-radius: 4px; padding: .3rem .6rem; display: flex; justify-content: space-between; gap: 1rem; }
.flow .removed { margin-left: 2rem; background: var(--bg-alt); }
.checks { color: var(--muted); font-size: .9rem; }
table { border-collapse: collapse; width: 100%; margin: .5rem 0; }
th, td { border: 1px solid var(--line); padding: .35rem .5rem; text-align: left; vertical-align: top; overflow-wrap: anywhere; }
thead th { background: var(--bg-alt); }
#claims-table .paper-col, #claims-table td:nth-child(3) { min-width: 12rem; }
td.num, th.num { text-align: right; white-space: nowrap; }
th button { font: inherit; font-weight: 600; background: none; border: 0; padding: 0; cursor: pointer; color: inherit; display: inline-flex; gap: .25rem; align-items: center; }
th button .arrow { width: 1ch; color: var(--muted); }
th[aria-sort="ascending"] .arrow::after { content: "▲"; }
th[aria-sort="descending"] .arrow::after { content: "▼"; }
.filters { display: flex; flex-wrap: wrap; gap: .75rem 1.5rem; align-items: end; margin: .75rem 0; }
.filters label { display: flex; flex-direction: column; font-weight: 600; font-size: .9rem; gap: .2rem; }
.filters select, .filters input, .filters button { font: inherit; padding: .2rem .4rem; }
.status { color: var(--muted); }
.verdict { display: inline-block; font-weight: 700; font-size: .8rem; padding: .05rem .4rem; border-radius: 3px; color: #fff; white-space: nowrap; }
.low-confidence { display: inline-block; font-size: .75rem; padding: .05rem .35rem; border: 1px dashed #8a6d00; color: #6b5400; border-radius: 3px; }
.v-SUPPORTED { background: var(--supported); } .v-REFUTED { background: var(--refuted); }
.v-PARTIAL { background: var(--partial); } .v-NOT_ENOUGH_INFO { background: var(--nei); }
.claim-text { font-weight: 600; margin: 0 0 .35rem; }
blockquote { margin: .35rem 0; padding: .2rem .6rem; border-left: 3px solid var(--line); color: #1f2937; }
blockquote cite { display: block; font-style: normal; font-size: .85rem; color: var(--muted); }
.detail { font-size: .9rem; margin: .2rem 0; }
.unverified { color: var(--refuted); font-size: .9rem; }
.bar { display: block; height: 4px; background: var(--line); margin-top: .2rem; }
.bar span { display: block; height: 100%; background: var(--focus); }
.charts { display: flex; flex-wrap: wrap; gap: 1rem; }
.charts figure { margin: 0; }
.charts figcaption { font-size: .9rem; color: var(--muted); }
.charts svg { max-width: 100%; height: auto; }
.refs li { margin-bottom: .35rem; overflow-wrap: anywhere; }
.refs li:target { background: #fef3c7; }
tr:target td { background: #fef3c7; }
.mono { font-family: ui-monospace, SFMono-Regular, Menlo, monospace; font-size: .85rem; }
@media print { .filters, nav { display: none; } tr[hidden] { display: table-row; } }
`;
