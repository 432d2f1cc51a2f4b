export { goCatalog } from './catalog';
export { createGoActivities, type GoActivities } from './activities';
export { provisionGoVertical } from './provision';
