/**
 * External dependencies
 */
import type { MouseEvent, ReactNode } from 'react';

/**
 * WordPress dependencies
 */
import { Button, Flex, Notice } from '@wordpress/components';
import { createInterpolateElement, useId } from '@wordpress/element';
import { __, sprintf } from '@wordpress/i18n';

/**
 * Internal dependencies
 */
import { REFUSAL_REASONS } from '../api';
import { meumWordLabel } from '../summary';
import { describeWebhookTest, refusalReasonLabel } from '../messages';
import type {
	ErrorDescription,
	WebhookCounts,
	WebhookHealth,
	WebhookTestResult,
} from '../types';
import { BusyIndicator } from './busy-indicator';
import { DetailList, Timestamp } from './connection-details';
import { ErrorNotice } from './error-notice';

/**
 * Formats a timestamp in UTC, e.g. `2026-11-29 12:00:00 UTC`, for comparing
 * the server's clock with a watch.
 *
 * @param iso An ISO 8601 timestamp.
 * @return The UTC date and time, or the input when it is not a date.
 */
export function formatUtc( iso: string ): string {
	const date = new Date( iso );
	if ( Number.isNaN( date.getTime() ) ) {
		return iso;
	}
	return `${ date.toISOString().slice( 0, 19 ).replace( 'T', ' ' ) } UTC`;
}

/**
 * Props of `DeliveryCounts`.
 */
export interface DeliveryCountsProps {
	/** The table's caption, naming where the deliveries came from. */
	caption: string;
	/** The counts. */
	counts: WebhookCounts;
}

/**
 * Delivery counts as a small table: accepted, duplicates, and one row per
 * refusal reason in words (in the receiver's order; unknown reasons last,
 * as sent), or a single "Refused" row with 0.
 *
 * @param props         The props.
 * @param props.caption The caption.
 * @param props.counts  The counts.
 * @return The table.
 */
export function DeliveryCounts( { caption, counts }: DeliveryCountsProps ) {
	const rank = ( reason: string ) => {
		const index = ( REFUSAL_REASONS as readonly string[] ).indexOf(
			reason
		);
		return index === -1 ? REFUSAL_REASONS.length : index;
	};
	const refused = Object.entries( counts.refused ).sort(
		( [ a ], [ b ] ) => rank( a ) - rank( b )
	);
	const rows: Array< [ string, string, number ] > = [
		[ 'accepted', __( 'Accepted', 'meum-woocommerce' ), counts.accepted ],
		[
			'duplicate',
			__( 'Duplicates', 'meum-woocommerce' ),
			counts.duplicate,
		],
	];
	if ( refused.length === 0 ) {
		rows.push( [ 'refused', __( 'Refused', 'meum-woocommerce' ), 0 ] );
	}
	for ( const [ reason, count ] of refused ) {
		rows.push( [
			`refused-${ reason }`,
			sprintf(
				/* translators: %s: why deliveries were refused, e.g. "Invalid signature". */
				__( 'Refused: %s', 'meum-woocommerce' ),
				refusalReasonLabel( reason )
			),
			count,
		] );
	}

	return (
		<table className="meum-wc-counts">
			<caption>{ caption }</caption>
			<tbody>
				{ rows.map( ( [ key, label, count ] ) => (
					<tr key={ key }>
						<th scope="row">{ label }</th>
						<td>{ count }</td>
					</tr>
				) ) }
			</tbody>
		</table>
	);
}

/**
 * Props of `WebhookHealthPanel`.
 */
export interface WebhookHealthPanelProps {
	/** What the webhook receiver saw. */
	webhooks: WebhookHealth;
	/**
	 * Meum's own word for the webhook (`webhook_health` of its status
	 * check), shown in the page's words as "Meum's view", or `null`.
	 */
	meumStatus: string | null;
	/** Whether a test delivery can be sent (a usable connection). */
	canTest: boolean;
	/** A request is running: the test button is disabled. */
	isBusy: boolean;
	/** The running request is a test delivery: the button is busy. */
	isTesting: boolean;
	/** The latest test delivery's result, or `null`. */
	testResult: WebhookTestResult | null;
	/** The failure of the latest test delivery request, or `null`. */
	testError: ErrorDescription | null;
	/**
	 * Sends a test delivery.
	 *
	 * @param button The button that was pressed.
	 */
	onTest: ( button: HTMLElement ) => void;
}

/**
 * The "Webhook health" panel: warnings when the latest delivery from Meum
 * was refused after earlier ones were accepted and when the refusals point
 * at this server's clock (with its time in UTC), when monitoring started,
 * the latest accepted and refused deliveries, the counts of Meum's
 * deliveries and, apart, of the test deliveries sent from this page, and
 * the "Test webhook delivery" button with the result or the failure of the
 * latest test. Its notices are announced by `useConnection`, not here.
 *
 * @param props            The props.
 * @param props.webhooks   What the webhook receiver saw.
 * @param props.meumStatus Meum's word for the webhook, or `null`.
 * @param props.canTest    Whether to offer the test button.
 * @param props.isBusy     A request is running.
 * @param props.isTesting  A test delivery is running.
 * @param props.testResult The latest test delivery's result, or `null`.
 * @param props.testError  The latest test request's failure, or `null`.
 * @param props.onTest     Sends a test delivery.
 * @return The panel.
 */
export function WebhookHealthPanel( {
	webhooks,
	meumStatus,
	canTest,
	isBusy,
	isTesting,
	testResult,
	testError,
	onTest,
}: WebhookHealthPanelProps ) {
	const id = useId();
	const headingId = `meum-wc-webhooks-${ id }`;
	const missing = __( 'Not available', 'meum-woocommerce' );
	const {
		monitoring_since: since,
		server_time: serverTime,
		last_accepted: accepted,
		last_refused: refused,
	} = webhooks;
	const timeOf = ( at: string | null ) =>
		at ? <Timestamp iso={ at } /> : <span>{ missing }</span>;
	const test = testResult ? describeWebhookTest( testResult ) : null;

	// A test delivery this page just sent and the receiver accepted counts
	// as the latest accepted one when it is newer than Meum's.
	const testAcceptedAt =
		testResult?.result === 'accepted'
			? testResult.state.webhooks.server_time
			: null;
	let lastAccepted: ReactNode = __( 'None yet', 'meum-woocommerce' );
	if (
		testAcceptedAt &&
		( ! accepted?.at ||
			Date.parse( testAcceptedAt ) >= Date.parse( accepted.at ) )
	) {
		lastAccepted = createInterpolateElement(
			/* translators: <time />: when the test delivery was accepted. */
			__( '<time /> (test delivery from this page)', 'meum-woocommerce' ),
			{ time: timeOf( testAcceptedAt ) }
		);
	} else if ( accepted ) {
		lastAccepted = accepted.event_type
			? createInterpolateElement(
					/* translators: <time />: when the delivery arrived, <type />: its event type, e.g. invoice.paid. */
					__( '<time /> (<type />)', 'meum-woocommerce' ),
					{
						time: timeOf( accepted.at ),
						type: <code>{ accepted.event_type }</code>,
					}
				)
			: timeOf( accepted.at );
	}
	let lastRefused: ReactNode = __( 'None', 'meum-woocommerce' );
	if ( refused ) {
		lastRefused = refused.reason
			? createInterpolateElement(
					/* translators: <time />: when the delivery arrived, <reason />: why it was refused, e.g. "Invalid signature". */
					__( '<time /> (<reason />)', 'meum-woocommerce' ),
					{
						time: timeOf( refused.at ),
						reason: (
							<span>
								{ refusalReasonLabel( refused.reason ) }
							</span>
						),
					}
				)
			: timeOf( refused.at );
	}

	return (
		<section className="meum-wc-webhooks" aria-labelledby={ headingId }>
			<h3 id={ headingId }>
				{ __( 'Webhook health', 'meum-woocommerce' ) }
			</h3>
			{ ( webhooks.refusal_after_acceptance ||
				webhooks.clock_skew_suspected ) && (
				<Notice
					status="warning"
					isDismissible={ false }
					spokenMessage=""
				>
					{ webhooks.refusal_after_acceptance && (
						<p>
							<strong>
								{ __(
									'The latest delivery from Meum was refused, after earlier ones were accepted. Check the reason below.',
									'meum-woocommerce'
								) }
							</strong>
						</p>
					) }
					{ webhooks.clock_skew_suspected && (
						<p>
							{ serverTime
								? sprintf(
										/* translators: %s: the server's time in UTC, e.g. 2026-11-29 12:00:00 UTC. */
										__(
											"Deliveries are refused for their timestamp. Check this server's clock: it reads %s.",
											'meum-woocommerce'
										),
										formatUtc( serverTime )
									)
								: __(
										"Deliveries are refused for their timestamp. Check this server's clock.",
										'meum-woocommerce'
									) }
						</p>
					) }
				</Notice>
			) }
			<DetailList
				rows={ [
					[
						__( "Meum's view", 'meum-woocommerce' ),
						meumWordLabel( meumStatus ),
					],
					[
						__( 'Monitoring since', 'meum-woocommerce' ),
						since ? (
							<Timestamp key="since" iso={ since } />
						) : (
							missing
						),
					],
					[
						__( 'Last accepted delivery', 'meum-woocommerce' ),
						lastAccepted,
					],
					[
						__( 'Last refused delivery', 'meum-woocommerce' ),
						lastRefused,
					],
				] }
			/>
			<div className="meum-wc-counts-group">
				<DeliveryCounts
					caption={ __( 'Deliveries from Meum', 'meum-woocommerce' ) }
					counts={ webhooks.counts }
				/>
				<DeliveryCounts
					caption={ __(
						'Test deliveries from this page',
						'meum-woocommerce'
					) }
					counts={ webhooks.self_test_counts }
				/>
			</div>
			{ test && (
				<Notice
					status={ test.status }
					isDismissible={ false }
					spokenMessage=""
				>
					<p>
						<strong>{ test.headline }</strong>
					</p>
					{ test.message && <p>{ test.message }</p> }
				</Notice>
			) }
			{ testError && <ErrorNotice error={ testError } /> }
			{ canTest && (
				<Flex justify="flex-start" gap={ 3 } wrap>
					<Button
						variant="secondary"
						__next40pxDefaultSize
						disabled={ isBusy }
						aria-busy={ isTesting || undefined }
						onClick={ ( event: MouseEvent< HTMLElement > ) =>
							onTest( event.currentTarget )
						}
					>
						{ __( 'Test webhook delivery', 'meum-woocommerce' ) }
					</Button>
					{ isTesting && (
						<BusyIndicator
							label={ __(
								'Sending a test delivery…',
								'meum-woocommerce'
							) }
						/>
					) }
				</Flex>
			) }
		</section>
	);
}
