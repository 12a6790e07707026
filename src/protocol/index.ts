export * from './enums';
export * from './messages';
export * from './streams';
export * from './dialects';
export * from './guards';
export * from './glasses';
export * from './models';
