import { createHash } from 'node:crypto';

/**
 * The console's one stylesheet, inline so the CSP can pin it by hash. Calm: white, near-black text,
 * one blue for links, red only for urgent. Colours meet WCAG 2.2 AA contrast (text 4.5:1, graphics 3:1).
 */
export const CONSOLE_STYLE = [
  'html{-webkit-text-size-adjust:100%}',
  'body{margin:0;background:#fff;color:#0b0c0c;font:1rem/1.5 system-ui,-apple-system,"Segoe UI",Roboto,Arial,sans-serif}',
  'a{color:#1d4f91}a:focus,button:focus,input:focus,select:focus,textarea:focus,summary:focus{outline:3px solid #fd0;outline-offset:0;box-shadow:0 0 0 5px #0b0c0c}',
  '.skip{position:absolute;left:-999px}.skip:focus{left:1rem;top:1rem;background:#fd0;padding:.5rem;z-index:1}',
  'header.top{background:#0b0c0c;color:#fff;padding:.75rem 1rem;display:flex;flex-wrap:wrap;gap:.5rem 1.5rem;align-items:center;justify-content:space-between}',
  'header.top a{color:#fff;font-weight:700;text-decoration:none}header.top form{margin:0}',
  'header.top button{background:none;border:1px solid #fff;color:#fff;padding:.25rem .75rem}',
  'main{max-width:60rem;margin:0 auto;padding:1rem 1rem 3rem}',
  'h1{font-size:1.75rem;line-height:1.2;margin:.5rem 0 1rem}h2{font-size:1.35rem;margin:2rem 0 .5rem}h3{font-size:1.1rem;margin:1rem 0 .25rem}',
  'button,.button{font:inherit;font-weight:700;padding:.45rem 1rem;border:2px solid #0b0c0c;background:#f3f2f1;color:#0b0c0c;cursor:pointer;border-radius:0;text-decoration:none;display:inline-block}',
  'button.primary{background:#00703c;border-color:#00703c;color:#fff}',
  'label{display:block;font-weight:700;margin:.5rem 0 .25rem}',
  'input,select,textarea{font:inherit;padding:.35rem;border:2px solid #0b0c0c;border-radius:0;max-width:100%;box-sizing:border-box}',
  'textarea{width:100%;min-height:3.5rem}',
  '.filters{display:flex;flex-wrap:wrap;gap:.5rem 1rem;align-items:flex-end;background:#f3f2f1;padding:.75rem}',
  '.alert{border:1px solid #b1b4b6;border-left:8px solid #1d70b8;padding:.75rem 1rem;margin:1rem 0}',
  '.alert.urgent{border-left-color:#d4351c}.alert.staff-task{border-left-color:#505a5f}',
  '.tag{display:inline-block;font-weight:700;font-size:.875rem;padding:.1rem .4rem;margin-right:.5rem;background:#1d4f91;color:#fff}',
  '.tag.urgent{background:#b10e1e}.tag.staff-task{background:#505a5f}.tag.done{background:#00703c}',
  '.meta{color:#484949;margin:.25rem 0}.actions{display:grid;gap:1rem;grid-template-columns:repeat(auto-fit,minmax(16rem,1fr));margin-top:.75rem}',
  '.actions form{background:#f3f2f1;padding:.75rem}',
  'table{border-collapse:collapse;width:100%;margin:.5rem 0}th,td{text-align:left;padding:.35rem .5rem;border-bottom:1px solid #b1b4b6;vertical-align:top}',
  '.notice{border-left:6px solid #00703c;padding:.5rem 1rem;background:#f3f2f1}.problem{border-left:6px solid #d4351c;padding:.5rem 1rem}',
  '.charts{display:grid;gap:1rem;grid-template-columns:repeat(auto-fit,minmax(18rem,1fr))}',
  'figure{margin:0}figure svg{width:100%;height:auto;display:block}figcaption{font-weight:700}',
  'dl.facts{display:grid;grid-template-columns:max-content 1fr;gap:.25rem 1rem}dl.facts dt{font-weight:700}dl.facts dd{margin:0}',
  '.qr svg{width:min(18rem,100%);height:auto}',
  '.visually-hidden{position:absolute!important;width:1px;height:1px;overflow:hidden;clip:rect(0 0 0 0);white-space:nowrap}',
  '@media print{header.top,.no-print,.actions,.filters{display:none}body{font-size:10.5pt}main{max-width:none;padding:0}',
  'details>*{display:block}.charts{grid-template-columns:1fr 1fr}figure{break-inside:avoid}h2{break-after:avoid}}',
  '@page{size:A4;margin:14mm}',
].join('');

export const CONSOLE_STYLE_HASH = createHash('sha256').update(CONSOLE_STYLE, 'utf8').digest('base64');
