/**
 * The files of the /docs page and their media types: Swagger UI's, served from the swagger-ui-dist
 * package (no CDN), and the few lines that point it at /openapi.json.
 */
export const docsAssets = {
  'swagger-ui.css': 'text/css',
  'swagger-ui-bundle.js': 'text/javascript',
  'swagger-ui-standalone-preset.js': 'text/javascript',
  'docs-init.js': 'text/javascript',
} as const satisfies Record<string, string>;

export type DocsAsset = keyof typeof docsAssets;
