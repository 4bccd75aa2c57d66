/**
 * Entry of `build/return-page.js`, enqueued by Return_Page on the
 * order-received page of a waiting Meum order (classic and block themes).
 */
import { startPolling } from './poll';

const start = () =>
	document
		.querySelectorAll< HTMLElement >(
			'.meum-wc-order-status[data-meum-state-url]'
		)
		.forEach( ( section ) => startPolling( section ) );

if ( document.readyState === 'loading' ) {
	document.addEventListener( 'DOMContentLoaded', start );
} else {
	start();
}
