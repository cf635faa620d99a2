export * from './constants.js';
export * from './close-codes.js';
export * from './error-codes.js';
export * from './online-order.js';
export type * from './types.js';
export type * from './frames.js';
export * from './validation.js';
