/**
 * WordPress dependencies
 */
import { Notice } from '@wordpress/components';
import { createInterpolateElement } from '@wordpress/element';
import { __ } from '@wordpress/i18n';

/**
 * Internal dependencies
 */
import { supportCode } from '../errors';
import type { ErrorDescription } from '../types';

/**
 * Props of `SupportCode`.
 */
export interface SupportCodeProps {
	/** A REST code or Meum's code. */
	code: string;
}

/**
 * The code to quote to support, written the same way in the error notices
 * and the diagnostics (`supportCode()`).
 *
 * @param props      The props.
 * @param props.code The code.
 * @return The code element.
 */
export const SupportCode = ( { code }: SupportCodeProps ) => (
	<code className="meum-wc-support-code">{ supportCode( code ) }</code>
);

/**
 * Props of `ErrorNotice`.
 */
export interface ErrorNoticeProps {
	/** The failure to show, from `describeError()`. */
	error: ErrorDescription;
}

/**
 * An error notice for a failed request: the headline, the server's
 * message, the messages about fields other than the key (with where those
 * values come from) and the code for support. The headline is announced by
 * `useConnection`, so the notice itself stays silent.
 *
 * @param props       The props.
 * @param props.error The failure.
 * @return The notice.
 */
export function ErrorNotice( { error }: ErrorNoticeProps ) {
	return (
		<Notice
			status="error"
			isDismissible={ false }
			spokenMessage=""
			className="meum-wc-notice"
		>
			<p>
				<strong>{ error.headline }</strong>
			</p>
			{ error.message && <p>{ error.message }</p> }
			{ error.fieldErrors.length > 0 && (
				<>
					<ul className="meum-wc-field-list">
						{ error.fieldErrors.map( ( { field, message } ) => (
							<li key={ field }>
								{ createInterpolateElement(
									/* translators: <field />: the name of a value this site sent, e.g. site_url, <message />: Meum's message about it. */
									__(
										'<field />: <message />',
										'meum-woocommerce'
									),
									{
										field: <code>{ field }</code>,
										message: <span>{ message }</span>,
									}
								) }
							</li>
						) ) }
					</ul>
					<p>
						{ __(
							'These values come from your WordPress settings (Settings › General).',
							'meum-woocommerce'
						) }
					</p>
				</>
			) }
			<p>
				{ createInterpolateElement(
					/* translators: <code />: the code for support, e.g. SITE_ALREADY_CONNECTED. */
					__(
						'Error code for support: <code />',
						'meum-woocommerce'
					),
					{ code: <SupportCode code={ error.code } /> }
				) }
			</p>
		</Notice>
	);
}
