// The fake App Store Connect server: start it in-process, or seed its demo data into a state.
export { liveFakeAscs, startFakeAsc } from './server.js';
export { completeTestInformation } from './app-information.js';
export {
  seedDemo,
  DEMO_APP_ID,
  DEMO_BUNDLE_ID,
  DEMO_NEW_APP_ID,
  DEMO_NEW_BUNDLE_ID,
  type DemoData,
} from './demo.js';
export type * from './types.js';
