/** A backup or restore that must stop; the message is for the operator (Indonesian, no secret). */
export class BackupError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'BackupError';
  }
}

export class WrongPassphraseError extends BackupError {
  constructor() {
    super('Frasa sandi cadangan salah (atau kepala arsip rusak). Arsip tidak dapat dibuka.');
  }
}
