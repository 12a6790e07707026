'use strict';
module.exports = require('@mentraos/sdk/display-utils');
