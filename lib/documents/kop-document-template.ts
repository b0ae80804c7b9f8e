import fs from 'node:fs';
import path from 'node:path';
import Handlebars from 'handlebars';
import { projectRoot } from '../paths';
import { letterHelpers } from './letter-helpers';

const TEMPLATES_DIR = path.join(projectRoot, 'templates');
const read = (file: string) => fs.readFileSync(path.join(TEMPLATES_DIR, file), 'utf8');

/** The regency emblem of the kop surat, for an OPD that has no logo of its own. */
export const emblemDataUrl = () =>
  `data:image/svg+xml;base64,${Buffer.from(read('emblem.svg')).toString('base64')}`;

/**
 * Compiles `templates/<name>.hbs`, a document printed under the kop surat (not a letter): it gets the
 * letters' helpers, kop partial and stylesheet, so every printout stays one design, and its own
 * stylesheet `<name>.css` as the partial `<cssPartial>`. `setup` adds the document's own helpers.
 */
export function kopDocumentTemplate(
  name: string,
  cssPartial: string,
  setup: (hbs: typeof Handlebars) => void = () => undefined,
): Handlebars.TemplateDelegate {
  const hbs = Handlebars.create();
  hbs.registerHelper(letterHelpers);
  setup(hbs);
  hbs.registerPartial('kop-surat', read('partials/kop-surat.hbs'));
  hbs.registerPartial('letter-css', read('letter.css'));
  hbs.registerPartial(cssPartial, read(`${name}.css`));
  return hbs.compile(read(`${name}.hbs`));
}
