import { readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import path from 'node:path';
import { Hono } from 'hono';
import { ApiError } from '../errors';
import { apiDocument } from '../openapi/apiDocument';
import { docsAssets, type DocsAsset } from '../openapi/docsAssets';

// Swagger UI comes from the pinned swagger-ui-dist package, never a CDN: the docs work offline.
const swaggerUiDir = path.dirname(createRequire(import.meta.url).resolve('swagger-ui-dist/package.json'));

// Relative URLs, so the page also works behind a proxy that mounts the API under a prefix.
const page = `<!doctype html>
<html lang="en">
  <head>
    <meta charset="utf-8" />
    <title>FuzzForge API</title>
    <link rel="stylesheet" href="docs/swagger-ui.css" />
  </head>
  <body>
    <div id="swagger-ui"></div>
    <script src="docs/swagger-ui-bundle.js"></script>
    <script src="docs/swagger-ui-standalone-preset.js"></script>
    <script src="docs/docs-init.js"></script>
  </body>
</html>
`;

// validatorUrl null: Swagger UI would otherwise send the document to an online validator.
const init = `window.ui = SwaggerUIBundle({
  url: 'openapi.json',
  dom_id: '#swagger-ui',
  deepLinking: true,
  persistAuthorization: true,
  validatorUrl: null,
  presets: [SwaggerUIBundle.presets.apis, SwaggerUIStandalonePreset],
  layout: 'StandaloneLayout',
});
`;

const cache = new Map<DocsAsset, Promise<Buffer>>();
const load = (asset: DocsAsset): Promise<Buffer> => {
  let file = cache.get(asset);
  if (!file) {
    file =
      asset === 'docs-init.js'
        ? Promise.resolve(Buffer.from(init))
        : readFile(path.join(swaggerUiDir, asset));
    // A failed read is not kept: the next request tries again.
    void file.catch(() => cache.delete(asset));
    cache.set(asset, file);
  }
  return file;
};

const isAsset = (name: string): name is DocsAsset => Object.hasOwn(docsAssets, name);

/** GET /openapi.json, and the interactive docs at GET /docs (public, see auth/requiredScope.ts). */
export function docsRoutes(): Hono {
  const app = new Hono();
  app.get('/openapi.json', (c) => c.json(apiDocument()));
  app.get('/docs', (c) => c.html(page));
  app.get('/docs/:asset', async (c) => {
    const asset = c.req.param('asset');
    if (!isAsset(asset)) throw new ApiError('not-found', `The docs have no file ${asset}.`);
    const body = await load(asset);
    return c.body(new Uint8Array(body), 200, {
      'Content-Type': `${docsAssets[asset]}; charset=utf-8`,
      'Cache-Control': 'public, max-age=3600',
    });
  });
  return app;
}
