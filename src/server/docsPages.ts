// Offline API docs: Swagger UI and ReDoc served from their npm packages, no CDN. Scripts are
// files (not inline) so the pages run under the same strict CSP as the rest of the server.
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { packageRoot } from '../appInfo.js';

const require = createRequire(import.meta.url);

export const swaggerUiDir = path.dirname(require.resolve('swagger-ui-dist/package.json'));
export const redocBundle = path.join(path.dirname(require.resolve('redoc/package.json')), 'bundles', 'redoc.standalone.js');

export const SWAGGER_HTML = `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<title>ML Benchmark Explorer API — Swagger UI</title>
<link rel="stylesheet" href="/docs/swagger-ui.css">
<link rel="icon" type="image/png" href="/docs/favicon-32x32.png">
</head>
<body>
<div id="swagger-ui"></div>
<script src="/docs/swagger-ui-bundle.js"></script>
<script src="/docs/swagger-ui-standalone-preset.js"></script>
<script src="/docs/init.js"></script>
</body>
</html>
`;

export const SWAGGER_INIT_JS = `window.ui = SwaggerUIBundle({
  url: '/openapi.json',
  dom_id: '#swagger-ui',
  deepLinking: true,
  presets: [SwaggerUIBundle.presets.apis, SwaggerUIStandalonePreset],
  layout: 'StandaloneLayout',
  validatorUrl: null
});
`;

export const REDOC_HTML = `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<title>ML Benchmark Explorer API — ReDoc</title>
<meta name="viewport" content="width=device-width, initial-scale=1">
<link rel="icon" href="/favicon.ico">
</head>
<body>
<redoc spec-url="/openapi.json"></redoc>
<script src="/redoc/redoc.standalone.js"></script>
</body>
</html>
`;

/** Where ReDoc's bundle loads its sidebar logo from: a CDN, which the docs' CSP (rightly) blocks. */
const REDOC_CDN_LOGO = 'https://cdn.redoc.ly/redoc/logo-mini.svg';
export const REDOC_LOCAL_LOGO = '/redoc/logo-mini.svg';
/** A blank stand-in for that logo: the docs load nothing from outside. */
export const REDOC_LOGO_SVG = '<svg xmlns="http://www.w3.org/2000/svg" width="1" height="1"/>';

let redocText: Buffer | undefined;
/** ReDoc's standalone bundle with its one outside URL pointed at REDOC_LOCAL_LOGO. */
export function redocBundleBytes(): Buffer {
  redocText ??= Buffer.from(readFileSync(redocBundle, 'utf8').replaceAll(REDOC_CDN_LOGO, REDOC_LOCAL_LOGO));
  return redocText;
}

let favicon: Buffer | undefined;
/** /favicon.ico: the app icon (build/icon.png) in an ICO container, which may hold a PNG image as is. */
export function faviconIco(): Buffer {
  if (!favicon) {
    const png = readFileSync(path.join(packageRoot(), 'build', 'icon.png'));
    const header = Buffer.alloc(22);
    header.writeUInt16LE(0, 0); // reserved
    header.writeUInt16LE(1, 2); // type: icon
    header.writeUInt16LE(1, 4); // one image
    // Width and height 0 stand for 256 or more; the PNG inside says its real size.
    header.writeUInt8(0, 6);
    header.writeUInt8(0, 7);
    header.writeUInt16LE(1, 10); // colour planes
    header.writeUInt16LE(32, 12); // bits per pixel
    header.writeUInt32LE(png.length, 14);
    header.writeUInt32LE(22, 18); // image offset
    favicon = Buffer.concat([header, png]);
  }
  return favicon;
}
