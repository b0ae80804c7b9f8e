import { BaseModel } from './base-model';
import { Opd } from './opd';
import { UserRole } from './user-role';
import type { Role } from '../rbac/roles';

export class User extends BaseModel {
  static tableName = 'users';
  static dateColumns = ['lastLoginAt', 'createdAt', 'updatedAt', 'deactivatedByAdminAt'];
  static booleanColumns = ['active', 'mustChangePassword'];

  id!: number;
  opdId!: number | null;
  username!: string;
  nip!: string | null;
  name!: string;
  position!: string;
  unit!: string;
  superiorId!: number | null;
  email!: string;
  passwordHash!: string;
  active!: boolean;
  /** 'smart': kept by the staff sync (name, position, unit, OPD); 'local': made in e-Office. */
  source!: 'local' | 'smart';
  rank!: string;
  mustChangePassword!: boolean;
  deactivatedByAdminAt!: Date | null;
  lastLoginAt!: Date | null;
  createdAt!: Date;
  updatedAt!: Date;

  roles?: UserRole[];
  opd?: Opd | null;
  superior?: User | null;

  get roleNames(): Role[] {
    return (this.roles ?? []).map((r) => r.role).sort();
  }

  static relationMappings = () => ({
    roles: {
      relation: BaseModel.HasManyRelation,
      modelClass: UserRole,
      join: { from: 'users.id', to: 'user_roles.user_id' },
    },
    opd: {
      relation: BaseModel.BelongsToOneRelation,
      modelClass: Opd,
      join: { from: 'users.opd_id', to: 'opd.id' },
    },
    superior: {
      relation: BaseModel.BelongsToOneRelation,
      modelClass: User,
      join: { from: 'users.superior_id', to: 'users.id' },
    },
  });

  /** The shape other people and API clients may see: never the password hash. */
  toPublic() {
    return {
      id: this.id,
      username: this.username,
      nip: this.nip,
      name: this.name,
      position: this.position,
      unit: this.unit,
      email: this.email,
      active: this.active,
      superiorId: this.superiorId,
      roles: this.roleNames,
      opd: this.opd ? { id: this.opd.id, code: this.opd.code, name: this.opd.name } : null,
    };
  }

  /** What administrators (and the account's owner) see: the public shape plus the account's state. */
  toAdminView() {
    return {
      ...this.toPublic(),
      source: this.source,
      rank: this.rank,
      mustChangePassword: this.mustChangePassword,
      deactivatedByAdminAt: this.deactivatedByAdminAt?.toISOString() ?? null,
      lastLoginAt: this.lastLoginAt?.toISOString() ?? null,
      createdAt: this.createdAt?.toISOString() ?? null,
    };
  }
}
