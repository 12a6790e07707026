/**
 * Names shared by the engine and any cloud peer outside the WebSocket protocol: the header that carries
 * the webhook secret, and the environment variables both ends read.
 */

/** The header the cloud sends the shared webhook secret in (compared in constant time by the app). */
export const WEBHOOK_SECRET_HEADER = 'X-MentraOS-Webhook-Secret';
/** The environment variable holding the webhook secret when the app's configuration sets none. */
export const WEBHOOK_SECRET_ENV = 'MENTRAOS_WEBHOOK_SECRET';
/** Extra trusted cloud hosts, comma-separated (a test cloud or `mentraos dev` adds itself here). */
export const TRUSTED_HOSTS_ENV = 'MENTRAOS_TRUSTED_HOSTS';
