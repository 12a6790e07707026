'use strict';
module.exports = require('@mentraos/sdk/hono');
