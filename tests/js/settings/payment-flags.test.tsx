/**
 * External dependencies
 */
import { describe, it, expect, jest, beforeEach } from '@jest/globals';
import { screen, within } from '@testing-library/react';

/**
 * Internal dependencies
 */
import { readPayments } from '../../../src/settings/api';
import type { PaymentsState } from '../../../src/settings/types';
import { connected, restError } from './fixtures';
import { apiFetchMock, renderPage } from './page';

jest.mock( '@wordpress/api-fetch', () => ( {
	__esModule: true,
	default: jest.fn(),
} ) );
jest.mock( '@wordpress/a11y', () => ( { speak: jest.fn() } ) );

const OVERPAID = {
	id: 'a1b2c3d4e5f6',
	orderId: 41,
	orderUrl:
		'http://127.0.0.1:8881/wp-admin/admin.php?page=wc-orders&action=edit&id=41',
	kind: 'overpaid',
	message:
		'Meum received more than the order total. Refund the difference outside Meum.',
	at: '2026-12-01T10:00:00Z',
};

const PAID_TWICE = {
	id: '0f9e8d7c6b5a',
	orderId: 40,
	orderUrl: null,
	kind: 'second_payment',
	message: 'A second invoice of this order was paid.',
	at: '2026-12-01T09:00:00Z',
};

const payments = ( flags: unknown[] ): PaymentsState => ( {
	enabled: true,
	available: true,
	reason: null,
	flags: flags as PaymentsState[ 'flags' ],
	flagsPath: '/meum/v1/payments/flags',
	reconciled: 0,
} );

const flagList = () =>
	within(
		screen.getByRole( 'region', { name: 'Payments to look at' } )
	).getByRole( 'list' );

describe( 'the flagged payments', () => {
	beforeEach( () => {
		apiFetchMock.mockReset();
	} );

	it( 'lists each flagged payment with a link to its order', () => {
		renderPage( connected, {
			payments: payments( [ OVERPAID, PAID_TWICE ] ),
		} );

		const items = within( flagList() ).getAllByRole( 'listitem' );
		expect( items ).toHaveLength( 2 );
		expect( items[ 0 ] ).toHaveTextContent(
			'Order #41: Meum received more than the order total.'
		);
		expect(
			within( items[ 0 ] ).getByRole( 'link', { name: 'Order #41' } )
		).toHaveAttribute( 'href', OVERPAID.orderUrl );
		expect( items[ 1 ] ).toHaveTextContent(
			'Order #40: A second invoice of this order was paid.'
		);
	} );

	it( 'shows nothing when no payment is flagged', () => {
		renderPage( connected, { payments: payments( [] ) } );

		expect(
			screen.queryByRole( 'region', { name: 'Payments to look at' } )
		).not.toBeInTheDocument();
	} );

	it( 'dismisses a flag through the route and shows what remains', async () => {
		apiFetchMock.mockResolvedValue( { flags: [ PAID_TWICE ] } );
		const user = renderPage( connected, {
			payments: payments( [ OVERPAID, PAID_TWICE ] ),
		} );

		await user.click(
			screen.getByRole( 'button', {
				name: 'Dismiss the payment of order #41',
			} )
		);

		expect( apiFetchMock ).toHaveBeenCalledWith( {
			path: '/meum/v1/payments/flags/a1b2c3d4e5f6',
			method: 'DELETE',
		} );
		expect(
			await within( flagList() ).findAllByRole( 'listitem' )
		).toHaveLength( 1 );
		expect( flagList() ).not.toHaveTextContent( 'Order #41' );
	} );

	it( 'keeps the flag and says why when the dismissal fails', async () => {
		apiFetchMock.mockRejectedValue(
			restError( 'rest_forbidden', 'Sorry, you are not allowed.', {
				status: 403,
			} )
		);
		const user = renderPage( connected, {
			payments: payments( [ OVERPAID ] ),
		} );

		await user.click(
			screen.getByRole( 'button', {
				name: 'Dismiss the payment of order #41',
			} )
		);

		expect(
			await screen.findByText(
				'The payment could not be dismissed: Sorry, you are not allowed.'
			)
		).toBeVisible();
		expect( within( flagList() ).getAllByRole( 'listitem' ) ).toHaveLength(
			1
		);
	} );

	it( 'reads only complete flags from the printed data', () => {
		expect(
			readPayments( {
				enabled: true,
				available: false,
				reason: 'No payout wallet is set in Meum.',
				flags: [ OVERPAID, { id: 'x' }, 'junk' ],
				flagsPath: '/meum/v1/payments/flags',
			} )
		).toEqual( {
			enabled: true,
			available: false,
			reason: 'No payout wallet is set in Meum.',
			flags: [ OVERPAID ],
			flagsPath: '/meum/v1/payments/flags',
			reconciled: 0,
		} );
	} );
} );
