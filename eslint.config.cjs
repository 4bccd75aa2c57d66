/**
 * ESLint (flat config) for `npm run lint:js`: the default config of
 * `@wordpress/scripts` (`@wordpress/eslint-plugin`'s recommended rules,
 * TypeScript-aware, with Prettier through `@wordpress/prettier-config`),
 * plus what this repository needs.
 */
const defaultConfig = require( '@wordpress/scripts/config/eslint.config.cjs' );
// eslint-disable-next-line import/no-extraneous-dependencies -- installed with @wordpress/scripts.
const wpPlugin = require( '@wordpress/eslint-plugin' );

module.exports = [
	{
		// Built, installed and generated files; the local WordPress and test output.
		ignores: [
			'build/**',
			'node_modules/**',
			'vendor/**',
			'.wp-local/**',
			'artifacts/**',
			'test-results/**',
			'playwright-report/**',
		],
	},
	...defaultConfig,
	{
		// Every string of the settings app is translatable in the plugin's text domain: bare text
		// in JSX is an error, and `__()` and friends must name `meum-woocommerce`.
		files: [ 'src/**/*.{js,jsx,ts,tsx}' ],
		rules: {
			'@wordpress/i18n-text-domain': [
				'error',
				{ allowedTextDomain: 'meum-woocommerce' },
			],
			'react/jsx-no-literals': [
				'error',
				{ noStrings: false, ignoreProps: true },
			],
		},
	},
	// The Playwright rules of `@wordpress/eslint-plugin` for the E2E suite.
	...wpPlugin.configs[ 'test-playwright' ].map( ( config ) => ( {
		...config,
		files: [ 'tests/e2e/**/*.ts' ],
	} ) ),
	{
		files: [ 'tests/e2e/**/*.ts' ],
		rules: {
			// Code in `page.evaluate()` runs in the page and reads its focus from `document`.
			'@wordpress/no-global-active-element': 'off',
		},
	},
	{
		// The benchmark, the programs of bin/ and tests/release/ and the two-node test are
		// command-line tools: their console output is the result.
		files: [
			'bench/**/*.ts',
			'bin/**/*.cjs',
			'tests/release/**/*.cjs',
			'tests/nodes/**/*.ts',
		],
		rules: {
			'no-console': 'off',
		},
	},
];
