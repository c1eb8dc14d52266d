// What a run that names a config file (`config` or `export-config`) needs of it: the reader and the writer. They
// bring yaml and zod, about 50 ms of CPU to evaluate, so the inputs load this module only for such a run.
export { readConfigFile } from './read-config.js';
export { renderConfigExport } from './write-config.js';
