/**
 * WordPress dependencies
 */
import { __ } from '@wordpress/i18n';

/**
 * Internal dependencies
 */
import type { PaymentMethodConfiguration } from '@woocommerce/blocks-registry';
import type { MeumCheckoutData } from './types';

/** The gateway id (`Payments\Gateway::ID`). */
export const METHOD_NAME = 'meum';

/**
 * Reads the printed data, whatever shape it arrived in.
 *
 * @param value The value of `getSetting( 'meum_data' )`.
 * @return The data, with translated defaults for missing texts.
 */
export function readCheckoutData( value: unknown ): MeumCheckoutData {
	const data =
		typeof value === 'object' && value !== null
			? ( value as Record< string, unknown > )
			: {};
	const text = ( key: string ): string =>
		typeof data[ key ] === 'string' ? ( data[ key ] as string ) : '';
	return {
		title:
			text( 'title' ) ||
			__( 'Pay with crypto (Meum)', 'meum-woocommerce' ),
		description: text( 'description' ),
		icon: text( 'icon' ),
		placeOrderButtonLabel:
			text( 'placeOrderButtonLabel' ) ||
			__( 'Continue to Meum', 'meum-woocommerce' ),
		supports: Array.isArray( data.supports )
			? data.supports.filter(
					( feature ): feature is string =>
						typeof feature === 'string'
				)
			: [ 'products' ],
	};
}

/**
 * The method's label: its title, and its icon as decoration.
 *
 * @param props       The props.
 * @param props.title The title.
 * @param props.icon  The icon's URL, or empty.
 * @return The label.
 */
export function MethodLabel( {
	title,
	icon,
}: {
	title: string;
	icon: string;
} ) {
	return (
		<span className="meum-wc-method-label">
			{ title }
			{ icon && (
				<img
					src={ icon }
					alt=""
					width={ 24 }
					height={ 24 }
					style={ {
						marginInlineStart: '0.5em',
						verticalAlign: 'middle',
					} }
				/>
			) }
		</span>
	);
}

/**
 * What the buyer reads when the method is chosen.
 *
 * @param props             The props.
 * @param props.description The description, or empty.
 * @return The description paragraph, or nothing.
 */
export function MethodContent( { description }: { description: string } ) {
	return description ? (
		<p className="meum-wc-method-description">{ description }</p>
	) : null;
}

/**
 * The configuration `registerPaymentMethod()` takes.
 *
 * @param data The printed data.
 * @return The payment method.
 */
export function paymentMethod(
	data: MeumCheckoutData
): PaymentMethodConfiguration {
	const content = <MethodContent description={ data.description } />;
	return {
		name: METHOD_NAME,
		label: <MethodLabel title={ data.title } icon={ data.icon } />,
		content,
		edit: content,
		// Availability is decided on the server: the cart's list of payment
		// methods only holds Meum when the gateway is available.
		canMakePayment: () => true,
		ariaLabel: data.title,
		placeOrderButtonLabel: data.placeOrderButtonLabel,
		supports: { features: data.supports },
	};
}
