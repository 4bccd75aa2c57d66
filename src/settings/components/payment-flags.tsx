/**
 * WordPress dependencies
 */
import { Button, Notice } from '@wordpress/components';
import { useState } from '@wordpress/element';
import { __, sprintf } from '@wordpress/i18n';

/**
 * Internal dependencies
 */
import { dismissFlag, isRecord, stringOrNull } from '../api';
import type { PaymentFlag } from '../types';

/**
 * Props of `PaymentFlags`.
 */
export interface PaymentFlagsProps {
	/** The flags the page printed, newest first. */
	flags: PaymentFlag[];
	/** The dismiss route's path, or `null` (then no Dismiss buttons). */
	flagsPath: string | null;
}

/**
 * The payments that need the merchant (paid another way, paid twice,
 * overpaid, another currency…), each with its order and a Dismiss button.
 * Dismissing removes the item here; the order's note stays. Renders nothing
 * when there is no flag.
 *
 * @param props           The props.
 * @param props.flags     The printed flags.
 * @param props.flagsPath The dismiss route's path.
 * @return The list, or nothing.
 */
export function PaymentFlags( { flags, flagsPath }: PaymentFlagsProps ) {
	const [ items, setItems ] = useState( flags );
	const [ busyId, setBusyId ] = useState< string | null >( null );
	const [ error, setError ] = useState< string | null >( null );

	if ( items.length === 0 ) {
		return null;
	}

	const dismiss = async ( id: string ) => {
		if ( ! flagsPath ) {
			return;
		}
		setBusyId( id );
		setError( null );
		try {
			setItems( await dismissFlag( flagsPath, id ) );
		} catch ( failure: unknown ) {
			const message = isRecord( failure )
				? stringOrNull( failure.message )
				: null;
			setError(
				message
					? sprintf(
							/* translators: %s: the server's error message. */
							__(
								'The payment could not be dismissed: %s',
								'meum-woocommerce'
							),
							message
						)
					: __(
							'The payment could not be dismissed. Reload the page and try again.',
							'meum-woocommerce'
						)
			);
		} finally {
			setBusyId( null );
		}
	};

	return (
		<section
			className="meum-wc-flags"
			aria-labelledby="meum-wc-flags-heading"
		>
			<h3 id="meum-wc-flags-heading">
				{ __( 'Payments to look at', 'meum-woocommerce' ) }
			</h3>
			{ error && (
				<Notice status="error" isDismissible={ false }>
					{ error }
				</Notice>
			) }
			<ul className="meum-wc-flags__list">
				{ items.map( ( flag ) => {
					const order = sprintf(
						/* translators: %d: the order's id. */
						__( 'Order #%d', 'meum-woocommerce' ),
						flag.orderId
					);
					return (
						<li key={ flag.id } className={ `is-${ flag.kind }` }>
							{ flag.orderUrl ? (
								<a href={ flag.orderUrl }>{ order }</a>
							) : (
								<strong>{ order }</strong>
							) }
							{ ': ' }
							{ flag.message }{ ' ' }
							{ flagsPath && (
								<Button
									variant="link"
									isBusy={ busyId === flag.id }
									disabled={ busyId !== null }
									accessibleWhenDisabled
									label={ sprintf(
										/* translators: %d: the order's id. */
										__(
											'Dismiss the payment of order #%d',
											'meum-woocommerce'
										),
										flag.orderId
									) }
									onClick={ () => dismiss( flag.id ) }
								>
									{ __( 'Dismiss', 'meum-woocommerce' ) }
								</Button>
							) }
						</li>
					);
				} ) }
			</ul>
		</section>
	);
}
