/**
 * The build of `npm run build`: the @wordpress/scripts webpack config with three
 * entries, the settings page (`build/settings.js`), the block checkout's
 * payment method (`build/checkout.js`) and the live order-received page
 * (`build/return-page.js`, vanilla TypeScript, no dependency), and WooCommerce's dependency
 * extraction in place of WordPress's, so `@woocommerce/*` imports become
 * WooCommerce's globals and script handles in `build/*.asset.php` (it
 * handles `@wordpress/*` exactly as WordPress's plugin does).
 */
const defaultConfig = require( '@wordpress/scripts/config/webpack.config' );
const WooCommerceDependencyExtractionWebpackPlugin = require( '@woocommerce/dependency-extraction-webpack-plugin' );

module.exports = {
	...defaultConfig,
	entry: {
		settings: './src/settings/index.tsx',
		checkout: './src/checkout/index.tsx',
		'return-page': './src/return-page/index.ts',
	},
	plugins: [
		...defaultConfig.plugins.filter(
			( plugin ) =>
				plugin.constructor.name !== 'DependencyExtractionWebpackPlugin'
		),
		new WooCommerceDependencyExtractionWebpackPlugin(),
	],
};
