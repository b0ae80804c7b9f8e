import { BaseModel } from './base-model';

/** An agency of the regency (Organisasi Perangkat Daerah). */
export class Opd extends BaseModel {
  static tableName = 'opd';
  static dateColumns = ['createdAt', 'updatedAt'];
  static booleanColumns = ['active'];

  id!: number;
  code!: string;
  name!: string;
  shortName!: string;
  address!: string;
  phone!: string;
  email!: string;
  website!: string;
  numberPattern!: string;
  active!: boolean;
  createdAt!: Date;
  updatedAt!: Date;
}
