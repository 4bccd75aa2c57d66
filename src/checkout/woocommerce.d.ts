/**
 * The two WooCommerce packages the registration uses. They are not installed:
 * WooCommerce provides them at run time (`wc.wcBlocksRegistry`,
 * `wc.wcSettings`), and the build maps the imports to those globals through
 * `@woocommerce/dependency-extraction-webpack-plugin`. Only what the
 * registration calls is declared.
 */
declare module '@woocommerce/blocks-registry' {
	import type { ReactElement } from 'react';

	/** A payment method of the Cart and Checkout blocks. */
	export interface PaymentMethodConfiguration {
		name: string;
		label: ReactElement;
		content: ReactElement;
		edit: ReactElement;
		canMakePayment: () => boolean;
		ariaLabel: string;
		placeOrderButtonLabel?: string;
		supports: { features: string[] };
	}

	/**
	 * Adds a payment method to the Cart and Checkout blocks.
	 *
	 * @param options The method.
	 */
	export function registerPaymentMethod(
		options: PaymentMethodConfiguration
	): void;
}

declare module '@woocommerce/settings' {
	/**
	 * Reads a value WooCommerce printed for the blocks.
	 *
	 * @param name     The setting's name.
	 * @param fallback What to return when it is absent.
	 * @return The value.
	 */
	export function getSetting< T >( name: string, fallback?: T ): T;
}
