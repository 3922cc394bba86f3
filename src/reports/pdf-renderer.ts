import { existsSync } from 'node:fs';
import { VigilError } from '../common/vigil-error.js';

/** Debian's chromium; VIGIL_CHROMIUM overrides. */
export const DEFAULT_CHROMIUM = '/usr/bin/chromium';
const ARGS = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'];

/**
 * Prints HTML to PDF with Chromium (playwright-core, no downloaded browser): A4, the report's print
 * CSS, a header with the title and a footer with "page N of M".
 * @throws VigilError report.no-browser when Chromium is not at `executablePath`.
 * @example await writeFile('dora.pdf', await renderPdf(html, { title: 'DORA compliance' }));
 */
export const renderPdf = async (html: string, opts: { title: string; executablePath?: string }): Promise<Buffer> => {
  const executablePath = opts.executablePath ?? DEFAULT_CHROMIUM;
  if (!existsSync(executablePath)) {
    throw new VigilError('report.no-browser', `PDF needs Chromium at ${executablePath} (apt-get install chromium, or set VIGIL_CHROMIUM); html, csv and json need nothing`, { status: 400 });
  }
  const { chromium } = await import('playwright-core');
  const browser = await chromium.launch({ executablePath, args: ARGS, headless: true, timeout: 60_000 });
  try {
    const page = await browser.newPage();
    await page.setContent(html, { waitUntil: 'load' });
    const title = opts.title.replace(/[&<>"]/g, '');
    return await page.pdf({
      format: 'A4',
      printBackground: true,
      displayHeaderFooter: true,
      headerTemplate: `<div style="font-size:8px;width:100%;padding:0 14mm;color:#555">${title}</div>`,
      footerTemplate: '<div style="font-size:8px;width:100%;padding:0 14mm;text-align:right;color:#555">page <span class="pageNumber"></span> of <span class="totalPages"></span></div>',
      margin: { top: '18mm', bottom: '18mm', left: '14mm', right: '14mm' },
    });
  } finally {
    await browser.close();
  }
};
