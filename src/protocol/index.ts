export * from './enums';
export * from './messages';
export * from './streams';
export * from './dialects';
export * from './guards';
