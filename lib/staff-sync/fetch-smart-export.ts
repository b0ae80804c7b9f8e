import { AppError } from '../errors';
import type { Config } from '../config';

const unavailable = (message: string) => new AppError(502, 'smart_unavailable', message);

/** The raw JSON export from SMART, asked for with the configured bearer token (which no message repeats). */
export async function fetchSmartExport(smart: Config['smart'], timeoutMs = 60_000): Promise<Buffer> {
  if (!smart.url) throw new AppError(409, 'smart_not_configured', 'Alamat SMART (SMART_URL) belum diatur.');
  let response: Response;
  try {
    response = await fetch(smart.url, {
      headers: {
        Accept: 'application/json',
        ...(smart.token ? { Authorization: `Bearer ${smart.token}` } : {}),
      },
      signal: AbortSignal.timeout(timeoutMs),
    });
  } catch (err) {
    throw unavailable(`SMART tidak dapat dihubungi (${(err as Error).name}).`);
  }
  if (response.status === 401 || response.status === 403) {
    throw unavailable(`SMART menolak akses (HTTP ${response.status}): periksa SMART_TOKEN.`);
  }
  if (!response.ok) throw unavailable(`SMART menjawab dengan galat HTTP ${response.status}.`);
  return Buffer.from(await response.arrayBuffer());
}
