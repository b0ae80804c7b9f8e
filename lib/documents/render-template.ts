import fs from 'node:fs';
import path from 'node:path';
import Handlebars from 'handlebars';
import type { TemplateKind } from '../../templates';
import { projectRoot } from '../paths';
import { letterHelpers } from './letter-helpers';

// From the repository, not from dist/: .hbs, .css and .svg files are not compiled.
const TEMPLATES_DIR = path.join(projectRoot, 'templates');

interface Environment {
  hbs: typeof Handlebars;
  compiled: Map<TemplateKind, Handlebars.TemplateDelegate>;
  assets: { emblem: string; draftMark: string };
}

let environment: Environment | undefined;

const read = (file: string) => fs.readFileSync(path.join(TEMPLATES_DIR, file), 'utf8');
const svgDataUrl = (file: string) =>
  `data:image/svg+xml;base64,${Buffer.from(read(file)).toString('base64')}`;

/** Files are read on the first render, not at import, so listing templates never touches the disk. */
function load(): Environment {
  const hbs = Handlebars.create();
  hbs.registerHelper(letterHelpers);
  for (const file of fs.readdirSync(path.join(TEMPLATES_DIR, 'partials'))) {
    hbs.registerPartial(path.basename(file, '.hbs'), read(path.join('partials', file)));
  }
  // A partial's output is not escaped, so the stylesheet (which holds no "{{") needs no {{{ }}}.
  hbs.registerPartial('letter-css', read('letter.css'));
  return {
    hbs,
    compiled: new Map(),
    assets: { emblem: svgDataUrl('emblem.svg'), draftMark: svgDataUrl('draft-mark.svg') },
  };
}

/** Renders templates/<kind>.hbs; the context also gets `assets` (the default emblem, the draft stamp). */
export function renderTemplate(kind: TemplateKind, context: Record<string, unknown>): string {
  environment ??= load();
  const { hbs, compiled, assets } = environment;
  let template = compiled.get(kind);
  if (!template) {
    template = hbs.compile(read(`${kind}.hbs`));
    compiled.set(kind, template);
  }
  return template({ ...context, assets });
}
