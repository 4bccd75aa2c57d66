/**
 * External dependencies
 */
import { describe, it, expect, jest, beforeEach } from '@jest/globals';
import { screen, within } from '@testing-library/react';

/**
 * Internal dependencies
 */
import { normalizeState } from '../../../src/settings/api';
import { connected, restError, siteChanged } from './fixtures';
import { apiFetchMock, button, renderPage, speakMock } from './page';

jest.mock( '@wordpress/api-fetch', () => ( {
	__esModule: true,
	default: jest.fn(),
} ) );
jest.mock( '@wordpress/a11y', () => ( { speak: jest.fn() } ) );

const DISCONNECT_DESCRIPTION =
	'Your store stops taking Meum payments, and the stored credentials are deleted from this site. To take Meum payments again, connect with a new connection key.';
const NEW_SITE_DESCRIPTION =
	'The stored Meum credentials are deleted from this site only; the original store stays connected. To take Meum payments on this site, connect it with its own connection key.';
const FORGET_EXPLANATION =
	'Meum could not be told. You can delete the connection from this site only; the integration may stay listed in Meum until you remove it there.';
const THREE_WAITING =
	'3 orders are waiting for Meum: their payments will then not update the orders.';
const ONE_WAITING =
	'1 order is waiting for Meum: its payment will then not update the order.';

beforeEach( () => {
	apiFetchMock.mockReset();
	speakMock.mockReset();
} );

describe( 'orders waiting for Meum', () => {
	it( 'reads the count from the state, and 0 when it is missing or mistyped', () => {
		expect(
			normalizeState( { ...connected, orders_waiting: 4 } )
				?.orders_waiting
		).toBe( 4 );
		expect(
			normalizeState( { ...connected, orders_waiting: '4' } )
				?.orders_waiting
		).toBe( 0 );
		expect(
			normalizeState( { ...connected, orders_waiting: -1 } )
				?.orders_waiting
		).toBe( 0 );
		const { orders_waiting: _ignored, ...withoutCount } = connected;
		expect( normalizeState( withoutCount )?.orders_waiting ).toBe( 0 );
	} );

	it( 'says in the disconnect dialog how many orders are waiting and what happens to them', async () => {
		const user = renderPage( { ...connected, orders_waiting: 3 } );

		await user.click( button( 'Disconnect' ) );

		const dialog = screen.getByRole( 'dialog', {
			name: 'Disconnect from Meum?',
		} );
		expect( dialog ).toHaveAccessibleDescription(
			`${ DISCONNECT_DESCRIPTION } ${ THREE_WAITING }`
		);
		expect( within( dialog ).getByText( THREE_WAITING ) ).toBeVisible();
		expect( apiFetchMock ).not.toHaveBeenCalled();
	} );

	it( 'says nothing about orders in the disconnect dialog when none is waiting', async () => {
		const user = renderPage( { ...connected, orders_waiting: 0 } );

		await user.click( button( 'Disconnect' ) );

		const dialog = screen.getByRole( 'dialog', {
			name: 'Disconnect from Meum?',
		} );
		expect( dialog ).toHaveAccessibleDescription( DISCONNECT_DESCRIPTION );
		expect(
			within( dialog ).queryByText( /waiting for Meum/ )
		).not.toBeInTheDocument();
	} );

	it( 'says it in the "This is a new site" dialog, in the singular for one order', async () => {
		const user = renderPage( { ...siteChanged, orders_waiting: 1 } );

		await user.click( button( 'This is a new site' ) );

		const dialog = screen.getByRole( 'dialog', {
			name: 'Forget the connection on this site?',
		} );
		expect( dialog ).toHaveAccessibleDescription(
			`${ NEW_SITE_DESCRIPTION } ${ ONE_WAITING }`
		);
	} );

	it( 'says it beside "Forget locally" after Meum could not be told', async () => {
		apiFetchMock.mockRejectedValueOnce(
			restError( 'meum_unreachable', 'Could not resolve host.', {
				status: 504,
				can_forget: true,
			} )
		);
		const user = renderPage( { ...connected, orders_waiting: 2 } );

		await user.click( button( 'Disconnect' ) );
		await user.click(
			within( screen.getByRole( 'dialog' ) ).getByRole( 'button', {
				name: 'Disconnect',
			} )
		);

		const forget = await screen.findByRole( 'button', {
			name: 'Forget locally',
		} );
		expect( forget ).toHaveAccessibleDescription(
			`${ FORGET_EXPLANATION } 2 orders are waiting for Meum: their payments will then not update the orders.`
		);
	} );
} );
