export * from '@mentraos/sdk/display-utils';
