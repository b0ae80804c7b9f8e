import path from 'node:path';
import { ConfigError, loadConfig } from '../../lib/config';
import { projectRoot } from '../../lib/paths';

describe('loadConfig', () => {
  it('gives the embedded defaults when nothing is set', () => {
    const c = loadConfig({});
    expect(c.port).toBe(3000);
    expect(c.dataDir).toBe(path.join(projectRoot, 'data'));
    expect(c.database).toEqual({
      client: 'sqlite',
      filename: path.join(projectRoot, 'data', 'eoffice.sqlite'),
    });
    expect(c.temporal).toMatchObject({ embedded: true, address: '127.0.0.1:7233', port: 7233, uiPort: 8233 });
    expect(c.publicUrl).toBe('http://127.0.0.1:3000');
    expect(c.demo.password).toBe('Kuansing#2026');
  });

  it('takes overrides from the environment, so two instances can run side by side', () => {
    const c = loadConfig({
      PORT: '3200',
      DATA_DIR: '/tmp/kedua',
      TEMPORAL_PORT: '7300',
      TEMPORAL_UI_PORT: '8300',
      DATABASE_URL: 'mariadb://eoffice:rahasia@db:3306/eoffice',
      PUBLIC_URL: 'https://eoffice.kuansing.go.id/',
    });
    expect(c.port).toBe(3200);
    expect(c.dataDir).toBe('/tmp/kedua');
    expect(c.temporal).toMatchObject({ address: '127.0.0.1:7300', uiPort: 8300, embedded: true });
    expect(c.database).toEqual({ client: 'mysql', url: 'mysql://eoffice:rahasia@db:3306/eoffice' });
    expect(c.publicUrl).toBe('https://eoffice.kuansing.go.id');
    expect(c.auth.cookieSecure).toBe(true);
  });

  it('uses a given Temporal server instead of starting one', () => {
    const c = loadConfig({ TEMPORAL_ADDRESS: 'temporal:7233' });
    expect(c.temporal).toMatchObject({ address: 'temporal:7233', embedded: false });
  });

  it('treats empty variables as unset', () => {
    expect(loadConfig({ PORT: '', DATABASE_URL: '' }).port).toBe(3000);
  });

  it('refuses invalid settings with a message naming each one', () => {
    expect(() =>
      loadConfig({ PORT: 'delapan', DATABASE_URL: 'postgres://x', DEMO_PASSWORD: 'pendek' }),
    ).toThrow(ConfigError);
    try {
      loadConfig({ PORT: '70000', DATABASE_URL: 'postgres://x' });
    } catch (err) {
      const problems = (err as ConfigError).problems.join('\n');
      expect(problems).toMatch(/^PORT: /m);
      expect(problems).toMatch(/^DATABASE_URL: .*mysql:\/\//m);
      expect((err as Error).message).toMatch(/^Konfigurasi tidak valid/);
    }
  });

  it('connects to Temporal with TLS when asked, or when a TLS file is given; a certificate needs its key', () => {
    expect(loadConfig({}).temporal.tls).toBeUndefined();
    expect(loadConfig({ TEMPORAL_TLS: 'true' }).temporal.tls).toEqual({});
    expect(loadConfig({ TEMPORAL_TLS_CA_FILE: '/etc/eoffice/ca.pem' }).temporal.tls).toEqual({
      caFile: '/etc/eoffice/ca.pem',
    });
    expect(
      loadConfig({ TEMPORAL_TLS: 'false', TEMPORAL_TLS_CA_FILE: '/x.pem' }).temporal.tls,
    ).toBeUndefined();
    expect(() => loadConfig({ TEMPORAL_TLS_CERT_FILE: '/etc/eoffice/klien.pem' })).toThrow(
      /TEMPORAL_TLS_CERT_FILE, TEMPORAL_TLS_KEY_FILE: isi keduanya/,
    );
  });
});
