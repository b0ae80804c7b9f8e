import { BaseModel } from './base-model';
import type { Role } from '../rbac/roles';

export class UserRole extends BaseModel {
  static tableName = 'user_roles';
  static idColumn = ['user_id', 'role'];

  userId!: number;
  role!: Role;
}
