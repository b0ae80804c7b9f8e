import fs from 'node:fs';
import path from 'node:path';
import Handlebars from 'handlebars';
import { projectRoot } from '../paths';
import type { BrowserPool } from '../pdf/browser-pool';
import { GUIDE_IMAGES_DIR, type GuideChapter } from './load-user-guide';

const read = (file: string) => fs.readFileSync(path.join(projectRoot, 'templates', file), 'utf8');
let compiled: Handlebars.TemplateDelegate | undefined;
function template(): Handlebars.TemplateDelegate {
  if (compiled) return compiled;
  const hbs = Handlebars.create();
  hbs.registerPartial('guide-css', read('user-guide.css'));
  return (compiled = hbs.compile(read('user-guide.hbs')));
}

const printed = new Intl.DateTimeFormat('id-ID', { timeZone: 'Asia/Jakarta', dateStyle: 'long' });

/**
 * The whole user guide as one A4 PDF for printing and for training rooms without a network: a cover,
 * the contents, then every chapter on a new page. Pictures are embedded, because the render pool lets
 * a page load nothing but data: URLs.
 */
export function renderUserGuidePdf(
  pool: BrowserPool,
  guide: GuideChapter[],
  options: { instanceName: string; now?: Date },
): Promise<Buffer> {
  const embed = (file: string) =>
    `data:image/jpeg;base64,${fs.readFileSync(path.join(GUIDE_IMAGES_DIR, file)).toString('base64')}`;
  return pool.renderPdf(
    template()({
      instanceName: options.instanceName,
      printedOn: printed.format(options.now ?? new Date()),
      chapters: guide.map((chapter) => ({ ...chapter, html: chapter.render(embed) })),
    }),
  );
}
