export { main } from './main';
export { exitCodes } from './exitCodes';
