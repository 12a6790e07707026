/**
 * `@mentraos/sdk/compat`: the legacy AugmentOS facade (TpaServer, TpaSession and the Tpa names).
 * Everything here is deprecated and thin: behaviour lives in the core.
 */
export {};
