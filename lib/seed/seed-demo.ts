import type { Knex } from 'knex';
import { appendAudit } from '../audit/append-audit';
import { hashPassword } from '../auth/password';
import type { Role } from '../rbac/roles';
import { DEMO_NAMES, DEMO_OPDS, DEMO_STAFF, demoNip } from './demo-regency';

export interface SeedResult {
  opdCreated: number;
  usersCreated: number;
}

interface PersonRow {
  username: string;
  nip: string;
  name: string;
  position: string;
  unit: string;
  roles: Role[];
  opdCode: string;
  superior: string | null;
}

function demoPeople(): PersonRow[] {
  const people: PersonRow[] = [];
  DEMO_OPDS.forEach((opd, o) => {
    const suffix = opd.code.toLowerCase();
    DEMO_STAFF.forEach((p, s) => {
      const index = o * DEMO_STAFF.length + s;
      const [name, gender] = DEMO_NAMES[index];
      const superior =
        p.superior === null ? (opd.code === 'SETDA' ? null : 'kepala.setda') : `${p.superior}.${suffix}`;
      people.push({
        username: `${p.username}.${suffix}`,
        nip: demoNip(index, gender),
        name,
        position: p.position(opd),
        unit: p.unit(opd),
        roles: p.roles,
        opdCode: opd.code,
        superior,
      });
    });
  });
  people.push({
    username: 'superadmin',
    nip: demoNip(DEMO_NAMES.length, 1),
    name: 'Administrator Sistem e-Office',
    position: 'Pranata Komputer Ahli Muda',
    unit: 'Bidang Aplikasi Informatika',
    roles: ['superadmin', 'asn'],
    opdCode: 'DISKOMINFO',
    superior: 'verifikator1.diskominfo',
  });
  return people;
}

/**
 * Creates the demo regency: its OPDs and their staff, every account with the same demo password.
 * Idempotent: what exists is left as it is (passwords included), what is missing is added.
 */
export async function seedDemo(
  db: Knex,
  options: { password: string; hashMemoryKib: number },
): Promise<SeedResult> {
  const now = new Date();
  const people = demoPeople();
  const existing = new Set(
    (await db('users').select('username')).map((r: { username: string }) => r.username),
  );
  // Hashing is slow; do it before the transaction, only for accounts that will be created.
  const hashes = new Map<string, string>();
  for (const p of people.filter((p) => !existing.has(p.username))) {
    hashes.set(p.username, await hashPassword(options.password, options.hashMemoryKib));
  }

  return db.transaction(async (trx) => {
    let opdCreated = 0;
    let usersCreated = 0;
    const opdIds = new Map<string, number>();
    for (const opd of DEMO_OPDS) {
      let row = await trx('opd').where({ code: opd.code }).first();
      if (!row) {
        await trx('opd').insert({
          code: opd.code,
          name: opd.name,
          short_name: opd.shortName,
          address: opd.address,
          phone: opd.phone,
          email: `${opd.code.toLowerCase()}@kuansing.go.id`,
          website: 'https://kuansing.go.id',
          created_at: now,
          updated_at: now,
        });
        row = await trx('opd').where({ code: opd.code }).first();
        opdCreated++;
      }
      opdIds.set(opd.code, Number(row.id));
    }

    const userIds = new Map<string, number>();
    for (const p of people) {
      let row = await trx('users').where({ username: p.username }).first();
      if (!row) {
        await trx('users').insert({
          opd_id: opdIds.get(p.opdCode),
          username: p.username,
          nip: p.nip,
          name: p.name,
          position: p.position,
          unit: p.unit,
          email: `${p.username}@kuansing.go.id`,
          password_hash: hashes.get(p.username),
          created_at: now,
          updated_at: now,
        });
        row = await trx('users').where({ username: p.username }).first();
        usersCreated++;
        for (const role of p.roles) await trx('user_roles').insert({ user_id: row.id, role });
      }
      userIds.set(p.username, Number(row.id));
    }
    for (const p of people.filter((p) => p.superior && !existing.has(p.username))) {
      await trx('users')
        .where({ id: userIds.get(p.username) })
        .update({ superior_id: userIds.get(p.superior!) });
    }

    // Each OPD's head is its kepala: the one who may close an incoming letter for the whole OPD.
    for (const opd of DEMO_OPDS) {
      await trx('opd')
        .where({ id: opdIds.get(opd.code), head_user_id: null })
        .update({ head_user_id: userIds.get(`kepala.${opd.code.toLowerCase()}`) });
    }

    if (opdCreated || usersCreated) {
      await appendAudit(trx, {
        actorId: null,
        action: 'seed.demo',
        entityType: 'system',
        data: { opdCreated, usersCreated },
      });
    }
    return { opdCreated, usersCreated };
  });
}
