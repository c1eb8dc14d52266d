// The action's entry (action.yml runs.main): stack traces map through action.js.map to src/*.ts.
import { setSourceMapsSupport } from 'node:module';

setSourceMapsSupport(true);
await import('./action.js');
