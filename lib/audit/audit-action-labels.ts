/** Indonesian names of the audit actions e-Office writes; an unknown action is shown as it is stored. */
const LABELS: Record<string, string> = {
  'auth.login': 'Masuk ke sistem',
  'auth.logout': 'Keluar dari sistem',
  'auth.login_failed': 'Gagal masuk',
  'auth.locked': 'Akun dikunci sementara',
  'seed.demo': 'Data contoh dibuat',
  'certificate.issue': 'Sertifikat diterbitkan',
  'certificate.revoke': 'Sertifikat dicabut',
  'certificate.unlock_failed': 'Passphrase sertifikat salah',
  'document.create': 'Dokumen terbit dibuat',
  'document.sign': 'Dokumen ditandatangani',
  'letter.create': 'Konsep surat dibuat',
  'letter.edit': 'Konsep surat diubah',
  'letter.submit': 'Surat diajukan',
  'letter.approve': 'Surat disetujui verifikator',
  'letter.return': 'Surat dikembalikan untuk perbaikan',
  'letter.withdraw': 'Surat ditarik',
  'letter.number': 'Nomor surat diberikan',
  'letter.sign': 'Surat ditandatangani',
  'letter.signed_document': 'PDF bertanda tangan disimpan',
  'letter.send': 'Surat dikirim',
  'letter.deliver': 'Surat diantar ke OPD tujuan',
  'number.register': 'Nomor dicatat di register',
  'incoming.create_paper': 'Surat masuk kertas dicatat',
  'incoming.register': 'Surat masuk diagendakan',
  'incoming.read': 'Surat masuk dibaca',
  'incoming.status': 'Status surat masuk berubah',
  'incoming.close': 'Surat masuk ditutup',
  'disposition.create': 'Disposisi dibuat',
  'disposition.read': 'Disposisi dibaca',
  'disposition.forward': 'Disposisi diteruskan',
  'disposition.follow_up': 'Tindak lanjut disposisi dilaporkan',
  'disposition.complete': 'Disposisi selesai otomatis',
  'disposition.finish': 'Disposisi dinyatakan selesai',
  'disposition.recall': 'Disposisi ditarik kembali',
  'disposition.reopen': 'Disposisi dibuka kembali',
  'notification.read': 'Notifikasi dibaca',
  'notification.preferences': 'Preferensi notifikasi diubah',
  'delegation.create': 'Plt./Plh. ditunjuk',
  'delegation.end': 'Plt./Plh. diakhiri',
};

export function auditActionLabel(action: string): string {
  return LABELS[action] ?? action;
}

/** The actions with a label, for the viewer's action filter. */
export const AUDIT_ACTIONS = Object.keys(LABELS);
