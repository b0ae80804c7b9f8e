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
  /** The default number pattern; a kind of letter may have its own in opd_number_patterns. */
  numberPattern!: string;
  agendaPattern!: string;
  /** The OPD's own kop surat logo in the file store; null: the regency emblem. */
  logoFileId!: number | null;
  headUserId!: number | null;
  active!: boolean;
  createdAt!: Date;
  updatedAt!: Date;
}
