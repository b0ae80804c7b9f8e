import type { AppContext, AppDeps } from '../../api/context';
import { requireAuth } from '../../api/context';
import { AppError } from '../../lib/errors';
import { markIncomingRead } from '../../lib/incoming/mark-incoming-read';
import { dispositionActor } from '../../lib/delegation/disposition-actor';
import { runDispositionUpdate } from '../../lib/temporal/incoming-workflow-client';
import { readDispositionUpdate } from '../../workflows/disposition';
import { BUSY_FORMS, incomingView } from './incoming-view';

const NOTICES: Record<string, string> = {
  diregistrasi: 'Surat masuk telah diregistrasi dan mendapat nomor agenda.',
  didisposisikan: 'Disposisi telah dikirim kepada penerima.',
  diteruskan: 'Disposisi telah diteruskan.',
  dilaporkan: 'Laporan tindak lanjut tersimpan.',
  selesai: 'Disposisi telah Anda selesaikan.',
  ditarik: 'Disposisi telah ditarik kembali.',
  ditutup: 'Surat masuk telah ditutup.',
};

/**
 * The letter's page. Opening it is the read receipt: for the bagian umum, and for each of the viewer's
 * unread dispositions (a refusal there, e.g. one recalled a moment ago, just leaves it as it is).
 * Forms re-render it with `error` (and the status) when an action is refused.
 */
export async function showIncoming(
  deps: AppDeps,
  ctx: AppContext,
  incomingId: number,
  extra: Record<string, unknown> = {},
) {
  const { db, pages, config } = deps;
  const { actor } = requireAuth(ctx);
  let view = await incomingView(db, actor, incomingId);
  if (ctx.method === 'GET') {
    if (view.isAdmin) await markIncomingRead(db, actor.id, incomingId);
    const unread = view.actions.mine.filter((d) => d.status === 'unread');
    if (unread.length > 0) {
      const client = await deps.temporalClient();
      for (const d of unread) {
        const who = await dispositionActor(db, actor.id, d.id);
        await runDispositionUpdate(client, d.id, readDispositionUpdate, who).catch((err) => {
          if (!(err instanceof AppError)) throw err;
        });
      }
      view = await incomingView(db, actor, incomingId);
    }
  }
  ctx.type = 'html';
  ctx.body = pages.render(ctx, 'incoming-detail', {
    title: `Surat Masuk: ${view.incoming.subject}`,
    ...view,
    maxMb: Math.round(config.uploadMaxBytes / 1048576),
    notice: NOTICES[String(ctx.query.info ?? '')],
    ...extra,
    scripts: BUSY_FORMS,
  });
}
