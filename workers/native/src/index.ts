export { nativeCatalog } from './catalog';
export { createNativeActivities, type NativeActivities } from './activities';
export { provisionNativeVertical } from './provision';
