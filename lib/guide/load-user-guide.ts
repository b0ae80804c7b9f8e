import fs from 'node:fs';
import path from 'node:path';
import MarkdownIt from 'markdown-it';
import { projectRoot } from '../paths';

type Token = MarkdownIt.Token;

/** The guide's sources (docs/panduan/README.md says how they are written) and its published pictures. */
export const GUIDE_DIR = path.join(projectRoot, 'docs', 'panduan');
export const GUIDE_IMAGES_DIR = path.join(GUIDE_DIR, 'gambar');

const CHAPTER_DIR = /^(\d\d)-([a-z]+(?:-[a-z]+)*)$/;
const TASK_FILE = /^\d\d-([a-z0-9]+(?:-[a-z0-9]+)*)\.md$/;
const IMAGE_SRC = /^gambar\/([a-z0-9]+(?:-[a-z0-9]+)*\.jpg)$/;

export interface GuideTask {
  /** Unique in the whole guide, the anchor of its heading: `<chapter>-<task>`. */
  id: string;
  title: string;
  /** File names of the pictures of its steps, in gambar/. */
  images: string[];
}

export interface GuideChapter {
  number: number;
  slug: string;
  title: string;
  tasks: GuideTask[];
  /** File names of every picture it shows, the introduction's included. */
  images: string[];
  /** The chapter as HTML; `imageSrc` says where a picture is loaded from (a URL or a data: URL). */
  render(imageSrc: (file: string) => string): string;
}

// Raw HTML stays off: the guide is text and pictures, and nothing in it should need to be trusted.
const markdown = new MarkdownIt({ html: false, linkify: false, typographer: true });

/**
 * Reads the user guide: one chapter per folder `NN-role`, its files joined in name order. Throws on a
 * source that breaks the conventions (no `# ` title in 00-pengantar.md, a task file not opening with
 * `## `, a picture outside gambar/), so a broken guide fails its test rather than showing half a page.
 */
export function loadUserGuide(dir: string = GUIDE_DIR): GuideChapter[] {
  return fs
    .readdirSync(dir, { withFileTypes: true })
    .filter((entry) => entry.isDirectory() && CHAPTER_DIR.test(entry.name))
    .map((entry) => entry.name)
    .sort()
    .map((name) => loadChapter(path.join(dir, name)));
}

function loadChapter(dir: string): GuideChapter {
  const [, number, slug] = CHAPTER_DIR.exec(path.basename(dir))!;
  const files = fs
    .readdirSync(dir)
    .filter((f) => f.endsWith('.md'))
    .sort();
  if (files[0] !== '00-pengantar.md') throw new Error(`${dir}: 00-pengantar.md is missing`);
  const tokens: Token[] = [];
  const tasks: GuideTask[] = [];
  const imageTokens: Token[] = [];
  let title = '';
  for (const file of files) {
    const where = path.join(dir, file);
    const fileTokens = markdown.parse(fs.readFileSync(where, 'utf8'), {});
    const images = fileTokens.flatMap((t) => t.children ?? []).filter((t) => t.type === 'image');
    for (const image of images) {
      const src = String(image.attrGet('src') ?? '');
      const match = IMAGE_SRC.exec(src);
      if (!match) throw new Error(`${where}: picture "${src}" is not gambar/<kebab-case>.jpg`);
      image.meta = { file: match[1] };
      image.attrSet('loading', 'lazy');
    }
    imageTokens.push(...images);
    const opening = fileTokens[0];
    const heading = fileTokens[1]?.content ?? '';
    if (file === '00-pengantar.md') {
      if (opening?.tag !== 'h1') throw new Error(`${where}: must open with a "# " title`);
      title = heading;
    } else {
      const task = TASK_FILE.exec(file);
      if (!task) throw new Error(`${where}: a task file is named NN-kebab-case.md`);
      if (opening?.tag !== 'h2') throw new Error(`${where}: must open with a "## " title`);
      const id = `${slug}-${task[1]}`;
      opening.attrSet('id', id);
      tasks.push({ id, title: heading, images: images.map(fileOf) });
    }
    tokens.push(...fileTokens);
  }
  return {
    number: Number(number),
    slug,
    title,
    tasks,
    images: [...new Set(imageTokens.map(fileOf))],
    render(imageSrc) {
      for (const image of imageTokens) image.attrSet('src', imageSrc(fileOf(image)));
      return markdown.renderer.render(tokens, markdown.options, {});
    },
  };
}

const fileOf = (image: Token) => (image.meta as { file: string }).file;
