/**
 * Registers the Meum payment method with the Cart and Checkout blocks, from
 * the data the PHP block integration prints (`meum_data`).
 */

/**
 * External dependencies
 */
import { registerPaymentMethod } from '@woocommerce/blocks-registry';
import { getSetting } from '@woocommerce/settings';

/**
 * Internal dependencies
 */
import { paymentMethod, readCheckoutData } from './method';

registerPaymentMethod(
	paymentMethod( readCheckoutData( getSetting( 'meum_data', {} ) ) )
);
