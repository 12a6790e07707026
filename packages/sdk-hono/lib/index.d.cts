export * from '@mentraos/sdk/hono';
