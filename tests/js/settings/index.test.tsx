/**
 * External dependencies
 */
import {
	describe,
	it,
	expect,
	jest,
	beforeEach,
	afterEach,
} from '@jest/globals';
import { screen } from '@testing-library/react';

/**
 * WordPress dependencies
 */
import apiFetch from '@wordpress/api-fetch';

/**
 * Internal dependencies
 */
import { connected, settingsFor } from './fixtures';

jest.mock( '@wordpress/api-fetch', () => ( {
	__esModule: true,
	default: jest.fn(),
} ) );
jest.mock( '@wordpress/a11y', () => ( { speak: jest.fn() } ) );

/**
 * Runs the entry script afresh, as the browser does after the PHP page. The
 * entry and its React are loaded in their own module registry, so the
 * render is awaited with that React's `act`.
 */
async function runEntry() {
	let rendered: Promise< void > = Promise.resolve();
	jest.isolateModules( () => {
		const { act } = require( 'react' ) as typeof import( 'react' );
		rendered = act( async () => {
			require( '../../../src/settings/index' );
		} );
	} );
	await rendered;
}

beforeEach( () => {
	jest.mocked( apiFetch ).mockReset();
} );

afterEach( () => {
	document.body.innerHTML = '';
	delete window.meumWcSettings;
} );

describe( 'the settings page entry', () => {
	it( 'mounts the page into the root element from the preloaded state without a request', async () => {
		document.body.innerHTML = '<div id="meum-wc-settings-root"></div>';
		window.meumWcSettings = settingsFor( connected );

		await runEntry();

		expect(
			screen.getByRole( 'heading', { level: 2, name: 'Meum' } )
		).toBeInTheDocument();
		expect( screen.getByText( 'Demo Store' ) ).toBeInTheDocument();
		expect( apiFetch ).not.toHaveBeenCalled();
	} );

	it( 'does nothing when the root element is missing', async () => {
		document.body.innerHTML = '<div id="wpbody"></div>';
		window.meumWcSettings = settingsFor( connected );

		await runEntry();

		expect( document.body.innerHTML ).toBe( '<div id="wpbody"></div>' );
	} );

	it( 'shows an error instead of a blank page when the preloaded state is missing', async () => {
		document.body.innerHTML = '<div id="meum-wc-settings-root"></div>';

		await runEntry();

		expect(
			screen.getByText(
				'The Meum settings could not be loaded. Reload the page; if this keeps happening, reinstall the plugin.'
			)
		).toBeInTheDocument();
	} );
} );
