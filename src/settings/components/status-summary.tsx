/**
 * WordPress dependencies
 */
import { useId } from '@wordpress/element';
import { __, _n, sprintf } from '@wordpress/i18n';

/**
 * Internal dependencies
 */
import { summaryHeadline } from '../summary';
import type { ConnectionSummary, PaymentsState, SummaryStep } from '../types';

/**
 * Props of `StatusSummary`.
 */
export interface StatusSummaryProps {
	/** The answer and the steps, from `summarize()`. */
	summary: ConnectionSummary;
	/** The store's name in Meum, or `null`. */
	storeName: string | null;
	/**
	 * The payment gateway's state; `null` without WooCommerce (no gateway).
	 */
	payments: PaymentsState | null;
}

/**
 * The payments line: what the gateway reports, or that payments need
 * WooCommerce.
 *
 * @param payments The gateway's state, or `null`.
 * @return The translated sentence.
 */
export function paymentsLine( payments: PaymentsState | null ): string {
	if ( ! payments ) {
		return __( 'Payments: need WooCommerce.', 'meum-woocommerce' );
	}
	if ( ! payments.enabled ) {
		return __(
			'Payments: switched off in WooCommerce › Settings › Payments.',
			'meum-woocommerce'
		);
	}
	if ( ! payments.available ) {
		return payments.reason
			? sprintf(
					/* translators: %s: why checkout does not offer Meum. */
					__(
						'Payments: switched on, but not offered at checkout: %s',
						'meum-woocommerce'
					),
					payments.reason
				)
			: __(
					'Payments: switched on, but not offered at checkout.',
					'meum-woocommerce'
				);
	}
	return __(
		'Payments: switched on and offered at checkout.',
		'meum-woocommerce'
	);
}

/**
 * The line about payments a status check found because their webhook never
 * came: the sign that the webhook URL is blocked.
 *
 * @param payments The gateway's state, or `null`.
 * @return The translated sentence, or `null` when there were none.
 */
export function reconciledLine(
	payments: PaymentsState | null
): string | null {
	if ( ! payments || payments.reconciled < 1 ) {
		return null;
	}
	return sprintf(
		/* translators: %d: number of payments. */
		_n(
			"%d payment in the last 30 days was found by a status check because Meum's webhook never arrived: check that your webhook URL is reachable.",
			"%d payments in the last 30 days were found by a status check because Meum's webhook never arrived: check that your webhook URL is reachable.",
			payments.reconciled,
			'meum-woocommerce'
		),
		payments.reconciled
	);
}

/**
 * A step's explanation and items.
 *
 * @param props      The props.
 * @param props.step The step.
 * @return The paragraph and list, or nothing.
 */
function StepDetail( { step }: { step: SummaryStep } ) {
	return (
		<>
			{ step.detail && <p>{ step.detail }</p> }
			{ step.items.length > 0 && (
				<ul className="meum-wc-issues">
					{ step.items.map( ( item, index ) => (
						<li key={ index }>{ item }</li>
					) ) }
				</ul>
			) }
		</>
	);
}

/**
 * The summary at the top of the page: the one status ("Connected",
 * "Action needed: …" or "Not connected") as the page's only badge, the one
 * next step and why, the other steps, the payments line, and payments found
 * by a status check because their webhook never came.
 *
 * @param props           The props.
 * @param props.summary   The answer and the steps.
 * @param props.storeName The store's name in Meum.
 * @param props.payments  The gateway's state, or `null`.
 * @return The section.
 */
export function StatusSummary( {
	summary,
	storeName,
	payments,
}: StatusSummaryProps ) {
	const headingId = `meum-wc-summary-${ useId() }`;
	const [ next, ...others ] = summary.steps;
	const headline = summaryHeadline( summary );
	const reconciled = reconciledLine( payments );
	let answer: string | null = null;
	if ( summary.kind === 'connected' ) {
		answer = storeName
			? sprintf(
					/* translators: %s: the store's name in Meum. */
					__(
						'This store is connected to Meum as %s and can take Meum payments once payments are switched on.',
						'meum-woocommerce'
					),
					storeName
				)
			: __(
					'This store is connected to Meum and can take Meum payments once payments are switched on.',
					'meum-woocommerce'
				);
	} else if ( summary.kind === 'not_connected' && next ) {
		answer = sprintf(
			/* translators: %s: the next step, e.g. "connect with a connection key". */
			__( 'Next step: %s.', 'meum-woocommerce' ),
			next.title
		);
	}

	return (
		<section
			className={ `meum-wc-summary is-${ summary.kind.replace(
				'_',
				'-'
			) }` }
			aria-labelledby={ headingId }
		>
			<h3 id={ headingId } className="meum-wc-summary__headline">
				{ headline }
			</h3>
			{ answer && <p>{ answer }</p> }
			{ next && <StepDetail step={ next } /> }
			{ others.length > 0 && (
				<>
					<p>
						<strong>
							{ __( 'Also needed:', 'meum-woocommerce' ) }
						</strong>
					</p>
					<ul className="meum-wc-summary__steps">
						{ others.map( ( other ) => (
							<li key={ other.id }>
								<strong>{ other.title }</strong>
								<StepDetail step={ other } />
							</li>
						) ) }
					</ul>
				</>
			) }
			{ summary.warnings.map( ( warning ) => (
				<p key={ warning.id } className="meum-wc-summary__warning">
					{ warning.detail }
				</p>
			) ) }
			<p className="meum-wc-summary__payments">
				{ paymentsLine( payments ) }
			</p>
			{ reconciled && (
				<p className="meum-wc-summary__warning">{ reconciled }</p>
			) }
		</section>
	);
}
