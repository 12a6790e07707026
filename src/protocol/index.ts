export * from './enums';
export * from './messages';
export * from './module-messages';
export * from './models';
export * from './streams';
export * from './dialects';
export * from './guards';
