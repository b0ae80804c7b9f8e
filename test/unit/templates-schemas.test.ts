import fs from 'node:fs';
import path from 'node:path';
import { renderLetterHtml } from '../../lib/documents/render-letter-html';
import type { LetterRenderInput } from '../../lib/documents/letter-render-input';
import { validateLetterFields } from '../../lib/documents/validate-letter-fields';
import { ValidationError } from '../../lib/errors';
import { projectRoot } from '../../lib/paths';
import { TEMPLATES, templateKinds, type TemplateKind } from '../../templates';
import { sampleLetter } from '../support/letter-input';

const VERIFY_URL = 'https://eoffice.kuansing.go.id/verifikasi/K7Q2M9XW';

function letter(kind: TemplateKind, overrides: Partial<LetterRenderInput> = {}): LetterRenderInput {
  return sampleLetter(kind, VERIFY_URL, {
    sifat: 'Biasa',
    lampiran: undefined,
    tembusan: ['Bupati Kuantan Singingi (sebagai laporan)'],
    ...overrides,
  });
}

function validationError(run: () => unknown): ValidationError {
  try {
    run();
  } catch (error) {
    if (error instanceof ValidationError) return error;
    throw error;
  }
  throw new Error('expected a ValidationError');
}

const fieldErrors = (error: ValidationError) =>
  (error.details as { fields: { field: string; message: string }[] }).fields;

describe('the template registry', () => {
  it('has the seven kinds of naskah dinas, each with its .hbs file, form metadata and a valid example', () => {
    expect(templateKinds).toEqual([
      'surat-dinas',
      'nota-dinas',
      'surat-undangan',
      'surat-edaran',
      'surat-tugas',
      'surat-keputusan',
      'memo',
    ]);
    for (const kind of templateKinds) {
      const template = TEMPLATES[kind];
      expect(template.kind).toBe(kind);
      expect(fs.existsSync(path.join(projectRoot, 'templates', `${kind}.hbs`))).toBe(true);
      expect(template.fields.length).toBeGreaterThan(0);
      for (const field of template.fields) expect(field.label).toMatch(/^[A-Z]/);
      expect(template.schema.safeParse(template.example).success).toBe(true);
    }
  });

  it('renders rich text unescaped in exactly one field per kind, and only where the schema says richtext', () => {
    for (const kind of templateKinds) {
      const hbs = fs.readFileSync(path.join(projectRoot, 'templates', `${kind}.hbs`), 'utf8');
      const unescaped = [...hbs.matchAll(/\{\{\{\s*fields\.(\w+)\s*\}\}\}/g)].map((m) => m[1]);
      const rich = TEMPLATES[kind].fields.filter((f) => f.type === 'richtext').map((f) => f.name);
      expect(unescaped).toEqual(rich);
    }
    const partials = path.join(projectRoot, 'templates', 'partials');
    for (const file of fs.readdirSync(partials)) {
      expect(fs.readFileSync(path.join(partials, file), 'utf8')).not.toContain('{{{');
    }
  });
});

describe.each(templateKinds)('the fields of %s', (kind) => {
  const template = TEMPLATES[kind];
  const required = template.fields.filter((f) => f.required);

  it('reject every missing required field with an Indonesian message naming it', () => {
    const error = validationError(() => validateLetterFields(kind, {}));
    expect(error.status).toBe(400);
    expect(error.message).toContain(`Isian ${template.label} belum lengkap`);
    expect(fieldErrors(error)).toEqual(
      required.map((f) => ({ field: f.name, message: `${f.label} wajib diisi.` })),
    );
  });

  it('reject blank text and wrong types, and the renderer refuses them too', () => {
    const blanks = Object.fromEntries(required.map((f) => [f.name, f.type.startsWith('list') ? [] : '   ']));
    const messages = fieldErrors(validationError(() => validateLetterFields(kind, blanks))).map(
      (e) => e.message,
    );
    expect(messages).toHaveLength(required.length);
    for (const message of messages) expect(message).toMatch(/wajib diisi/);

    const wrong = { ...template.example, [required[0].name]: 42 };
    expect(
      fieldErrors(validationError(() => renderLetterHtml(letter(kind, { fields: wrong }))))[0].message,
    ).toMatch(/harus berupa (teks|daftar)\.$/);
    expect(fieldErrors(validationError(() => renderLetterHtml(letter(kind, { fields: null }))))).toEqual([
      { field: '', message: 'Isian naskah wajib diisi.' },
    ]);
  });

  it('accept the example with optional fields left blank', () => {
    const optional = template.fields.filter((f) => !f.required);
    const fields = { ...template.example, ...Object.fromEntries(optional.map((f) => [f.name, ''])) };
    const cleaned = validateLetterFields(kind, fields);
    for (const f of optional) expect(cleaned[f.name]).toBeUndefined();
  });
});

describe('field rules beyond presence', () => {
  it('checks dates, times and their order in a Surat Undangan', () => {
    const example = TEMPLATES['surat-undangan'].example;
    const errors = fieldErrors(
      validationError(() =>
        validateLetterFields('surat-undangan', {
          ...example,
          tanggalAcara: '2026-02-30',
          waktuMulai: '25:00',
        }),
      ),
    );
    expect(errors).toEqual([
      { field: 'tanggalAcara', message: 'Hari/Tanggal harus berupa tanggal yang valid.' },
      { field: 'waktuMulai', message: 'Pukul Mulai harus berupa jam yang valid (JJ:MM).' },
    ]);
    expect(
      fieldErrors(
        validationError(() =>
          validateLetterFields('surat-undangan', { ...example, waktuMulai: '13:00', waktuSelesai: '09:00' }),
        ),
      ),
    ).toEqual([{ field: 'waktuSelesai', message: 'Pukul Selesai harus sesudah Pukul Mulai.' }]);
  });

  it('checks each person of a Surat Tugas and names the entry in the summary', () => {
    const example = TEMPLATES['surat-tugas'].example;
    const error = validationError(() =>
      validateLetterFields('surat-tugas', {
        ...example,
        pegawai: [{ nama: 'Rahmad', nip: '1988', jabatan: 'Pranata Komputer' }, { nip: '' }],
        untuk: ['Melaksanakan tugas', ''],
        tanggalSelesai: '2026-11-30',
      }),
    );
    expect(fieldErrors(error)).toEqual([
      { field: 'pegawai.0.nip', message: 'NIP harus terdiri atas 18 angka.' },
      { field: 'pegawai.1.nama', message: 'Nama wajib diisi.' },
      { field: 'pegawai.1.jabatan', message: 'Jabatan wajib diisi.' },
      { field: 'untuk.1', message: 'Isi butir wajib diisi.' },
      { field: 'tanggalSelesai', message: 'Tanggal Selesai tidak boleh sebelum Tanggal Mulai.' },
    ]);
    expect(error.message).toContain('Pegawai yang Ditugaskan butir ke-1: NIP harus terdiri atas 18 angka.');
    expect(error.message).toContain('Untuk butir ke-2: Isi butir wajib diisi.');
  });
});

describe('the letter envelope', () => {
  it('refuses an unknown kind, a signed draft and a signature before numbering', () => {
    const unknownKind = { ...letter('memo'), kind: 'surat-cinta' } as unknown as LetterRenderInput;
    expect(validationError(() => renderLetterHtml(unknownKind)).message).toContain(
      'Jenis naskah tidak dikenal.',
    );
    expect(validationError(() => renderLetterHtml(letter('memo', { draft: true }))).message).toContain(
      'Konsep tidak dapat memuat tanda tangan elektronik.',
    );
    expect(validationError(() => renderLetterHtml(letter('memo', { number: null }))).message).toContain(
      'Nomor dan tanggal naskah wajib ada sebelum naskah ditandatangani.',
    );
    expect(
      validationError(() =>
        renderLetterHtml(letter('memo', { signature: { verifyUrl: 'javascript:alert(1)' } })),
      ).message,
    ).toContain('Alamat verifikasi harus berupa URL http(s).');
  });
});

describe('the letter HTML', () => {
  const attack = '<script>alert("x")</script>';
  const imgAttack = '<img src=x onerror=alert(1)>';

  it('escapes every plain field, so markup typed by a user stays text', () => {
    const html = renderLetterHtml(
      letter('surat-undangan', {
        subject: `Rapat ${attack}`,
        tembusan: [imgAttack],
        signer: { position: 'Kepala Dinas', name: `Azwar ${imgAttack}`, nip: null },
        opd: {
          name: `Dinas ${attack}`,
          address: '"><svg onload=alert(1)>',
          phone: '',
          email: '',
          website: '',
        },
        fields: {
          ...TEMPLATES['surat-undangan'].example,
          tempat: attack,
          acara: imgAttack,
          kepada: imgAttack,
        },
      }),
    );
    expect(html).not.toMatch(/<script/i);
    expect(html).not.toMatch(/<svg onload/i);
    expect(html.match(/<img\b/g)).toHaveLength(2); // the emblem and the QR code, nothing else
    expect(html).toContain('&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;');
    expect(html).toContain('&lt;img src&#x3D;x onerror&#x3D;alert(1)&gt;');
  });

  it('keeps the sanitised rich-text body as HTML', () => {
    const isi = '<p>Isi <strong>penting</strong> surat.</p><ol><li>satu</li></ol>';
    const html = renderLetterHtml(
      letter('surat-dinas', { fields: { ...TEMPLATES['surat-dinas'].example, isi } }),
    );
    expect(html).toContain(isi);
  });

  it('prints placeholders until numbered, the acting prefix, and no QR code on a draft', () => {
    const html = renderLetterHtml(
      letter('surat-dinas', {
        number: null,
        date: null,
        draft: true,
        signature: null,
        signer: {
          position: 'Kepala Dinas Pendidikan',
          name: 'Hj. Sri Wahyuni',
          nip: null,
          actingPrefix: 'Plt.',
        },
      }),
    );
    expect(html).toMatch(/Nomor<\/td><td class="colon">:<\/td><td>……</);
    expect(html).toContain('Teluk Kuantan, ……');
    expect(html).toContain('Plt. Kepala Dinas Pendidikan,');
    expect(html).toContain('class="draft-mark"');
    expect(html).not.toContain('Certificate Authority');
    expect(html).not.toContain('<a ');
  });

  it('wraps the whole signed signature block in one link to the verification page', () => {
    const html = renderLetterHtml(letter('nota-dinas'));
    const links = [...html.matchAll(/<a\b[^>]*>([\s\S]*?)<\/a>/g)];
    expect(links).toHaveLength(1);
    expect(links[0][0]).toContain(`href="${VERIFY_URL}"`);
    for (const part of ['signer-position', 'signature-qr', 'signer-name', 'signer-nip', 'signature-note']) {
      expect(links[0][1]).toContain(part);
    }
    expect(html).not.toContain('class="draft-mark"');
  });

  it('uses a given logo instead of the placeholder emblem', () => {
    const logoDataUrl = 'data:image/png;base64,iVBORw0KGgoAAAAN';
    expect(renderLetterHtml(letter('memo', { logoDataUrl }))).toContain(`src="${logoDataUrl}"`);
    expect(
      validationError(() => renderLetterHtml(letter('memo', { logoDataUrl: 'https://x.test/logo.png' })))
        .message,
    ).toContain('Logo harus berupa data URL gambar.');
  });
});
