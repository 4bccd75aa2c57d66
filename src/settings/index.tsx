/**
 * WordPress dependencies
 */
import { createRoot } from '@wordpress/element';

/**
 * Internal dependencies
 */
import { readSettings } from './api';
import { SettingsApp, SettingsLoadError } from './components/settings-app';
import './settings.scss';

/**
 * Mounts the settings page into `#meum-wc-settings-root`, from the state the
 * PHP page printed in `window.meumWcSettings`. Does nothing when the root
 * element is missing.
 */
const root = document.getElementById( 'meum-wc-settings-root' );
if ( root ) {
	const settings = readSettings( window.meumWcSettings );
	createRoot( root ).render(
		settings ? <SettingsApp settings={ settings } /> : <SettingsLoadError />
	);
}
