import QRCode from 'qrcode';

/** Modules of white around the symbol, as the QR specification asks for reliable scanning. */
const QUIET_ZONE = 4;

/**
 * A QR code (error correction M) as an SVG data URL, drawn here from the code's modules because
 * the letter is rendered synchronously and qrcode's own string renderers are asynchronous.
 */
export function qrSvgDataUrl(text: string): string {
  const { modules } = QRCode.create(text, { errorCorrectionLevel: 'M' });
  const total = modules.size + 2 * QUIET_ZONE;
  let path = '';
  for (let row = 0; row < modules.size; row++) {
    // One rectangle per run of dark modules keeps the SVG (and the letter's HTML) small.
    for (let col = 0; col < modules.size; col++) {
      if (!modules.get(row, col)) continue;
      let run = 1;
      while (col + run < modules.size && modules.get(row, col + run)) run++;
      path += `M${col + QUIET_ZONE} ${row + QUIET_ZONE}h${run}v1h-${run}z`;
      col += run - 1;
    }
  }
  const svg =
    `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 ${total} ${total}" shape-rendering="crispEdges">` +
    `<rect width="${total}" height="${total}" fill="#fff"/><path d="${path}" fill="#000"/></svg>`;
  return `data:image/svg+xml;base64,${Buffer.from(svg).toString('base64')}`;
}
