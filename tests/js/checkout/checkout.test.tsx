/**
 * External dependencies
 */
import { describe, expect, it, jest } from '@jest/globals';
import { render, screen } from '@testing-library/react';

/**
 * Internal dependencies
 */
import { paymentMethod, readCheckoutData } from '../../../src/checkout/method';

const PRINTED = {
	title: 'Pay with crypto (Meum)',
	description: 'You will be sent to Meum to pay.',
	icon: 'https://shop.example/wp-content/plugins/meum-woocommerce/assets/meum-icon.svg',
	placeOrderButtonLabel: 'Continue to Meum',
	supports: [ 'products' ],
};

describe( 'the block checkout payment method', () => {
	it( 'registers the meum method from the printed data', () => {
		const registerPaymentMethod = jest.fn();
		jest.isolateModules( () => {
			jest.doMock(
				'@woocommerce/blocks-registry',
				() => ( { registerPaymentMethod } ),
				{ virtual: true }
			);
			jest.doMock(
				'@woocommerce/settings',
				() => ( {
					getSetting: ( name: string ) =>
						name === 'meum_data' ? PRINTED : undefined,
				} ),
				{ virtual: true }
			);
			require( '../../../src/checkout/index' );
		} );

		expect( registerPaymentMethod ).toHaveBeenCalledTimes( 1 );
		const method = registerPaymentMethod.mock.calls[ 0 ][ 0 ] as ReturnType<
			typeof paymentMethod
		>;
		expect( method.name ).toBe( 'meum' );
		expect( method.ariaLabel ).toBe( 'Pay with crypto (Meum)' );
		expect( method.placeOrderButtonLabel ).toBe( 'Continue to Meum' );
		expect( method.supports ).toEqual( { features: [ 'products' ] } );
		expect( method.canMakePayment() ).toBe( true );
	} );

	it( 'labels the method with its title and a decorative icon', () => {
		const { container } = render(
			paymentMethod( readCheckoutData( PRINTED ) ).label
		);

		expect( screen.getByText( 'Pay with crypto (Meum)' ) ).toBeVisible();
		const icon = container.querySelector( 'img' );
		expect( icon ).toHaveAttribute( 'src', PRINTED.icon );
		expect( icon ).toHaveAttribute( 'alt', '' );
	} );

	it( 'shows the description as the method content', () => {
		render( paymentMethod( readCheckoutData( PRINTED ) ).content );

		expect(
			screen.getByText( 'You will be sent to Meum to pay.' )
		).toBeVisible();
	} );

	it( 'falls back to translated texts when the data is missing', () => {
		const data = readCheckoutData( undefined );

		expect( data ).toEqual( {
			title: 'Pay with crypto (Meum)',
			description: '',
			icon: '',
			placeOrderButtonLabel: 'Continue to Meum',
			supports: [ 'products' ],
		} );
		const { container } = render( paymentMethod( data ).content );
		expect( container ).toBeEmptyDOMElement();
		render( paymentMethod( data ).label );
		expect( screen.queryByRole( 'img' ) ).not.toBeInTheDocument();
	} );

	it( 'keeps only text features from the printed data', () => {
		expect(
			readCheckoutData( { supports: [ 'products', 3, null ] } ).supports
		).toEqual( [ 'products' ] );
	} );
} );
