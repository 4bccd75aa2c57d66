/**
 * What the PHP block integration prints for the method
 * (`Payments\Block_Integration::get_payment_method_data()`), read with
 * `getSetting( 'meum_data' )`.
 */
export interface MeumCheckoutData {
	/** The method's name at checkout, plain text (the merchant's title). */
	title: string;
	/** What the buyer reads when the method is chosen, plain text. */
	description: string;
	/** Absolute URL of the method's icon, or empty. */
	icon: string;
	/** The place-order button's label while the method is chosen. */
	placeOrderButtonLabel: string;
	/** The features the gateway supports (`products`). */
	supports: string[];
}
