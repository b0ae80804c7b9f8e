import { NotFoundError } from '../../lib/errors';
import { loadUserGuide, type GuideChapter } from '../../lib/guide/load-user-guide';
import { renderUserGuidePdf } from '../../lib/guide/render-user-guide-pdf';
import { PUBLIC } from '../../lib/rbac/policy';
import { DEFAULT_INSTANCE_NAME } from '../../lib/settings/settings-values';
import type { Role } from '../../lib/rbac/roles';
import type { AppContext, AppDeps } from '../../api/context';
import type { RouteDef } from '../../api/route';

/** The chapter written for each role, so the contents can point a person at their own. */
const CHAPTER_ROLE: Record<string, Role> = {
  asn: 'asn',
  verifikator: 'verifikator',
  'admin-opd': 'admin_opd',
  penandatangan: 'penandatangan',
  superadmin: 'superadmin',
};

/**
 * Bantuan: the user guide (docs/panduan), open to everyone including people who cannot log in yet.
 * In production the guide and its PDF are read and rendered once per process; elsewhere the sources
 * are re-read on each request so a writer sees their edit.
 */
export function helpPages({ pages, pdf, config }: AppDeps): RouteDef[] {
  const production = config.env === 'production';
  let cached: GuideChapter[] | undefined;
  const guide = () => (production ? (cached ??= loadUserGuide()) : loadUserGuide());
  const pdfByInstanceName = new Map<string, Promise<Buffer>>();
  const instanceName = (ctx: AppContext) => ctx.state.instanceName ?? DEFAULT_INSTANCE_NAME;

  function guidePdf(ctx: AppContext): Promise<Buffer> {
    const name = instanceName(ctx);
    const known = production ? pdfByInstanceName.get(name) : undefined;
    if (known) return known;
    const rendering = renderUserGuidePdf(pdf, guide(), { instanceName: name });
    if (production) {
      pdfByInstanceName.set(name, rendering);
      rendering.catch(() => pdfByInstanceName.delete(name));
    }
    return rendering;
  }

  return [
    {
      method: 'get',
      path: '/bantuan',
      access: PUBLIC,
      summary: 'The user guide’s contents: one chapter per role, the reader’s own marked.',
      handler: (ctx) => {
        const roles = ctx.state.auth?.actor.roles ?? [];
        const chapters = guide().map(({ number, slug, title, tasks }) => ({
          number,
          slug,
          title,
          tasks,
          forYou: roles.includes(CHAPTER_ROLE[slug]),
        }));
        ctx.type = 'html';
        ctx.body = pages.render(ctx, 'help-index', { title: 'Bantuan', chapters });
      },
    },
    {
      method: 'get',
      path: '/bantuan/panduan.pdf',
      access: PUBLIC,
      summary: 'The whole user guide as one PDF, for printing and training.',
      handler: async (ctx) => {
        const body = await guidePdf(ctx);
        ctx.type = 'application/pdf';
        ctx.set('Content-Disposition', 'inline; filename="panduan-pengguna-eoffice.pdf"');
        ctx.body = body;
      },
    },
    {
      method: 'get',
      path: '/bantuan/:chapter',
      access: PUBLIC,
      summary: 'One chapter of the user guide, step by step with pictures.',
      handler: (ctx) => {
        const chapters = guide();
        const index = chapters.findIndex((c) => c.slug === ctx.params.chapter);
        if (index < 0) throw new NotFoundError('Bab panduan tidak ditemukan.');
        const chapter = chapters[index];
        ctx.type = 'html';
        ctx.body = pages.render(ctx, 'help-chapter', {
          title: `Bantuan: ${chapter.title}`,
          chapter: { ...chapter, html: chapter.render((file) => `/bantuan/gambar/${file}`) },
          previous: chapters[index - 1],
          next: chapters[index + 1],
        });
      },
    },
  ];
}
