/**
 * The shared preamble of the page tests: rendering the page from a state,
 * the mocks' handles, and the queries every test file uses. Each test file
 * still calls `jest.mock()` for `@wordpress/api-fetch` and `@wordpress/a11y`
 * (Jest hoists those calls per file); `mockApi()` below is the factory.
 */

/**
 * External dependencies
 */
import { jest } from '@jest/globals';
import { render, screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';

/**
 * WordPress dependencies
 */
import apiFetch from '@wordpress/api-fetch';
import { speak } from '@wordpress/a11y';

/**
 * Internal dependencies
 */
import { SettingsApp } from '../../../src/settings/components/settings-app';
import type {
	ConnectionState,
	MeumWcSettings,
} from '../../../src/settings/types';
import { settingsFor } from './fixtures';

/** The mocked api-fetch (the test file must mock the module). */
export const apiFetchMock = jest.mocked( apiFetch );

/** The mocked `speak()` (the test file must mock `@wordpress/a11y`). */
export const speakMock = jest.mocked( speak );

/** The user of a rendered page. */
export type User = ReturnType< typeof userEvent.setup >;

/**
 * Renders the page as the PHP page would print it for a state.
 *
 * @param state    The preloaded state.
 * @param settings Other printed settings to override.
 * @return The user.
 */
export function renderPage(
	state: ConnectionState,
	settings: Partial< MeumWcSettings > = {}
): User {
	const user = userEvent.setup();
	render(
		<SettingsApp settings={ { ...settingsFor( state ), ...settings } } />
	);
	return user;
}

/**
 * A button by its accessible name.
 *
 * @param name The name.
 * @return The button.
 */
export const button = ( name: string ) =>
	screen.getByRole( 'button', { name } );

/**
 * A button by its accessible name, or `null`.
 *
 * @param name The name.
 * @return The button, or `null`.
 */
export const queryButton = ( name: string ) =>
	screen.queryByRole( 'button', { name } );

/**
 * The connection key field.
 *
 * @return The input.
 */
export const keyField = () => screen.getByLabelText( 'Connection key' );

/**
 * The value next to a label of a definition list.
 *
 * @param label The visible label.
 * @return The `<dd>`.
 */
export function detail( label: string ): HTMLElement {
	const term = screen.getByText( label, { selector: 'dt' } );
	return term.nextElementSibling as HTMLElement;
}

/**
 * The `<time>` element inside an element.
 *
 * @param element The element.
 * @return The time element.
 */
export const timeIn = ( element: HTMLElement ) =>
	within( element ).getByText(
		( _content, node ) => node?.tagName === 'TIME'
	);

/**
 * Types a key and presses "Connect".
 *
 * @param user The user.
 * @param key  The key.
 */
export async function submitKey( user: User, key = 'sk_live_test_key' ) {
	await user.type( keyField(), key );
	await user.click( button( 'Connect' ) );
}

/**
 * The summary at the top of the page.
 *
 * @return The section.
 */
export const summary = () =>
	screen.getByRole( 'region', {
		name: /^(Connected|Action needed|Not connected)/,
	} );

/**
 * The support codes shown on the page, in document order.
 *
 * @return Their text.
 */
export const supportCodes = (): string[] =>
	Array.from( document.querySelectorAll( '.meum-wc-support-code' ) ).map(
		( element ) => element.textContent ?? ''
	);

/** The payout step, said once. */
export const PAYOUT_WARNING =
	'Payments may be blocked until a payout wallet is set in Meum.';
