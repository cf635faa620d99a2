/**
 * The protocol without its schemas: constants, codes, the plain checks of what a client sends and
 * the readers of what a server sends, and every wire type. Code that also runs in the web page
 * imports this rather than index.ts, which brings the schema library along (twice what the
 * page's script may weigh).
 */
export * from './constants.js';
export * from './close-codes.js';
export * from './error-codes.js';
export * from './online-order.js';
export * from './fields.js';
export { checkNonNegativeInt, checkRoom, checkText, checkUser, checkWait, isClientId, type Checked } from './checks.js';
export * from './readers.js';
export type * from './schemas.js';
