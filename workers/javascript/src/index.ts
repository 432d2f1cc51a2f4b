// The javascript vertical's pure parts; its worker starts from main.ts.
export * from './catalog';
export * from './eslintReport';
export * from './javascriptSastParameters';
export { eslintToolPins, provisionJavascriptVertical } from './provision';
