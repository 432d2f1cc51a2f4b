// The python vertical's pure parts; its worker starts from main.ts.
export * from './banditReport';
export * from './catalog';
export * from './pythonSastParameters';
export { provisionPythonVertical, provisionPythonTools, pythonToolPins } from './provision';
