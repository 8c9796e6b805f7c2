// The review page's stylesheet, inlined so the page needs nothing else: works offline, prints, and
// reads on a phone. Colours pair with words and symbols; contrast stays at or above WCAG AA.
export const STYLE = `
:root{--fg:#1d2430;--muted:#5a6473;--bg:#f6f7f9;--paper:#fff;--line:#dde1e7;--accent:#2b4c7e;
--err:#a4161a;--err-bg:#fdecec;--warn:#8a4b00;--warn-bg:#fff4e0;--info:#1f4f96;--info-bg:#eaf2fd;
--ok:#17663a;--ok-bg:#e7f6ec;--new:#5b2a86;--new-bg:#f1eafa;--grey-bg:#eef0f3;--mono:ui-monospace,SFMono-Regular,Menlo,Consolas,monospace}
@media (prefers-color-scheme:dark){:root{--fg:#e6e9ef;--muted:#a5adba;--bg:#14171c;--paper:#1c2027;--line:#323844;--accent:#9ab8e8;
--err:#ff9b9b;--err-bg:#3a1d1f;--warn:#ffc46b;--warn-bg:#3a2c14;--info:#9cc3ff;--info-bg:#1a2a42;--ok:#8fdcaa;--ok-bg:#173224;
--new:#d3b5f5;--new-bg:#2c2140;--grey-bg:#262b33}}
*{box-sizing:border-box}
html{-webkit-text-size-adjust:100%}
body{margin:0;background:var(--bg);color:var(--fg);font:16px/1.5 system-ui,-apple-system,"Segoe UI",Roboto,"Helvetica Neue",Arial,sans-serif}
.wrap{max-width:76rem;margin:0 auto;padding:0 1.25rem}
.top{background:var(--accent);color:#fff;padding:1.75rem 0 1.5rem}
@media (prefers-color-scheme:dark){.top{background:#223450}}
.top .eyebrow{margin:0;font-size:.8rem;letter-spacing:.12em;text-transform:uppercase;opacity:.85}
.top h1{margin:.2rem 0 .4rem;font-size:1.9rem;line-height:1.2}
.top p.meta{margin:0;font-size:.92rem;opacity:.92}
.top code{background:rgba(255,255,255,.14);color:#fff}
main.wrap{padding-top:1.75rem;padding-bottom:3rem}
h2{font-size:1.45rem;margin:0 0 .5rem;line-height:1.25}
h3{font-size:1.12rem;margin:1.6rem 0 .6rem;padding-bottom:.3rem;border-bottom:1px solid var(--line)}
h4{font-size:1rem;margin:1.2rem 0 .5rem;display:flex;align-items:center;gap:.5rem}
code{font-family:var(--mono);font-size:.86em;background:var(--grey-bg);padding:.05em .35em;border-radius:4px;overflow-wrap:anywhere}
.panel{background:var(--paper);border:1px solid var(--line);border-radius:10px;padding:1.25rem 1.4rem;margin:0 0 1.5rem;box-shadow:0 1px 2px rgba(16,24,40,.05)}
.cards{list-style:none;margin:0 0 1.2rem;padding:0;display:grid;grid-template-columns:repeat(4,minmax(0,1fr));gap:.75rem}
.cards li{border:1px solid var(--line);border-radius:8px;padding:.7rem .9rem;background:var(--paper)}
.cards .num{display:block;font-size:1.7rem;font-weight:700;line-height:1.1}
.cards .lbl{font-size:.85rem;color:var(--muted)}
.cards li.c-blocked{border-left:5px solid var(--err)}.cards li.c-attention{border-left:5px solid var(--warn)}.cards li.c-ready{border-left:5px solid var(--ok)}
.cards li.c-new{border-left:5px solid var(--new)}.cards li.c-resolved{border-left:5px solid var(--ok)}.cards li.c-waived{border-left:5px solid var(--muted)}
.badge{display:inline-flex;align-items:center;gap:.3em;font-size:.8rem;font-weight:650;padding:.12em .6em;border-radius:999px;border:1px solid currentColor;white-space:nowrap;vertical-align:middle}
.v-blocked,.s-error,.o-disagrees{color:var(--err);background:var(--err-bg)}
.v-needs-attention,.s-warning{color:var(--warn);background:var(--warn-bg)}
.s-info{color:var(--info);background:var(--info-bg)}
.v-ready,.st-resolved,.o-agrees,.ch-added{color:var(--ok);background:var(--ok-bg)}
.ch-changed{color:var(--info);background:var(--info-bg)}.ch-removed{color:var(--err);background:var(--err-bg)}
.st-new{color:var(--new);background:var(--new-bg)}
.st-unchanged,.st-waived,.o-unconfirmed,.o-not-listed{color:var(--muted);background:var(--grey-bg)}
.big{font-size:.95rem;padding:.25em .8em}
table{width:100%;border-collapse:collapse;font-size:.93rem;background:var(--paper)}
table.diff col.c-row{width:30%}table.diff col.c-change{width:10rem}table.ref col.c-inst{width:17%}table.ref col.c-table{width:11rem}table.ref col.c-result{width:30%}
td code{white-space:nowrap}
caption{text-align:left;font-weight:600;padding:.3rem 0;color:var(--muted);font-size:.85rem}
th,td{text-align:left;vertical-align:top;padding:.5rem .6rem;border-bottom:1px solid var(--line)}
thead th{font-size:.78rem;text-transform:uppercase;letter-spacing:.05em;color:var(--muted);border-bottom:2px solid var(--line)}
tbody th{font-weight:600}
.diff del{background:var(--err-bg);color:var(--err);text-decoration:line-through;text-decoration-thickness:1px;padding:0 .2em;border-radius:3px}
.diff ins{background:var(--ok-bg);color:var(--ok);text-decoration:none;padding:0 .2em;border-radius:3px;font-weight:600}
.diff .fields{margin:.25rem 0 0;padding:0;list-style:none;font-size:.82rem;color:var(--muted);font-weight:400}
.profile-head{display:flex;flex-wrap:wrap;align-items:center;justify-content:space-between;gap:.6rem}
.reasons{margin:.4rem 0 .8rem;color:var(--muted)}
dl.facts{display:grid;grid-template-columns:max-content 1fr;gap:.2rem 1rem;margin:0;font-size:.9rem}
dl.facts dt{color:var(--muted)}dl.facts dd{margin:0}
.finding{border:1px solid var(--line);border-left:5px solid var(--line);border-radius:8px;padding:.85rem 1rem;margin:0 0 .8rem;background:var(--paper);break-inside:avoid}
.finding.k-error{border-left-color:var(--err)}.finding.k-warning{border-left-color:var(--warn)}.finding.k-info{border-left-color:var(--info)}
.finding.k-waived{border-left-color:var(--muted);border-left-style:dashed}.finding.k-resolved{border-left-color:var(--ok);opacity:.92}
.finding h5{font-size:1rem;margin:.45rem 0 .35rem;line-height:1.4;font-weight:600}
.finding .tags{display:flex;flex-wrap:wrap;gap:.35rem}
.finding .loc{font-size:.85rem;color:var(--muted);margin:0 0 .5rem}
.finding .waiver{background:var(--grey-bg);border-radius:6px;padding:.4rem .6rem;font-size:.9rem;margin:.4rem 0}
.finding .apply{font-size:.85rem;margin:.2rem 0 .4rem;overflow-wrap:anywhere}
.finding .cols{display:grid;grid-template-columns:minmax(0,3fr) minmax(0,2fr);gap:1rem;margin-top:.5rem}
.why h6,.ev h6{margin:0 0 .3rem;font-size:.75rem;text-transform:uppercase;letter-spacing:.06em;color:var(--muted)}
ul.tree,ul.tree ul{list-style:none;margin:0;padding:0}
ul.tree ul{margin-left:.55rem;padding-left:.9rem;border-left:2px solid var(--line)}
ul.tree li{margin:.2rem 0;font-size:.88rem}
.mark{display:inline-block;min-width:4.6rem;font-size:.72rem;font-weight:700;padding:.05em .4em;border-radius:4px;margin-right:.35rem;text-align:center}
.m-holds{color:var(--ok);background:var(--ok-bg)}.m-fails{color:var(--err);background:var(--err-bg)}.m-not-evaluated{color:var(--muted);background:var(--grey-bg)}
.vals{color:var(--muted)}
p.basis{margin:.45rem 0 .1rem;font-size:.82rem}ul.basis{margin:0;padding-left:1.1rem;font-size:.82rem;color:var(--muted)}
.why details{margin-top:.4rem;font-size:.82rem;color:var(--muted)}.why summary{cursor:pointer}
.ev table{font-size:.84rem}.ev th{font-weight:500;color:var(--muted);font-family:var(--mono);font-size:.8rem}
.note{background:var(--info-bg);color:var(--fg);border-left:4px solid var(--info);padding:.6rem .8rem;border-radius:6px;font-size:.92rem}
.empty{color:var(--muted);font-style:italic}
footer{color:var(--muted);font-size:.85rem;padding:1rem 0 2rem;border-top:1px solid var(--line)}
.legend{display:flex;flex-wrap:wrap;gap:.4rem .9rem;padding:0;margin:.4rem 0 0;list-style:none}
.toc{margin:.3rem 0 0;padding-left:1.1rem}
a{color:var(--accent)}
@media (max-width:44rem){
 body{font-size:15px}.wrap{padding:0 .8rem}.panel{padding:1rem .85rem}
 .top h1{font-size:1.45rem}
 .finding .cols{grid-template-columns:1fr}
 table.stack thead{position:absolute;width:1px;height:1px;overflow:hidden;clip:rect(0 0 0 0)}
 table.stack,table.stack tbody,table.stack tr,table.stack th,table.stack td{display:block;width:100%}
 table.stack tr{border:1px solid var(--line);border-radius:8px;margin:0 0 .6rem;padding:.35rem .2rem}
 table.stack td,table.stack tbody th{border:0;padding:.25rem .6rem}
 table.stack td[data-label]{display:flex;justify-content:space-between;align-items:baseline;gap:1rem;text-align:right}
 table.stack td[data-label]::before{content:attr(data-label);flex:none;text-align:left;font-size:.72rem;text-transform:uppercase;letter-spacing:.05em;color:var(--muted)}
 .cards{grid-template-columns:repeat(2,minmax(0,1fr));gap:.5rem}.cards li{padding:.45rem .7rem}.cards .num{font-size:1.35rem}
}
@media print{
 :root{--bg:#fff;--paper:#fff}
 body{font-size:10.5pt;background:#fff;color:#000}
 .top{background:none;color:#000;border-bottom:2px solid #000;padding:0 0 .6rem}
 .top code{background:none;color:#000}
 .panel{box-shadow:none;border:0;padding:0;margin:0 0 1rem}
 .profile{break-before:page}
 .finding,tr,.cards li{break-inside:avoid}
 h2,h3,h4{break-after:avoid}
 .badge,.mark,del,ins{-webkit-print-color-adjust:exact;print-color-adjust:exact}
 a{color:#000;text-decoration:none}
 .toc{display:none}
}
`;
