/**
 * The answer at the top of the page: is this store connected, and can it
 * take Meum payments once payments are switched on; if not, the next step.
 * Also the page's own words for Meum's status strings, so no badge repeats
 * a word of Meum's that contradicts the answer.
 */

/**
 * WordPress dependencies
 */
import { __, sprintf } from '@wordpress/i18n';

/**
 * Internal dependencies
 */
import { reconnectReason } from './messages';
import type {
	ConnectionState,
	ConnectionSummary,
	SiteChange,
	SummaryKind,
	SummaryStep,
} from './types';

/**
 * Whether a state calls for the payout warning.
 *
 * @param state A connection state.
 * @return True when no payout wallet is set or Meum sent a warning.
 */
export const needsPayoutWarning = ( state: ConnectionState ): boolean =>
	state.payout_configured === false || !! state.warning;

/**
 * Facts of the page that are not in the state.
 */
export interface SummaryFacts {
	/** A disconnect failed and "Forget locally" is offered. */
	disconnectFailed: boolean;
}

/**
 * Whether a site change is the webhook URL alone (e.g. permalinks switched
 * to plain): a reconnect registers it; no new-site/same-site choice.
 *
 * @param change The state's `site_change`.
 * @return True for a webhook-only change.
 */
export const isWebhookOnlyChange = ( change: SiteChange ): boolean =>
	change.kind === 'webhook';

/**
 * A step of the summary.
 *
 * @param id     The step's id.
 * @param title  The step in a few words.
 * @param detail What to do and why, or `null`.
 * @param items  Items the step refers to.
 * @return The step.
 */
const step = (
	id: string,
	title: string,
	detail: string | null = null,
	items: string[] = []
): SummaryStep => ( { id, title, detail, items } );

/**
 * Meum's issues, without the payout issue when the payout step says it.
 *
 * @param state The state.
 * @return The issues to list.
 */
const otherIssues = ( state: ConnectionState ): string[] =>
	needsPayoutWarning( state )
		? state.issues.filter( ( issue ) => ! /payout/i.test( issue ) )
		: state.issues;

/**
 * What the site itself needs before it can take payments: WooCommerce.
 *
 * @param state The state.
 * @return The steps.
 */
function siteSteps( state: ConnectionState ): SummaryStep[] {
	const steps: SummaryStep[] = [];
	if ( ! state.environment.woocommerce_active ) {
		steps.push(
			step(
				'woocommerce',
				__( 'activate WooCommerce', 'meum-woocommerce' ),
				__(
					'You can connect without it, but taking payments needs WooCommerce.',
					'meum-woocommerce'
				)
			)
		);
	}
	return steps;
}

/**
 * What the summary warns of without changing its answer: an http site
 * address (Meum lets it connect, for local development; payments on it are
 * unsafe).
 *
 * @param state The state.
 * @return The warnings.
 */
function siteWarnings( state: ConnectionState ): SummaryStep[] {
	const warnings: SummaryStep[] = [];
	if ( ! state.environment.home_url_is_https ) {
		warnings.push(
			step(
				'https',
				__( 'use https', 'meum-woocommerce' ),
				sprintf(
					/* translators: %s: the site's address, e.g. http://example.com. */
					__(
						'Your site address (%s) does not use https. Payments on http sites are unsafe; use https for a live store.',
						'meum-woocommerce'
					),
					state.environment.home_url
				)
			)
		);
	}
	return warnings;
}

/**
 * What stands between the stored connection and taking payments.
 *
 * @param state The state (connected).
 * @param facts The page's facts.
 * @return The steps, most urgent first.
 */
function connectionSteps(
	state: ConnectionState,
	facts: SummaryFacts
): SummaryStep[] {
	const steps: SummaryStep[] = [];
	if ( facts.disconnectFailed ) {
		steps.push(
			step(
				'disconnect_failed',
				__( 'finish disconnecting', 'meum-woocommerce' ),
				__(
					'Meum could not be told. Try Disconnect again, or use “Forget locally” below.',
					'meum-woocommerce'
				)
			)
		);
	}
	const change = state.site_change;
	if ( change && isWebhookOnlyChange( change ) ) {
		steps.push(
			step(
				'webhook_changed',
				__(
					'reconnect to register the new webhook address',
					'meum-woocommerce'
				),
				sprintf(
					/* translators: 1: the webhook address registered with Meum, 2: the current one. */
					__(
						'The webhook address changed from %1$s to %2$s (for example after a permalink change), so deliveries from Meum would not arrive. Reconnect with a connection key to register it; the stored key is not used until then.',
						'meum-woocommerce'
					),
					change.connected_webhook_url ?? '?',
					change.current_webhook_url ?? '?'
				)
			)
		);
	} else if ( change ) {
		steps.push(
			step(
				'site_changed',
				__( 'confirm the new site address', 'meum-woocommerce' ),
				__(
					'Choose below whether this is a new site or the same site at a new address; the stored key is not used until then.',
					'meum-woocommerce'
				)
			)
		);
	}
	if ( state.reconnect_required ) {
		steps.push(
			step(
				'reconnect',
				__( 'reconnect with a new key from Meum', 'meum-woocommerce' ),
				reconnectReason( state.reconnect_reason )
			)
		);
	}
	if ( needsPayoutWarning( state ) ) {
		steps.push(
			step(
				'payout',
				__( 'set a payout wallet in Meum', 'meum-woocommerce' ),
				// Meum's own warning when it sent one, else ours: said once.
				state.warning ??
					__(
						'Payments may be blocked until a payout wallet is set in Meum.',
						'meum-woocommerce'
					)
			)
		);
	}
	const issues = otherIssues( state );
	if ( issues.length > 0 ) {
		steps.push(
			step(
				'issues',
				__( 'fix what Meum reports', 'meum-woocommerce' ),
				null,
				issues
			)
		);
	}
	return steps;
}

/**
 * The summary of a state.
 *
 * @param state The connection state.
 * @param facts The page's facts that are not in the state.
 * @return The kind, the steps (the first being the one next step) and the
 *         warnings that do not change the answer.
 */
export function summarize(
	state: ConnectionState,
	facts: SummaryFacts
): ConnectionSummary {
	if ( ! state.connected ) {
		let connectStep = state.encryption.available
			? step(
					'connect',
					__( 'connect with a connection key', 'meum-woocommerce' ),
					__(
						'Create a WooCommerce connection key in your Meum dashboard and paste it below.',
						'meum-woocommerce'
					)
				)
			: step(
					'encryption',
					__(
						'add an encryption key to wp-config.php',
						'meum-woocommerce'
					),
					__(
						'The Meum credentials can only be stored encrypted. Add the line shown below, then reload this page and connect.',
						'meum-woocommerce'
					)
				);
		if ( state.encryption.available && state.reconnect_required ) {
			connectStep = step(
				'reconnect',
				__( 'reconnect with a new key from Meum', 'meum-woocommerce' ),
				reconnectReason( state.reconnect_reason )
			);
		}
		return {
			kind: 'not_connected',
			steps: [ connectStep, ...siteSteps( state ) ],
			warnings: siteWarnings( state ),
		};
	}
	const steps = [ ...connectionSteps( state, facts ), ...siteSteps( state ) ];
	return {
		kind: steps.length > 0 ? 'action_needed' : 'connected',
		steps,
		warnings: siteWarnings( state ),
	};
}

/**
 * The words of the page's one status badge.
 *
 * @param kind The summary's kind.
 * @return The translated label.
 */
export function summaryLabel( kind: SummaryKind ): string {
	switch ( kind ) {
		case 'connected':
			return __( 'Connected', 'meum-woocommerce' );
		case 'action_needed':
			return __( 'Action needed', 'meum-woocommerce' );
	}
	return __( 'Not connected', 'meum-woocommerce' );
}

/**
 * The summary's headline: "Connected", "Action needed: <the next step>" or
 * "Not connected".
 *
 * @param summary The summary.
 * @return The translated headline.
 */
export function summaryHeadline( summary: ConnectionSummary ): string {
	const [ next ] = summary.steps;
	if ( summary.kind === 'action_needed' && next ) {
		return sprintf(
			/* translators: %s: the next step, e.g. "set a payout wallet in Meum". */
			__( 'Action needed: %s', 'meum-woocommerce' ),
			next.title
		);
	}
	return summaryLabel( summary.kind );
}

/**
 * How the page words one of Meum's status strings.
 */
export type MeumWordTone = 'good' | 'attention' | 'problem' | 'unknown';

/** Meum's status words (integration, health, webhook) and their tone. */
const MEUM_WORD_TONES: Readonly< Record< string, MeumWordTone > > = {
	ACTIVE: 'good',
	CONNECTED: 'good',
	HEALTHY: 'good',
	OK: 'good',
	DEGRADED: 'attention',
	WARNING: 'attention',
	PENDING: 'attention',
	UNHEALTHY: 'problem',
	FAILING: 'problem',
	DOWN: 'problem',
	DISABLED: 'problem',
	INACTIVE: 'problem',
	REVOKED: 'problem',
};

/**
 * The tone of one of Meum's status strings.
 *
 * @param word Meum's word, e.g. `ACTIVE`, or `null`.
 * @return The tone; `unknown` for words the page does not know.
 */
export const meumWordTone = ( word: string | null ): MeumWordTone =>
	( word && MEUM_WORD_TONES[ word.toUpperCase() ] ) || 'unknown';

/**
 * One of Meum's status strings in the page's words.
 *
 * @param word Meum's word, e.g. `HEALTHY`, or `null`.
 * @return The translated words: "Working", "Needs attention", "Not
 *         working", or "Not reported" / "Unknown (WORD)".
 */
export function meumWordLabel( word: string | null ): string {
	switch ( meumWordTone( word ) ) {
		case 'good':
			return __( 'Working', 'meum-woocommerce' );
		case 'attention':
			return __( 'Needs attention', 'meum-woocommerce' );
		case 'problem':
			return __( 'Not working', 'meum-woocommerce' );
	}
	return word
		? sprintf(
				/* translators: %s: a status word Meum sent that the plugin does not know. */
				__( 'Unknown (%s)', 'meum-woocommerce' ),
				word
			)
		: __( 'Not reported', 'meum-woocommerce' );
}
