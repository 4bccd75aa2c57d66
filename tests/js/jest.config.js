/**
 * Jest configuration for the settings page's unit tests.
 *
 * Extends the @wordpress/scripts preset (jsdom, Babel with TypeScript,
 * the jest-console package, which fails a test on an unexpected console
 * error or warning).
 */
const path = require( 'path' );
const baseConfig = require( '@wordpress/scripts/config/jest-unit.config' );

const babelTransform =
	require.resolve( '@wordpress/scripts/config/babel-transform' );

module.exports = {
	...baseConfig,
	rootDir: path.resolve( __dirname, '../..' ),
	testMatch: [ '<rootDir>/tests/js/**/*.test.ts?(x)' ],
	// Some dependencies of @wordpress/components (uuid, @wordpress/theme)
	// ship only ES modules; compile them like our own code so Jest's
	// CommonJS runtime can load them.
	transform: {
		'\\.[jt]sx?$': babelTransform,
		'\\.mjs$': babelTransform,
	},
	transformIgnorePatterns: [ '/node_modules/(?!(uuid|@wordpress/theme)/)' ],
	setupFilesAfterEnv: [ '<rootDir>/tests/js/setup-tests.ts' ],
};
