/**
 * Prettier uses the WordPress coding style everywhere, also when called
 * directly (`npx prettier --check …`) rather than through `wp-scripts format`.
 */
// eslint-disable-next-line import/no-extraneous-dependencies -- installed with @wordpress/scripts.
module.exports = require( '@wordpress/prettier-config' );
