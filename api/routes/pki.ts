import { currentCrl } from '../../lib/pki/current-crl';
import { rootCertificatePem } from '../../lib/pki/root-certificate-pem';
import { PUBLIC } from '../../lib/rbac/policy';
import type { AppDeps } from '../context';
import type { RouteDef } from '../route';

/** The regency's root certificate and revocation list, for anyone who checks a signature. */
export function pkiRoutes({ db, config }: AppDeps): RouteDef[] {
  return [
    {
      method: 'get',
      path: '/pki/root.crt',
      access: PUBLIC,
      summary: 'The root certificate of the regency’s CA (PEM).',
      handler: async (ctx) => {
        ctx.type = 'application/x-pem-file';
        ctx.attachment('root-ca-kuansing.crt');
        ctx.body = await rootCertificatePem(config.pki);
      },
    },
    {
      method: 'get',
      path: '/pki/crl',
      access: PUBLIC,
      summary: 'The current certificate revocation list (DER).',
      handler: async (ctx) => {
        ctx.type = 'application/pkix-crl';
        ctx.body = await currentCrl({ db, pki: config.pki });
      },
    },
  ];
}
